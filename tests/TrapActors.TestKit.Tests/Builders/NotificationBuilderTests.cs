using System.Net;
using TrapActors.Snmp.Messages;
using Xunit;

namespace TrapActors.TestKit.Tests.Builders;

public sealed class NotificationBuilderTests
{
    private static readonly Oid IfIndex = Oid.Parse("1.3.6.1.2.1.2.2.1.1.7");

    [Fact]
    public void The_varbinds_have_the_SNMPv2_shape_a_receiver_delivers()
    {
        var notification = NotificationBuilder.Trap(AlarmSubscriber.LinkDown).WithUptime(4200).WithVarBind(IfIndex, SnmpValue.Integer32(7)).Build();

        Assert.Equal(NotificationKind.Trap, notification.Kind);
        Assert.Equal(
            [WellKnownOids.SysUpTime0, WellKnownOids.SnmpTrapOid0, IfIndex],
            notification.VarBinds.Select(vb => vb.Oid));
        Assert.Equal(SnmpValue.TimeTicks(4200), notification.ValueOf(WellKnownOids.SysUpTime0));
        Assert.Equal(SnmpValue.ObjectIdentifier(AlarmSubscriber.LinkDown), notification.ValueOf(WellKnownOids.SnmpTrapOid0));
        Assert.Equal(SnmpValue.Integer32(7), notification.ValueOf(IfIndex));
        Assert.Equal(notification.VarBinds, notification.PduVarBinds);
        Assert.Equal(TimeSpan.FromSeconds(42), notification.SysUpTime);
    }

    [Fact]
    public void The_origin_is_v2c_public_by_default_and_v3_when_asked()
    {
        var v2c = NotificationBuilder.Trap(AlarmSubscriber.LinkDown).Build().Origin;
        Assert.Equal((SnmpVersion.V2c, "public", SecurityLevel.NoAuthNoPriv, "udp"), (v2c.Version, v2c.Community, v2c.SecurityLevel, v2c.Transport));

        var source = new IPEndPoint(IPAddress.IPv6Loopback, 1620);
        var local = new IPEndPoint(IPAddress.Parse("10.0.0.1"), 162);
        var v3 = NotificationBuilder.Inform(AlarmSubscriber.LinkDown).V3("ops", SecurityLevel.AuthPriv, [0x80, 0, 0x1F, 0x88, 4], "ctx")
            .From(source).To(local).Build().Origin;
        Assert.Equal((SnmpVersion.V3, null, "ops", SecurityLevel.AuthPriv), (v3.Version, v3.Community, v3.User, v3.SecurityLevel));
        Assert.Equal(new byte[] { 0x80, 0, 0x1F, 0x88, 4 }, v3.EngineId.ToArray());
        Assert.Equal("ctx", v3.ContextName);
        Assert.Equal(source, v3.Source);
        Assert.Equal(local, v3.LocalEndPoint);
    }

    [Fact]
    public void A_trap_is_built_as_TrapReceived_and_an_inform_as_InformReceived_only()
    {
        Assert.Throws<InvalidOperationException>(() => NotificationBuilder.Trap(AlarmSubscriber.LinkDown).BuildInform(null));
        Assert.Throws<InvalidOperationException>(() => NotificationBuilder.Inform(AlarmSubscriber.LinkDown).BuildTrap());
        Assert.False(NotificationBuilder.Inform(AlarmSubscriber.LinkDown).BuildInform(null).Acknowledgement.IsPending);
    }
}
