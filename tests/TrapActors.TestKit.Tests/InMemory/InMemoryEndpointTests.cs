using System.Net;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.TestKit.Tests.InMemory;

/// <summary>net-snmp's own bytes injected into a receiver that listens on an in-memory endpoint only.</summary>
public sealed class InMemoryEndpointTests : InMemoryReceiverSpec
{
    private static readonly Oid LinkDown = Oid.Parse("1.3.6.1.6.3.1.1.5.3");
    private static readonly Oid UsmStatsUnknownEngineIds = Oid.Parse("1.3.6.1.6.3.15.1.1.4.0");

    [Fact]
    public async Task The_receiver_reports_the_in_memory_endpoint_as_bound_and_binds_no_socket()
    {
        var bound = await ActivateAsync();

        Assert.Empty(bound.Failures);   // the configured port is held by this test: binding it would have failed
        var endpoint = Assert.Single(bound.Endpoints);
        Assert.Equal(Endpoint.LocalEndPoint, endpoint.LocalEndPoint);
        Assert.Equal("udp", endpoint.Transport);
        Assert.True(Endpoint.IsListening);
    }

    [Fact]
    public async Task A_v2c_trap_reaches_the_subscriber_with_the_injected_source_and_destination()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        await SubscribeAsync(TestActor);
        await ActivateAsync();
        var trap = await NetSnmpV2cTrapAsync();
        var source = new IPEndPoint(IPAddress.Parse("192.0.2.7"), 40001);
        var destination = new IPEndPoint(IPAddress.Parse("10.1.2.3"), 162);

        Endpoint.Inject(trap, source, destination);

        var notification = this.ExpectTrap(Timeout);
        Assert.Equal(LinkDown, notification.TrapOid);
        Assert.Equal(source, notification.Origin.Source);
        Assert.Equal(destination, notification.Origin.LocalEndPoint);
        Assert.Equal("public", notification.Origin.Community);
        Assert.Equal(SnmpValue.Integer32(7), notification.ValueOf(Oid.Parse("1.3.6.1.2.1.2.2.1.1.7")));
    }

    [Fact]
    public async Task A_v2c_inform_is_delivered_and_its_Response_is_read_from_the_endpoint()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        await SubscribeAsync(TestActor);
        await ActivateAsync();
        var inform = await NetSnmpV2cInformAsync();
        var source = new IPEndPoint(IPAddress.Parse("198.51.100.20"), 50162);

        Endpoint.Inject(inform, source);

        var delivered = this.ExpectInform(Timeout).Notification;
        Assert.Equal(source, delivered.Origin.Source);
        var sent = await Endpoint.ReceiveAsync(Timeout);
        Assert.Equal(source, sent.Target);
        Assert.Equal(Endpoint.LocalEndPoint, sent.From);
        var response = Assert.IsType<CommunityMessage>(sent.Decode());
        Assert.Equal(PduType.Response, response.Pdu.Type);
        Assert.Equal(RequestIdOf(inform), response.Pdu.RequestId);
        Assert.Equal(delivered.RequestId, response.Pdu.RequestId);
    }

    [Fact]
    public async Task A_v3_discovery_probe_gets_a_Report_readable_from_the_endpoint()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        await ActivateAsync();
        var probe = await NetSnmpDiscoveryProbeAsync();
        var source = new IPEndPoint(IPAddress.Parse("203.0.113.9"), 33333);

        Endpoint.Inject(probe, source);

        var (sent, pdu) = await Endpoint.ReceivePduAsync(Timeout);
        Assert.Equal(source, sent.Target);
        Assert.NotNull(pdu);   // a discovery Report is sent in plaintext
        Assert.Equal(PduType.Report, pdu.Type);
        Assert.Equal(UsmStatsUnknownEngineIds, pdu.VarBinds[0].Oid);
    }

    [Fact]
    public async Task Malformed_bytes_are_dropped_and_the_next_trap_still_arrives()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        await SubscribeAsync(TestActor);
        await ActivateAsync();
        var trap = await NetSnmpV2cTrapAsync();
        var source = new IPEndPoint(IPAddress.Loopback, 40002);

        Endpoint.Inject([0x30, 0x03, 0x02, 0x01], source);
        Endpoint.Inject(trap, source);

        Assert.Equal(LinkDown, ExpectMsg<TrapReceived>(Timeout).Notification.TrapOid);
        Assert.False(Endpoint.Sent.TryRead(out _));
    }

    private static int RequestIdOf(byte[] datagram)
    {
        Assert.True(SnmpMessageDecoder.TryDecode(datagram, DecodeLimits.Default, out var message, out var error), $"undecodable: {error}");
        return Assert.IsType<CommunityMessage>(message).Pdu.RequestId;
    }
}
