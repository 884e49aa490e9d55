using System.Collections.Immutable;
using TrapActors.Mib.Describing;
using TrapActors.Snmp.Messages;

namespace TrapActors;

/// <summary>What the loaded MIB modules say about a notification (see <see cref="MibDescriberExtensions.Describe(MibDescriber, SnmpNotification)"/>).</summary>
/// <param name="TrapName">The name of the trap OID (<c>SNMPv2-MIB::coldStart</c>); null when no module names it.</param>
/// <param name="VarBinds">One description per varbind of <see cref="SnmpNotification.VarBinds"/>, in the same order.</param>
public sealed record NotificationDescription(string? TrapName, ImmutableArray<MibDescription> VarBinds);

/// <summary>Describes the receiver's notifications and varbinds with a <see cref="MibDescriber"/> (<see cref="TrapReceiverMibs.Describer"/>).</summary>
public static class MibDescriberExtensions
{
    /// <summary>Names the trap OID and describes every varbind of <paramref name="notification"/>. Never throws on its content.</summary>
    public static NotificationDescription Describe(this MibDescriber describer, SnmpNotification notification)
    {
        ArgumentNullException.ThrowIfNull(describer);
        ArgumentNullException.ThrowIfNull(notification);
        var varBinds = ImmutableArray.CreateBuilder<MibDescription>(notification.VarBinds.Length);
        foreach (var varBind in notification.VarBinds)
            varBinds.Add(describer.Describe(varBind));
        return new NotificationDescription(describer.NameOf(notification.TrapOid.Arcs), varBinds.MoveToImmutable());
    }

    /// <summary>Describes one varbind: its name and, from the object's SYNTAX, the value's label, BITS names or DISPLAY-HINT rendering.</summary>
    public static MibDescription Describe(this MibDescriber describer, VarBind varBind)
    {
        ArgumentNullException.ThrowIfNull(describer);
        var oid = varBind.Oid.Arcs;
        var value = varBind.Value;
        return value.Type switch
        {
            SnmpType.Integer32 => describer.Describe(oid, MibValueKind.Integer, (long)value.AsInt32()),
            SnmpType.Gauge32 or SnmpType.UInteger32 => describer.Describe(oid, MibValueKind.Gauge32, (long)value.AsUInt32()),
            SnmpType.Counter32 => describer.Describe(oid, MibValueKind.Counter32, (long)value.AsUInt32()),
            SnmpType.TimeTicks => describer.Describe(oid, MibValueKind.TimeTicks, (long)value.AsUInt32()),
            SnmpType.Counter64 => describer.Describe(oid, MibValueKind.Counter64, value.AsUInt64()),
            SnmpType.OctetString => describer.Describe(oid, MibValueKind.OctetString, value.AsBytes().Span),
            SnmpType.IpAddress => describer.Describe(oid, MibValueKind.IpAddress, value.AsBytes().Span),
            SnmpType.Opaque => describer.Describe(oid, MibValueKind.Opaque, value.AsBytes().Span),
            _ => describer.Describe(oid),
        };
    }
}
