using System.Collections.Immutable;
using TrapActors.Snmp.Messages;

namespace TrapActors.Serialization;

/// <summary>The compact form of <see cref="SnmpNotification"/> and everything it holds.</summary>
internal static class NotificationFormat
{
    // PduVarBinds: absent (default), the same items as VarBinds (v2c and v3), or a list of their own (v1).
    private const byte PduVarBindsDefault = 0;
    private const byte PduVarBindsSameAsVarBinds = 1;
    private const byte PduVarBindsOwn = 2;

    public static void Write(CompactWriter w, SnmpNotification n)
    {
        w.WriteVarInt32((int)n.Kind);
        w.WriteOid(n.TrapOid);
        w.WriteVarUInt64(n.Uptime);
        WriteVarBinds(w, n.VarBinds);
        WriteOrigin(w, n.Origin);
        w.WriteDateTimeOffset(n.ReceivedAt);
        w.WriteVarInt32(n.RequestId);
        if (n.PduVarBinds.IsDefault)
        {
            w.WriteByte(PduVarBindsDefault);
        }
        else if (!n.VarBinds.IsDefault && n.VarBinds.AsSpan().SequenceEqual(n.PduVarBinds.AsSpan()))
        {
            w.WriteByte(PduVarBindsSameAsVarBinds);
        }
        else
        {
            w.WriteByte(PduVarBindsOwn);
            WriteVarBinds(w, n.PduVarBinds);
        }
        WriteV1(w, n.V1);
    }

    public static SnmpNotification Read(ref CompactReader r)
    {
        var kind = r.ReadEnum<NotificationKind>();
        var trapOid = r.ReadOid();
        var uptime = r.ReadVarUInt32();
        var varBinds = ReadVarBinds(ref r);
        var origin = ReadOrigin(ref r);
        var receivedAt = r.ReadDateTimeOffset();
        var requestId = r.ReadVarInt32();
        var pduForm = r.ReadByte();
        var pduVarBinds = pduForm switch
        {
            PduVarBindsDefault => default,
            PduVarBindsSameAsVarBinds => varBinds,
            PduVarBindsOwn => ReadVarBinds(ref r),
            _ => throw r.Malformed($"{pduForm} is not a PduVarBinds form"),
        };
        var v1 = ReadV1(ref r);
        return new SnmpNotification(kind, trapOid, uptime, varBinds, origin, receivedAt)
        {
            RequestId = requestId,
            PduVarBinds = pduVarBinds,
            V1 = v1,
        };
    }

    private static void WriteVarBinds(CompactWriter w, ImmutableArray<VarBind> varBinds)
    {
        w.WriteOptionalLength(varBinds.IsDefault ? null : varBinds.Length);
        if (varBinds.IsDefault)
            return;
        foreach (var vb in varBinds)
        {
            w.WriteOid(vb.Oid);
            WriteValue(w, vb.Value);
        }
    }

    private static ImmutableArray<VarBind> ReadVarBinds(ref CompactReader r)
    {
        // A varbind takes at least two bytes: an OID length and a value type.
        if (r.ReadOptionalCount(minItemSize: 2) is not { } count)
            return default;
        var builder = ImmutableArray.CreateBuilder<VarBind>(count);
        for (var i = 0; i < count; i++)
            builder.Add(new VarBind(r.ReadOid(), ReadValue(ref r)));
        return builder.MoveToImmutable();
    }

    public static void WriteValue(CompactWriter w, SnmpValue value)
    {
        w.WriteByte((byte)value.Type);
        switch (value.Type)
        {
            case SnmpType.Integer32:
                w.WriteVarInt32(value.AsInt32());
                break;
            case SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.UInteger32:
                w.WriteVarUInt64(value.AsUInt32());
                break;
            case SnmpType.Counter64:
                w.WriteVarUInt64(value.AsUInt64());
                break;
            case SnmpType.OctetString or SnmpType.IpAddress or SnmpType.Opaque or SnmpType.NsapAddress:
                w.WriteBytes(value.AsBytes().Span);
                break;
            case SnmpType.ObjectIdentifier:
                w.WriteOid(value.AsOid());
                break;
            // Null, the three exceptions and default(SnmpValue) (type 0) carry nothing more.
        }
    }

