using TrapActors.Mib.Describing;
using TrapActors.Snmp.Messages;

namespace TrapActors.Daemon;

/// <summary>What the loaded MIB modules say about a varbind: its value handed to the describer as the wire type it is.</summary>
internal static class VarBindDescription
{
    /// <summary>The description of <paramref name="vb"/>; <see cref="MibDescription.Unknown"/> when nothing is known.</summary>
    public static MibDescription Of(MibDescriber mibs, VarBind vb)
    {
        var oid = vb.Oid.Arcs;
        var value = vb.Value;
        return value.Type switch
        {
            SnmpType.Integer32 => mibs.Describe(oid, MibValueKind.Integer, (long)value.AsInt32()),
            SnmpType.Counter32 => mibs.Describe(oid, MibValueKind.Counter32, (long)value.AsUInt32()),
            SnmpType.Gauge32 or SnmpType.UInteger32 => mibs.Describe(oid, MibValueKind.Gauge32, (long)value.AsUInt32()),
            SnmpType.TimeTicks => mibs.Describe(oid, MibValueKind.TimeTicks, (long)value.AsUInt32()),
            SnmpType.Counter64 => mibs.Describe(oid, MibValueKind.Counter64, value.AsUInt64()),
            SnmpType.OctetString => mibs.Describe(oid, MibValueKind.OctetString, value.AsBytes().Span),
            SnmpType.Opaque => mibs.Describe(oid, MibValueKind.Opaque, value.AsBytes().Span),
            SnmpType.IpAddress => mibs.Describe(oid, MibValueKind.IpAddress, value.AsBytes().Span),
            _ => mibs.Describe(oid),
        };
    }
}
