using System.Net;
using TrapActors.Security;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// The attack: reportable messages claiming source port 0, which no socket can receive on. A Report to it cannot reach
/// anyone and its send fails (a Warning and an event per datagram before). No Report is built, and each such message is
/// counted in ReportsSuppressed. A normal socket cannot send from port 0, so the processor is driven directly, with the
/// source the listener would pass on.
/// </summary>
public class UsmPortZeroTests
{
    private static readonly IPEndPoint PortZero = new(IPAddress.Loopback, 0);
    private static readonly IPEndPoint Normal = new(IPAddress.Loopback, 50162);

    private static (UsmProcessor Processor, UsmRuntime Usm) Processor()
    {
        var local = new LocalEngine([.. UsmTestData.LocalEngine], 1, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        var usm = new UsmRuntime(new UsmSettings(), local, TimeProvider.System, new UsmPolicies());
        return (new UsmProcessor(usm, DecodeLimits.Default), usm);
    }

    private static long Suppressed(UsmRuntime usm) => usm.Counters.Snapshot(usm.Reports.Refused).ReportsSuppressed;

    [Fact]
    public void A_discovery_probe_from_port_0_gets_no_Report_and_is_counted()
    {
        var (processor, usm) = Processor();
        var probe = UsmTestData.DecodeV3(UsmTestData.DiscoveryProbe(messageId: 5, requestId: 6));

        Assert.NotNull(Assert.IsType<UsmDiscovery>(processor.Process(probe, Normal)).Report);
        for (var i = 0; i < 3; i++)
            Assert.Null(Assert.IsType<UsmDiscovery>(processor.Process(probe, PortZero)).Report);

        Assert.Equal(3, Suppressed(usm));
        Assert.Equal(1, usm.Counters.Snapshot(0).ReportsSent);
    }

    [Fact]
    public void A_reportable_message_from_port_0_that_fails_USM_gets_no_Report_and_is_counted()
    {
        var (processor, usm) = Processor();
        var inform = UsmTestData.DecodeV3(UsmTestData.V3Packet("nobody", UsmTestData.LocalEngine, 7,
            V3MessageFlags.Auth | V3MessageFlags.Reportable, PduType.InformRequest));

        Assert.NotNull(Assert.IsType<UsmRejected>(processor.Process(inform, Normal)).Report);
        var fromZero = Assert.IsType<UsmRejected>(processor.Process(inform, PortZero));

        Assert.Equal(DropReason.UnknownUser, fromZero.Reason);
        Assert.Null(fromZero.Report);
        Assert.Equal(1, Suppressed(usm));
        Assert.Equal(2, usm.Counters.UnknownUserNames);
    }
}