    public static SnmpValue ReadValue(ref CompactReader r)
    {
        var type = (SnmpType)r.ReadByte();
        return type switch
        {
            0 => default,
            SnmpType.Integer32 => SnmpValue.Integer32(r.ReadVarInt32()),
            SnmpType.Counter32 => SnmpValue.Counter32(r.ReadVarUInt32()),
            SnmpType.Gauge32 => SnmpValue.Gauge32(r.ReadVarUInt32()),
            SnmpType.TimeTicks => SnmpValue.TimeTicks(r.ReadVarUInt32()),
            SnmpType.UInteger32 => SnmpValue.UInteger32(r.ReadVarUInt32()),
            SnmpType.Counter64 => SnmpValue.Counter64(r.ReadVarUInt64()),
            SnmpType.OctetString => SnmpValue.OctetString(r.ReadBytes().ToArray()),
            SnmpType.IpAddress => SnmpValue.IpAddress(r.ReadBytes().ToArray()),
            SnmpType.Opaque => SnmpValue.Opaque(r.ReadBytes().ToArray()),
            SnmpType.NsapAddress => SnmpValue.NsapAddress(r.ReadBytes().ToArray()),
            SnmpType.ObjectIdentifier => SnmpValue.ObjectIdentifier(r.ReadOid()),
            SnmpType.Null => SnmpValue.Null,
            SnmpType.NoSuchObject => SnmpValue.NoSuchObject,
            SnmpType.NoSuchInstance => SnmpValue.NoSuchInstance,
            SnmpType.EndOfMibView => SnmpValue.EndOfMibView,
            _ => throw r.Malformed($"0x{(byte)type:x2} is not an SNMP value type"),
        };
    }

    private static void WriteOrigin(CompactWriter w, NotificationOrigin? o)
    {
        w.WriteBool(o is not null);
        if (o is null)
            return;
        w.WriteEndPoint(o.Source);
        w.WriteString(o.Transport);
        w.WriteVarInt32((int)o.Version);
        w.WriteVarInt32((int)o.SecurityLevel);
        w.WriteString(o.Community);
        w.WriteString(o.User);
        w.WriteOptionalBytes(o.EngineId.AsSpan(), o.EngineId.IsDefault);
        w.WriteOptionalBytes(o.ContextEngineId.AsSpan(), o.ContextEngineId.IsDefault);
        w.WriteString(o.ContextName);
        w.WriteEndPoint(o.LocalEndPoint);
    }

    private static NotificationOrigin ReadOrigin(ref CompactReader r)
    {
        if (!r.ReadBool())
            return null!;
        var source = r.ReadEndPoint();
        var transport = r.ReadString();
        var version = r.ReadEnum<SnmpVersion>();
        var level = r.ReadEnum<SecurityLevel>();
        return new NotificationOrigin(source!, transport!, version, level)
        {
            Community = r.ReadString(),
            User = r.ReadString(),
            EngineId = ReadByteArray(ref r),
            ContextEngineId = ReadByteArray(ref r),
            ContextName = r.ReadString(),
            LocalEndPoint = r.ReadEndPoint(),
        };
    }

    private static void WriteV1(CompactWriter w, TrapV1Details? v1)
    {
        w.WriteBool(v1 is not null);
        if (v1 is null)
            return;
        w.WriteOid(v1.Enterprise);
        w.WriteIPAddress(v1.AgentAddress);
        w.WriteVarInt32(v1.GenericTrap);
        w.WriteVarInt32(v1.SpecificTrap);
        w.WriteVarUInt64(v1.TimeStamp);
    }

    private static TrapV1Details? ReadV1(ref CompactReader r) =>
        r.ReadBool() ? new TrapV1Details(r.ReadOid(), r.ReadIPAddress(), r.ReadVarInt32(), r.ReadVarInt32(), r.ReadVarUInt32()) : null;

    public static ImmutableArray<byte> ReadByteArray(ref CompactReader r) =>
        r.TryReadOptionalBytes(out var bytes) ? ImmutableArray.Create(bytes) : default;
}
