using TrapActors.Serialization;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using TrapActors.Tests.Usm;
using Xunit;

namespace TrapActors.Tests.Serialization;

/// <summary>Notifications the receiver decoded from net-snmp's real snmptrap and snmpinform survive the serializer unchanged.</summary>
public class CapturedNotificationRoundTripTests() : ReceiverSpec(TrapActorsSerialization.Hocon)
{
    private async Task<string> TargetAsync() => $"127.0.0.1:{(await ReceiverEndPointAsync()).Port}";

    private static async Task SnmpTrapAsync(params string[] args)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmptrap/snmpinform are not installed");
        var result = await NetSnmpTools.SnmpTrapAsync(args);
        Assert.True(result.ExitCode == 0, $"snmptrap failed: {result}");
    }

    [Fact]
    public async Task A_v2c_trap_with_every_net_snmp_value_type_comes_back_equal_and_compact()
    {
        var target = await TargetAsync();
        await SubscribeAsync(TestActor);
        const string b = "1.3.6.1.4.1.8072.9999.3";
        await SnmpTrapAsync("-v", "2c", "-c", "public", target, "123456", "1.3.6.1.4.1.8072.2.3.0.1",
            $"{b}.1", "i", "-42", $"{b}.2", "u", "4000000000", $"{b}.3", "c", "77", $"{b}.4", "C", "18446744073709551615",
            $"{b}.5", "s", "hello trap", $"{b}.6", "x", "DEADBEEF", $"{b}.7", "o", "1.3.6.1.2.1.1.1", $"{b}.8", "t", "9999",
            $"{b}.9", "a", "198.51.100.17", $"{b}.10", "n", "");
        var received = await ExpectMsgAsync<TrapReceived>(Expect.Delivery);
        Assert.Equal(12, received.Notification.VarBinds.Length);

        var (bytes, _, _) = SerializationRoundTrip.Serialize(Sys, received);
        var back = SerializationRoundTrip.Through(Sys, received);

        SerializationAssert.Equal(received.Notification, back.Notification);
        Assert.True(bytes.Length < 400, $"{bytes.Length} bytes");
    }

    [Fact]
    public async Task A_v1_trap_comes_back_with_its_header_and_both_varbind_lists()
    {
        var target = await TargetAsync();
        await SubscribeAsync(TestActor);
        await SnmpTrapAsync("-v", "1", "-c", "public", target, "1.3.6.1.4.1.8072.3.2.10", "192.0.2.8", "6", "17", "100",
            "1.3.6.1.4.1.8072.2.1.1", "s", "enterprise text");
        var received = await ExpectMsgAsync<TrapReceived>(Expect.Delivery);
        Assert.NotNull(received.Notification.V1);

        SerializationAssert.Equal(received.Notification, SerializationRoundTrip.Through(Sys, received).Notification);
    }
}

/// <summary>A by-subscriber inform from snmpinform, passed through the serializer, is answered through the deserialized acknowledgement.</summary>
public class CapturedInformRoundTripTests() : ReceiverSpec(TrapActorsSerialization.Hocon + "\ntrap-actors.inform { acknowledge = by-subscriber, decision-timeout = 10s, on-timeout = suppress }")
{
    [Fact]
    public async Task Snmpinform_gets_its_Response_from_the_deserialized_acknowledgement()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var port = (await ReceiverEndPointAsync()).Port;
        await SubscribeAsync(TestActor);

        var run = NetSnmpTools.SnmpInformAsync("-v", "2c", "-c", "public", "-r", "0", "-t", "5", $"127.0.0.1:{port}", "1", "1.3.6.1.4.1.8072.2.3.0.3",
            "1.3.6.1.4.1.8072.9999.4.1", "s", "inform text");
        var inform = await this.InformAsync(TimeSpan.FromSeconds(5));
        var back = SerializationRoundTrip.Through(Sys, inform);
        SerializationAssert.Equal(inform.Notification, back.Notification);
        Assert.Equal(inform.Acknowledgement, back.Acknowledgement);
        back.Respond();

        var result = await run;
        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
    }
}

/// <summary>An SNMPv3 authPriv trap from snmptrap, with a context: the v3 origin comes back equal.</summary>
public class CapturedV3RoundTripTests() : UsmSpec(TrapActorsSerialization.Hocon, new TrapReceiverSetup { Users = [Operator.ToUsmUser()] })
{
    private static readonly V3User Operator = new("ser-op", "SHA-256", "ser-auth-password", "AES", "ser-priv-password");

    [Fact]
    public async Task A_v3_authPriv_trap_comes_back_with_its_whole_origin()
    {
        var target = await TargetAsync();
        var probe = await SubscriberAsync();
        var args = new List<string>(UsmTestData.NoPersistentState) { "-v", "3", "-e", "0x80001f8880a1b2c3d4e5f60708" };
        args.AddRange(Operator.Args());
        args.AddRange(["-n", "vrf-red", "-E", "0x80001f8804637478", target, "4242", "1.3.6.1.4.1.8072.9999.0.7", UsmTestData.ValueOid, "s", "v3 value"]);
        var sent = await NetSnmpTools.SnmpTrapAsync([.. args]);
        Assert.True(sent.ExitCode == 0, $"snmptrap: {sent}");
        var received = await probe.ExpectMsgAsync<TrapReceived>(TimeSpan.FromSeconds(5));
        var origin = received.Notification.Origin;
        Assert.Equal(SecurityLevel.AuthPriv, origin.SecurityLevel);
        Assert.Equal("vrf-red", origin.ContextName);
        Assert.False(origin.EngineId.IsDefaultOrEmpty);

        var back = SerializationRoundTrip.Through(Sys, received);

        SerializationAssert.Equal(received.Notification, back.Notification);
        Assert.Equal("ser-op", back.Notification.Origin.User);
    }
}
