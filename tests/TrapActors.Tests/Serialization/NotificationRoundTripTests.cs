using System.Collections.Immutable;
using System.Net;
using TrapActors.Serialization;
using TrapActors.Snmp.Messages;
using Xunit;

namespace TrapActors.Tests.Serialization;

/// <summary>Notifications and what they hold come back equal, field by field.</summary>
public class NotificationRoundTripTests : SerializationSpec
{
    [Fact]
    public void A_v2c_trap_comes_back_equal()
    {
        var n = SampleMessages.TenVarBindTrap();

        var back = RoundTrip(new TrapReceived(n)).Notification;

        SerializationAssert.Equal(n, back);
        Assert.Equal(n.ReceivedAt.UtcTicks, back.ReceivedAt.UtcTicks);
    }

    [Fact]
    public void Every_SNMP_value_type_comes_back_equal_and_of_its_type()
    {
        var n = SampleMessages.EveryValueV3Inform();

        var back = RoundTrip(n);

        SerializationAssert.Equal(n, back);
        Assert.Equal(SampleMessages.EveryValue.Select(v => v.Type), back.VarBinds.Select(vb => vb.Value.Type));
        Assert.Equal(ulong.MaxValue, back.VarBinds.Single(vb => vb.Value.Type == SnmpType.Counter64 && vb.Value.AsUInt64() != 0).Value.AsUInt64());
        Assert.Equal(IPAddress.Parse("198.51.100.17"), back.VarBinds.First(vb => vb.Value.Type == SnmpType.IpAddress).Value.AsIPAddress());
    }

    [Fact]
    public void A_v3_origin_keeps_user_engine_ids_context_transport_level_and_IPv6_scope()
    {
        var n = SampleMessages.EveryValueV3Inform();

        var origin = RoundTrip(n).Origin;

        SerializationAssert.Equal(n.Origin, origin);
        Assert.Equal("noc-operator", origin.User);
        Assert.Null(origin.Community);
        Assert.Equal("vrf-blue", origin.ContextName);
        Assert.Equal("dtls", origin.Transport);
        Assert.Equal(SnmpVersion.V3, origin.Version);
        Assert.Equal(SecurityLevel.AuthPriv, origin.SecurityLevel);
        Assert.Equal(7, origin.Source.Address.ScopeId);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Any, 10161), origin.LocalEndPoint);
    }

    [Fact]
    public void A_v1_trap_keeps_its_header_and_the_PDU_varbinds_apart_from_the_translated_ones()
    {
        var n = SampleMessages.V1Trap();

        var back = RoundTrip(new TrapReceived(n)).Notification;

        SerializationAssert.Equal(n, back);
        Assert.Equal(n.V1, back.V1);
        Assert.Single(back.PduVarBinds);
        Assert.Equal(5, back.VarBinds.Length);
        Assert.Equal(TimeSpan.Zero, back.ReceivedAt.Offset);
    }

    [Fact]
    public void Default_and_empty_arrays_and_absent_optional_fields_stay_as_they_were()
    {
        var origin = new NotificationOrigin(new IPEndPoint(IPAddress.Loopback, 1), "udp", SnmpVersion.V2c, SecurityLevel.NoAuthNoPriv)
        {
            EngineId = default,
            ContextEngineId = [],
        };
        var n = new SnmpNotification(NotificationKind.Trap, default, 0, [], origin, DateTimeOffset.MinValue) { PduVarBinds = default };

        var back = RoundTrip(n);

        SerializationAssert.Equal(n, back);
        Assert.True(back.Origin.EngineId.IsDefault);
        Assert.True(back.PduVarBinds.IsDefault);
        Assert.Null(back.Origin.LocalEndPoint);
        Assert.Null(back.V1);
    }

    [Fact]
    public void A_v1_header_without_agent_address_and_with_negative_fields_comes_back_equal()
    {
        var n = SampleMessages.V1Trap() with { V1 = new TrapV1Details(default, null, -1, int.MinValue, uint.MaxValue) };

        Assert.Equal(n.V1, RoundTrip(n).V1);
    }

    [Fact]
    public void A_notification_of_ten_varbinds_is_compact()
    {
        var n = SampleMessages.TenVarBindTrap();

        var (bytes, _, _) = SerializationRoundTrip.Serialize(Sys, new TrapReceived(n));

        Assert.True(bytes.Length < 400, $"{bytes.Length} bytes for a ten-varbind trap");
        // v2c: PduVarBinds equal VarBinds and are written once.
        var withOwnPduVarBinds = SerializationRoundTrip.Serialize(Sys, n with { PduVarBinds = [.. n.VarBinds] }).Bytes;
        Assert.Equal(withOwnPduVarBinds.Length, SerializationRoundTrip.Serialize(Sys, n).Bytes.Length);
        Assert.True(SerializationRoundTrip.Serialize(Sys, n with { PduVarBinds = [n.VarBinds[0]] }).Bytes.Length > withOwnPduVarBinds.Length);
    }

    [Fact]
    public void The_format_starts_with_the_version_byte()
    {
        var (bytes, id, manifest) = SerializationRoundTrip.Serialize(Sys, new TrapReceived(SampleMessages.V1Trap()));

        Assert.Equal(TrapActorsSerializer.FormatVersion, bytes[0]);
        Assert.Equal(TrapActorsSerialization.SerializerId, id);
        Assert.Equal("TR", manifest);
    }

    [Fact]
    public void A_notification_without_varbinds_from_an_IPv4_mapped_IPv6_source_comes_back_equal()
    {
        var origin = SampleMessages.V2cOrigin with { Source = new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.1"), 65535) };
        var n = SampleMessages.TenVarBindTrap() with { Origin = origin, VarBinds = ImmutableArray<VarBind>.Empty };

        SerializationAssert.Equal(n, RoundTrip(n));
    }
}
