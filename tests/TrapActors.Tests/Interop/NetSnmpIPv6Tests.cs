using System.Net;
using System.Net.Sockets;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Interop;

/// <summary>snmptrap over IPv6 (udp6:[::1]:PORT).</summary>
public class NetSnmpIPv6Tests() : ReceiverSpec("""trap-actors.listener.endpoints = ["udp:[::1]:0"]""")
{
    [Fact]
    public async Task A_v2c_trap_over_ipv6_is_delivered()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var port = (await ReceiverEndPointAsync(AddressFamily.InterNetworkV6)).Port;
        await SubscribeAsync(TestActor);

        var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"udp6:[::1]:{port}", "66", "1.3.6.1.4.1.8072.2.3.0.6",
            "1.3.6.1.4.1.8072.9999.6.1", "i", "6");

        Assert.True(result.ExitCode == 0, $"snmptrap: {result}");
        var n = await this.TrapAsync();
        Assert.Equal(IPAddress.IPv6Loopback, n.Origin.Source.Address);
        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.6", n.TrapOid.ToString());
        Assert.Equal(6, n.ValueOf(Snmp.Messages.Oid.Parse("1.3.6.1.4.1.8072.9999.6.1"))!.Value.AsInt32());
    }

    [Fact]
    public async Task Snmpinform_over_ipv6_gets_its_Response()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var port = (await ReceiverEndPointAsync(AddressFamily.InterNetworkV6)).Port;
        await SubscribeAsync(TestActor);

        var result = await NetSnmpTools.SnmpInformAsync("-v", "2c", "-c", "public", "-r", "0", "-t", "3", $"udp6:[::1]:{port}", "1", "1.3.6.1.4.1.8072.2.3.0.7");

        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        Assert.Equal(IPAddress.IPv6Loopback, (await this.InformAsync()).Notification.Origin.Source.Address);
    }
}
