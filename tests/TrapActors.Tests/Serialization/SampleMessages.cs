using System.Collections.Immutable;
using System.Net;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Tests.Serialization;

/// <summary>Realistic messages of every type the serializer covers.</summary>
public static class SampleMessages
{
    public static readonly DateTimeOffset ReceivedAt = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.FromHours(2));

    /// <summary>Every SMI value type, with edge values, and default(SnmpValue).</summary>
    public static ImmutableArray<SnmpValue> EveryValue { get; } =
    [
        SnmpValue.Integer32(0), SnmpValue.Integer32(-1), SnmpValue.Integer32(int.MinValue), SnmpValue.Integer32(int.MaxValue),
        SnmpValue.OctetString("eth0 – uplink"), SnmpValue.OctetString(ReadOnlyMemory<byte>.Empty), SnmpValue.OctetString(new byte[] { 0, 0xFF, 0x80, 0x7F }),
        SnmpValue.Null,
        SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.8072.3.2.10")), SnmpValue.ObjectIdentifier(default), SnmpValue.ObjectIdentifier(new Oid(0, 0, uint.MaxValue)),
        SnmpValue.IpAddress(IPAddress.Parse("198.51.100.17")), SnmpValue.IpAddress(new byte[] { 1, 2, 3 }),
        SnmpValue.Counter32(0), SnmpValue.Counter32(uint.MaxValue),
        SnmpValue.Gauge32(4_000_000_000),
        SnmpValue.TimeTicks(123456),
        SnmpValue.Opaque(new byte[] { 0x9F, 0x78, 0x04, 0x3F, 0x80, 0x00, 0x00 }),
        SnmpValue.NsapAddress(new byte[] { 0x47, 0x00, 0x05, 0x80 }),
        SnmpValue.Counter64(0), SnmpValue.Counter64(ulong.MaxValue),
        SnmpValue.UInteger32(42),
        SnmpValue.NoSuchObject, SnmpValue.NoSuchInstance, SnmpValue.EndOfMibView,
        default,
    ];

    public static NotificationOrigin V2cOrigin { get; } = new(new IPEndPoint(IPAddress.Parse("10.20.30.40"), 49152), "udp", SnmpVersion.V2c, SecurityLevel.NoAuthNoPriv)
    {
        Community = "public",
        LocalEndPoint = new IPEndPoint(IPAddress.Parse("10.20.0.1"), 162),
    };

    public static NotificationOrigin V3Origin { get; } = new(new IPEndPoint(IPAddress.Parse("fe80::1:2:3:4%7"), 50000), "dtls", SnmpVersion.V3, SecurityLevel.AuthPriv)
    {
        User = "noc-operator",
        EngineId = [0x80, 0x00, 0x1F, 0x88, 0x80, 0xAA, 0xBB, 0xCC, 0xDD, 0x01],
        ContextEngineId = [0x80, 0x00, 0x1F, 0x88, 0x04, 0x63, 0x74, 0x78],
        ContextName = "vrf-blue",
        LocalEndPoint = new IPEndPoint(IPAddress.IPv6Any, 10161),
    };

    /// <summary>A v2c linkDown trap with ten varbinds (sysUpTime, snmpTrapOID and eight ifTable columns), like a real agent sends.</summary>
    public static SnmpNotification TenVarBindTrap()
    {
        var ifEntry = Oid.Parse("1.3.6.1.2.1.2.2.1");
        ImmutableArray<VarBind> varBinds =
        [
            new(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(987654321)),
            new(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.6.3.1.1.5.3"))),
            new(ifEntry.Append(1, 10101), SnmpValue.Integer32(10101)),
            new(ifEntry.Append(2, 10101), SnmpValue.OctetString("GigabitEthernet0/1")),
            new(ifEntry.Append(3, 10101), SnmpValue.Integer32(6)),
            new(ifEntry.Append(5, 10101), SnmpValue.Gauge32(1_000_000_000)),
            new(ifEntry.Append(7, 10101), SnmpValue.Integer32(1)),
            new(ifEntry.Append(8, 10101), SnmpValue.Integer32(2)),
            new(ifEntry.Append(10, 10101), SnmpValue.Counter32(3_141_592_653)),
            new(Oid.Parse("1.3.6.1.2.1.31.1.1.1.6.10101"), SnmpValue.Counter64(18_000_000_000_000)),
        ];
        return new SnmpNotification(NotificationKind.Trap, Oid.Parse("1.3.6.1.6.3.1.1.5.3"), 987654321, varBinds, V2cOrigin, ReceivedAt)
        {
            RequestId = 1_234_567_890,
            PduVarBinds = varBinds,
        };
    }

    /// <summary>A v3 notification whose varbinds hold every value type.</summary>
    public static SnmpNotification EveryValueV3Inform()
    {
        var baseOid = Oid.Parse("1.3.6.1.4.1.8072.9999.3");
        var varBinds = ImmutableArray.CreateRange(EveryValue.Select((v, i) => new VarBind(baseOid.Append((uint)i + 1), v)));
        return new SnmpNotification(NotificationKind.Inform, Oid.Parse("1.3.6.1.4.1.8072.2.3.0.1"), 77, varBinds, V3Origin, ReceivedAt)
        {
            RequestId = -5,
            PduVarBinds = varBinds,
        };
    }

    /// <summary>A v1 enterprise-specific trap: translated varbinds differ from the PDU's.</summary>
    public static SnmpNotification V1Trap()
    {
        ImmutableArray<VarBind> pdu = [new(Oid.Parse("1.3.6.1.4.1.8072.2.1.1"), SnmpValue.OctetString("enterprise text"))];
        var enterprise = Oid.Parse("1.3.6.1.4.1.8072.3.2.10");
        ImmutableArray<VarBind> translated =
        [
            new(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(100)),
            new(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(enterprise.Append(0, 17))),
            .. pdu,
            new(WellKnownOids.SnmpTrapAddress0, SnmpValue.IpAddress(IPAddress.Parse("192.0.2.8"))),
            new(WellKnownOids.SnmpTrapEnterprise0, SnmpValue.ObjectIdentifier(enterprise)),
        ];
        var origin = new NotificationOrigin(new IPEndPoint(IPAddress.Loopback, 40000), "udp", SnmpVersion.V1, SecurityLevel.NoAuthNoPriv) { Community = "public" };
        return new SnmpNotification(NotificationKind.Trap, enterprise.Append(0, 17), 100, translated, origin, ReceivedAt.ToUniversalTime())
        {
            PduVarBinds = pdu,
            V1 = new TrapV1Details(enterprise, IPAddress.Parse("192.0.2.8"), 6, 17, 100),
        };
    }

    public static UsmUser AuthPrivUser() =>
        UsmUser.AuthPriv("noc", AuthProtocol.HmacSha256, "auth-secret-1", PrivProtocol.Aes256Reeder, "priv-secret-1");
}
