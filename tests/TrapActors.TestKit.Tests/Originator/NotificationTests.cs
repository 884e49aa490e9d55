using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using Xunit;

namespace TrapActors.TestKit.Tests.Originator;

/// <summary>The RFC 3584 translation between v1 trap fields and notification OIDs, and what the originator encodes.</summary>
public sealed class NotificationTests
{
    [Theory]
    [InlineData("1.3.6.1.6.3.1.1.5.3", "1.3.6.1.6.3.1.1.5", 2, 0)]
    [InlineData("1.3.6.1.6.3.1.1.5.1", "1.3.6.1.6.3.1.1.5", 0, 0)]
    [InlineData("1.3.6.1.4.1.8072.9999.0.42", "1.3.6.1.4.1.8072.9999", 6, 42)]
    [InlineData("1.3.6.1.4.1.8072.9999.7", "1.3.6.1.4.1.8072.9999", 6, 7)]
    public void A_notification_oid_becomes_the_v1_trap_fields_of_RFC_3584(string trapOid, string enterprise, int generic, int specific)
    {
        var header = Notification.Of(trapOid).ToV1Header(new byte[] { 127, 0, 0, 1 });

        Assert.Equal(Oid.Parse(enterprise), header.Enterprise);
        Assert.Equal(generic, header.GenericTrap);
        Assert.Equal(specific, header.SpecificTrap);
    }

    [Fact]
    public void V1_fields_become_the_notification_oid_and_back()
    {
        var notification = Notification.V1(Oid.Parse("1.3.6.1.4.1.8072.9999"), TrapV1Header.EnterpriseSpecific, 42);

        Assert.Equal(Oid.Parse("1.3.6.1.4.1.8072.9999.0.42"), notification.TrapOid);
        Assert.Equal(Oid.Parse("1.3.6.1.6.3.1.1.5.5"), Notification.V1(default, 4, 0).TrapOid);
    }

    [Fact]
    public void Malformed_bytes_do_not_decode_and_the_same_trap_without_the_fault_does()
    {
        using var transport = new UdpOriginatorTransport(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 9));
        using var originator = new NotificationOriginator(transport);
        var notification = Notification.Of("1.3.6.1.6.3.1.1.5.3");

        var good = originator.EncodeTrap(notification, OriginatorSecurity.V2c("public"));
        var bad = originator.EncodeTrap(notification, OriginatorSecurity.V2c("public"), OriginatorFaults.MalformedBytes);

        Assert.True(SnmpMessageDecoder.TryDecode(good, DecodeLimits.Default, out _, out _));
        Assert.False(SnmpMessageDecoder.TryDecode(bad, DecodeLimits.Default, out _, out _));
    }
}
