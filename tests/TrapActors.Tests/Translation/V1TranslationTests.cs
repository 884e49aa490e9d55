using System.Net;
using TrapActors.Snmp.Messages;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Translation;

/// <summary>SNMPv1 traps in the SNMPv2 shape, RFC 3584 §3.1 (the default v1.trap-oid-rule = rfc3584).</summary>
public class V1TranslationTests : ReceiverSpec
{
    private static readonly IPAddress Agent = IPAddress.Parse("192.0.2.1");
    private static readonly VarBind IfIndex = new(Oid.Parse("1.3.6.1.2.1.2.2.1.1.3"), SnmpValue.Integer32(3));
    private static readonly VarBind SysName = new(Oid.Parse("1.3.6.1.2.1.1.5.0"), SnmpValue.OctetString("router-1"));

    private async Task<SnmpNotification> SendV1Async(string enterprise, int generic, int specific, uint timeStamp, params VarBind[] varBinds)
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var packet = Snmp.SnmpMessageEncoder.Encode(Packets.V1Message(enterprise, Agent, generic, specific, timeStamp, "public", varBinds));
        await SendAsync(NewClient(), packet, target);
        return await this.TrapAsync();
    }

    [Fact]
    public async Task A_generic_coldStart_becomes_snmpTraps_1_with_the_rfc3584_varbinds()
    {
        var n = await SendV1Async("1.3.6.1.4.1.8072.3.2.10", generic: 0, specific: 0, timeStamp: 12345, IfIndex, SysName);

        Assert.Equal(NotificationKind.Trap, n.Kind);
        Assert.Equal(Oid.Parse("1.3.6.1.6.3.1.1.5.1"), n.TrapOid);
        Assert.Equal(12345u, n.Uptime);
        Assert.Equal(TimeSpan.FromSeconds(123.45), n.SysUpTime);
        Assert.Equal(
            new[]
            {
                new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(12345)),
                new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.6.3.1.1.5.1"))),
                IfIndex,
                SysName,
                new VarBind(WellKnownOids.SnmpTrapAddress0, SnmpValue.IpAddress(Agent)),
                new VarBind(WellKnownOids.SnmpTrapEnterprise0, SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.8072.3.2.10"))),
            },
            n.VarBinds.ToArray());
        Assert.Equal(new[] { IfIndex, SysName }, n.PduVarBinds.ToArray());
        Assert.Equal(SnmpValue.OctetString("router-1"), n.ValueOf(SysName.Oid));
    }

    [Theory]
    [InlineData(0, "1.3.6.1.6.3.1.1.5.1")] // coldStart
    [InlineData(1, "1.3.6.1.6.3.1.1.5.2")] // warmStart
    [InlineData(2, "1.3.6.1.6.3.1.1.5.3")] // linkDown
    [InlineData(3, "1.3.6.1.6.3.1.1.5.4")] // linkUp
    [InlineData(4, "1.3.6.1.6.3.1.1.5.5")] // authenticationFailure
    [InlineData(5, "1.3.6.1.6.3.1.1.5.6")] // egpNeighborLoss
    public async Task Each_generic_trap_maps_to_snmpTraps_generic_plus_one(int generic, string expected)
    {
        var n = await SendV1Async("1.3.6.1.4.1.9", generic, specific: 0, timeStamp: 1);
        Assert.Equal(expected, n.TrapOid.ToString());
        Assert.Equal(expected, n.ValueOf(WellKnownOids.SnmpTrapOid0)!.Value.AsOid().ToString());
    }

    [Fact]
    public async Task An_enterprise_specific_trap_becomes_enterprise_0_specific()
    {
        var n = await SendV1Async("1.3.6.1.4.1.8072.3.2.10", generic: 6, specific: 42, timeStamp: 777, SysName);

        Assert.Equal(Oid.Parse("1.3.6.1.4.1.8072.3.2.10.0.42"), n.TrapOid);
        Assert.Equal(SnmpValue.ObjectIdentifier(n.TrapOid), n.VarBinds[1].Value);
        Assert.Equal(WellKnownOids.SysUpTime0, n.VarBinds[0].Oid);
        Assert.Equal(SysName, n.VarBinds[2]);
        Assert.Equal(WellKnownOids.SnmpTrapAddress0, n.VarBinds[3].Oid);
        Assert.Equal(WellKnownOids.SnmpTrapEnterprise0, n.VarBinds[4].Oid);
        Assert.Equal(5, n.VarBinds.Length);
    }

    [Fact]
    public async Task The_v1_header_and_origin_are_kept()
    {
        var n = await SendV1Async("1.3.6.1.4.1.8072.3.2.10", generic: 6, specific: 42, timeStamp: 777);

        Assert.NotNull(n.V1);
        Assert.Equal(Oid.Parse("1.3.6.1.4.1.8072.3.2.10"), n.V1!.Enterprise);
        Assert.Equal(Agent, n.V1.AgentAddress);
        Assert.Equal(6, n.V1.GenericTrap);
        Assert.Equal(42, n.V1.SpecificTrap);
        Assert.Equal(777u, n.V1.TimeStamp);
        Assert.Equal(SnmpVersion.V1, n.Origin.Version);
        Assert.Equal(SecurityLevel.NoAuthNoPriv, n.Origin.SecurityLevel);
        Assert.Equal("public", n.Origin.Community);
        Assert.Equal("udp", n.Origin.Transport);
        Assert.Equal(0, n.RequestId);
        Assert.Equal(IPAddress.Loopback, n.Origin.Source.Address);
    }

    [Fact]
    public async Task Varbinds_already_carrying_snmpTrapAddress_and_snmpTrapEnterprise_are_not_duplicated()
    {
        var address = new VarBind(WellKnownOids.SnmpTrapAddress0, SnmpValue.IpAddress(IPAddress.Parse("198.51.100.7")));
        var enterprise = new VarBind(WellKnownOids.SnmpTrapEnterprise0, SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.1")));

        var n = await SendV1Async("1.3.6.1.4.1.8072.3.2.10", generic: 6, specific: 1, timeStamp: 5, address, enterprise);

        Assert.Equal(4, n.VarBinds.Length);
        Assert.Single(n.VarBinds, vb => vb.Oid == WellKnownOids.SnmpTrapAddress0);
        Assert.Equal(address, n.VarBinds[2]);
        Assert.Equal(enterprise, n.VarBinds[3]);
    }

    [Fact]
    public async Task A_v2c_trap_keeps_its_varbinds_as_sent()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var message = Packets.V2Message(PduType.TrapV2, "1.3.6.1.4.1.8072.2.3.0.1", 5, uptime: 999, extra: SysName);

        await SendAsync(NewClient(), Snmp.SnmpMessageEncoder.Encode(message), target);

        var n = await this.TrapWithIdAsync(5);
        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.1", n.TrapOid.ToString());
        Assert.Equal(999u, n.Uptime);
        Assert.Equal(message.Pdu.VarBinds.ToArray(), n.VarBinds.ToArray());
        Assert.Equal(message.Pdu.VarBinds.ToArray(), n.PduVarBinds.ToArray());
        Assert.Null(n.V1);
        Assert.Equal(SnmpVersion.V2c, n.Origin.Version);
    }
}

