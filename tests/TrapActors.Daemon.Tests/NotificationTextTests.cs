using System.Collections.Immutable;
using System.Net;
using TrapActors.Daemon;
using TrapActors.Snmp.Messages;
using Xunit;
using static TrapActors.Daemon.Tests.Infrastructure.Notifications;

namespace TrapActors.Daemon.Tests;

public sealed class NotificationTextTests
{
    [Fact]
    public void One_readable_line_with_time_source_version_pdu_trap_oid_and_varbinds()
    {
        var n = V2c(
            Vb("1.3.6.1.2.1.1.5.0", SnmpValue.OctetString("line1\nline2 \"q\"")),
            Vb("1.3.6.1.2.1.1.6.0", SnmpValue.OctetString(new byte[] { 0, 1 })),
            Vb("1.3.6.1.2.1.1.7.0", SnmpValue.Counter64(ulong.MaxValue)),
            Vb("1.3.6.1.2.1.1.8.0", SnmpValue.IpAddress(IPAddress.Parse("10.0.0.1"))),
            Vb("1.3.6.1.2.1.1.9.0", SnmpValue.Null));
        var line = NotificationText.FormatString(n);
        Assert.DoesNotContain('\n', line);
        Assert.Equal(
            "2026-11-27T08:44:16.123Z 192.0.2.7:1234 v2c trap 1.3.6.1.4.1.8072.2.3.0.1 uptime=4242"
            + " | 1.3.6.1.2.1.1.3.0 = TimeTicks: 4242"
            + " | 1.3.6.1.6.3.1.1.4.1.0 = ObjectIdentifier: 1.3.6.1.4.1.8072.2.3.0.1"
            + " | 1.3.6.1.2.1.1.5.0 = OctetString: \"line1\\nline2 \\\"q\\\"\""
            + " | 1.3.6.1.2.1.1.6.0 = OctetString: 0x0001"
            + " | 1.3.6.1.2.1.1.7.0 = Counter64: 18446744073709551615"
            + " | 1.3.6.1.2.1.1.8.0 = IpAddress: 10.0.0.1"
            + " | 1.3.6.1.2.1.1.9.0 = Null",
            line);
    }

    [Fact]
    public void Never_shows_the_community()
    {
        var line = NotificationText.FormatString(V2c(Origin(community: "s3cret")));
        Assert.DoesNotContain("s3cret", line);
    }

    [Fact]
    public void V1_header_and_IPv6_source()
    {
        var enterprise = Oid.Parse("1.3.6.1.4.1.9");
        var n = new SnmpNotification(NotificationKind.Trap, enterprise.Append(0, 5), 10, [], Origin(SnmpVersion.V1, "[::1]:999"), At)
        {
            PduVarBinds = ImmutableArray<VarBind>.Empty,
            V1 = new TrapV1Details(enterprise, IPAddress.Parse("127.0.0.9"), 6, 5, 10),
        };
        Assert.Equal(
            "2026-11-27T08:44:16.123Z [::1]:999 v1 trap 1.3.6.1.4.1.9.0.5 uptime=10 enterprise=1.3.6.1.4.1.9 agent=127.0.0.9 generic=6 specific=5",
            NotificationText.FormatString(n));
    }
}
