using System.Net;
using TrapActors.Snmp.Messages;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Interop;

/// <summary>net-snmp's real snmptrap sending v1 and v2c traps to the receiver on 127.0.0.1.</summary>
public class NetSnmpTrapTests : ReceiverSpec
{
    private async Task<string> TargetAsync() => $"127.0.0.1:{(await ReceiverEndPointAsync()).Port}";

    private static async Task RunAsync(params string[] args)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmptrap/snmpinform are not installed");
        var result = await NetSnmpTools.SnmpTrapAsync(args);
        Assert.True(result.ExitCode == 0, $"snmptrap failed: {result}");
    }

    [Fact]
    public async Task A_v1_generic_trap_is_translated()
    {
        var target = await TargetAsync();
        await SubscribeAsync(TestActor);

        await RunAsync("-v", "1", "-c", "public", target, "1.3.6.1.4.1.8072.3.2.10", "192.0.2.7", "3", "0", "4242",
            "1.3.6.1.2.1.2.2.1.1.2", "i", "2");

        var n = await this.TrapAsync();
        Assert.Equal(SnmpVersion.V1, n.Origin.Version);
        Assert.Equal("public", n.Origin.Community);
        Assert.Equal(IPAddress.Loopback, n.Origin.Source.Address);
        Assert.Equal("1.3.6.1.6.3.1.1.5.4", n.TrapOid.ToString()); // linkUp
        Assert.Equal(4242u, n.Uptime);
        Assert.NotNull(n.V1);
        Assert.Equal("1.3.6.1.4.1.8072.3.2.10", n.V1!.Enterprise.ToString());
        Assert.Equal(IPAddress.Parse("192.0.2.7"), n.V1.AgentAddress);
        Assert.Equal(3, n.V1.GenericTrap);
        Assert.Equal(0, n.V1.SpecificTrap);
        Assert.Equal(4242u, n.V1.TimeStamp);
        var ifIndex = new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.1.2"), SnmpValue.Integer32(2));
        Assert.Equal(new[] { ifIndex }, n.PduVarBinds.ToArray());
        Assert.Equal(
            new[] { WellKnownOids.SysUpTime0, WellKnownOids.SnmpTrapOid0, ifIndex.Oid, WellKnownOids.SnmpTrapAddress0, WellKnownOids.SnmpTrapEnterprise0 },
            n.VarBinds.Select(vb => vb.Oid).ToArray());
        Assert.Equal(IPAddress.Parse("192.0.2.7"), n.ValueOf(WellKnownOids.SnmpTrapAddress0)!.Value.AsIPAddress());
    }

    [Fact]
    public async Task A_v1_enterprise_specific_trap_is_translated()
    {
        var target = await TargetAsync();
        await SubscribeAsync(TestActor);

        await RunAsync("-v", "1", "-c", "public", target, "1.3.6.1.4.1.8072.3.2.10", "192.0.2.8", "6", "17", "100",
            "1.3.6.1.4.1.8072.2.1.1", "s", "enterprise text");

        var n = await this.TrapAsync();
        Assert.Equal("1.3.6.1.4.1.8072.3.2.10.0.17", n.TrapOid.ToString());
        Assert.Equal(6, n.V1!.GenericTrap);
        Assert.Equal(17, n.V1.SpecificTrap);
        Assert.Equal(100u, n.V1.TimeStamp);
        Assert.Equal("enterprise text", n.ValueOf(Oid.Parse("1.3.6.1.4.1.8072.2.1.1"))!.Value.Text());
        Assert.Equal(Oid.Parse("1.3.6.1.4.1.8072.3.2.10"), n.ValueOf(WellKnownOids.SnmpTrapEnterprise0)!.Value.AsOid());
    }

    [Fact]
    public async Task A_v2c_trap_carries_values_of_every_type()
    {
        var target = await TargetAsync();
        await SubscribeAsync(TestActor);
        const string b = "1.3.6.1.4.1.8072.9999.3";

        await RunAsync("-v", "2c", "-c", "public", target, "123456", "1.3.6.1.4.1.8072.2.3.0.1",
            $"{b}.1", "i", "-42",
            $"{b}.2", "u", "4000000000",
            $"{b}.3", "c", "77",
            $"{b}.4", "C", "18446744073709551615",
            $"{b}.5", "s", "hello trap",
            $"{b}.6", "x", "DEADBEEF",
            $"{b}.7", "o", "1.3.6.1.2.1.1.1",
            $"{b}.8", "t", "9999",
            $"{b}.9", "a", "198.51.100.17",
            $"{b}.10", "n", "");

        var n = await this.TrapAsync();
        Assert.Equal(SnmpVersion.V2c, n.Origin.Version);
        Assert.Equal(NotificationKind.Trap, n.Kind);
        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.1", n.TrapOid.ToString());
        Assert.Equal(123456u, n.Uptime);
        Assert.NotEqual(0, n.RequestId);
        Assert.Null(n.V1);
        SnmpValue V(int i) => n.ValueOf(Oid.Parse($"{b}.{i}")) ?? throw new Xunit.Sdk.XunitException($"no varbind {b}.{i}");
        Assert.Equal(SnmpValue.Integer32(-42), V(1));
        Assert.Equal(SnmpValue.Gauge32(4000000000), V(2));
        Assert.Equal(SnmpValue.Counter32(77), V(3));
        Assert.Equal(SnmpValue.Counter64(ulong.MaxValue), V(4));
        Assert.Equal("hello trap", V(5).Text());
        Assert.Equal(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, V(6).AsBytes().ToArray());
        Assert.Equal(SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.2.1.1.1")), V(7));
        Assert.Equal(SnmpValue.TimeTicks(9999), V(8));
        Assert.Equal(IPAddress.Parse("198.51.100.17"), V(9).AsIPAddress());
        Assert.Equal(SnmpType.Null, V(10).Type);
        Assert.Equal(12, n.VarBinds.Length);
    }

    [Fact]
    public async Task A_v2c_trap_with_a_wrong_community_is_dropped()
    {
        var target = await TargetAsync();
        await SubscribeAsync(TestActor);

        await RunAsync("-v", "2c", "-c", "wrong", target, "1", "1.3.6.1.4.1.8072.2.3.0.1");

        await AwaitStatsAsync(s => s.Dropped[DropReason.UnknownCommunity] == 1, "rejected");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}