/// <summary>v1.trap-oid-rule = enterprise-generic-specific: enterprise.(generic+1) for snmpTraps, else enterprise.generic.specific.</summary>
public class V1EnterpriseGenericSpecificRuleTests() : ReceiverSpec("trap-actors.v1.trap-oid-rule = enterprise-generic-specific")
{
    private async Task<SnmpNotification> SendV1Async(string enterprise, int generic, int specific)
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        await SendAsync(NewClient(), Packets.V1Trap(enterprise, generic, specific), target);
        return await this.TrapAsync();
    }

    [Fact]
    public async Task The_trap_oid_is_enterprise_generic_specific()
    {
        var n = await SendV1Async("1.3.6.1.4.1.8072.3.2.10", generic: 6, specific: 42);
        Assert.Equal("1.3.6.1.4.1.8072.3.2.10.6.42", n.TrapOid.ToString());
    }

    [Fact]
    public async Task A_generic_trap_of_another_enterprise_is_enterprise_generic_specific_too()
    {
        var n = await SendV1Async("1.3.6.1.4.1.8072.3.2.10", generic: 2, specific: 0);
        Assert.Equal("1.3.6.1.4.1.8072.3.2.10.2.0", n.TrapOid.ToString());
    }

    [Fact]
    public async Task For_enterprise_snmpTraps_the_trap_oid_is_enterprise_generic_plus_one()
    {
        var n = await SendV1Async("1.3.6.1.6.3.1.1.5", generic: 0, specific: 0);
        Assert.Equal("1.3.6.1.6.3.1.1.5.1", n.TrapOid.ToString());
    }

    [Fact]
    public async Task The_settings_carry_the_rule()
    {
        Assert.Equal(V1TrapOidRule.EnterpriseGenericSpecific, TrapReceiverExtension.Get(Sys).Settings.V1TrapOidRule);
        var n = await SendV1Async("1.3.6.1.4.1.8072.3.2.10", generic: 3, specific: 0);
        Assert.Equal(3, n.V1!.GenericTrap);
    }
}
