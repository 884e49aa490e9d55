using System.Globalization;
using System.Text;
using TrapActors.Configuration;
using TrapActors.Mib.Describing;
using TrapActors.Snmp.Messages;

namespace TrapActors.Daemon;

/// <summary>
/// One notification as one readable line:
/// <c>TIME SOURCE VERSION PDU TRAPOID uptime=N [v1 header] | OID = TYPE: VALUE | ...</c>. Never contains the community.
/// With MIB modules loaded, OIDs the modules know are written as snmptrapd writes them (<c>IF-MIB::ifOperStatus.3</c>),
/// and each varbind's value as snmptrapd's default output prints it (<see cref="SnmptrapdValueText"/>:
/// <c>IF-MIB::ifOperStatus.3 = INTEGER: down(2)</c>); without MIB modules the value is <c>TYPE: VALUE</c> with the SMI type name.
/// </summary>
public static class NotificationText
{
    public static byte[] Format(SnmpNotification notification) => Encoding.UTF8.GetBytes(FormatString(notification));

    /// <summary>The line's UTF-8 bytes, with the names <paramref name="mibs"/> knows (none when null).</summary>
    public static byte[] Format(SnmpNotification notification, MibDescriber? mibs) =>
        Encoding.UTF8.GetBytes(FormatString(notification, mibs));

    public static string FormatString(SnmpNotification n, MibDescriber? mibs = null)
    {
        var sb = new StringBuilder(256);
        sb.Append(SnmpText.Timestamp(n.ReceivedAt)).Append(' ')
            .Append(SnmpText.EndPoint(n.Origin.Source)).Append(' ')
            .Append(SnmpText.Version(n.Origin.Version)).Append(' ')
            .Append(SnmpText.Pdu(n.Kind)).Append(' ')
            .Append(n.TrapOid.IsEmpty ? "-" : OidText(n.TrapOid, mibs))
            .Append(" uptime=").Append(n.Uptime.ToString(CultureInfo.InvariantCulture));
        if (n.Origin.User is { } user)
        {
            sb.Append(" user=").Append(Escape(user))
                .Append(" level=").Append(SnmpText.SecurityLevel(n.Origin.SecurityLevel))
                .Append(" engine=").Append(Snmp.EngineId.Format(n.Origin.EngineId.AsSpan()));
        }
        if (n.V1 is { } v1)
        {
            sb.Append(" enterprise=").Append(v1.Enterprise.ToString())
                .Append(" agent=").Append(v1.AgentAddress?.ToString() ?? "-")
                .Append(" generic=").Append(v1.GenericTrap.ToString(CultureInfo.InvariantCulture))
                .Append(" specific=").Append(v1.SpecificTrap.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var vb in n.PduVarBinds)
        {
            var description = mibs?.Describe(vb);
            sb.Append(" | ").Append(description?.Name ?? vb.Oid.ToString()).Append(" = ");
            if (description is not null)
                sb.Append(SnmptrapdValueText.Format(vb, description, mibs!));
            else if (Value(vb.Value) is { } value)
                sb.Append(NotificationJson.TypeName(vb.Value.Type)).Append(": ").Append(value);
            else
                sb.Append(NotificationJson.TypeName(vb.Value.Type));
        }
        return sb.ToString();
    }

    /// <summary>The value as text; null for Null and the exceptions.</summary>
    public static string? Value(SnmpValue value)
    {
        switch (value.Type)
        {
            case SnmpType.Integer32:
                return value.AsInt32().ToString(CultureInfo.InvariantCulture);
            case SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.UInteger32:
                return value.AsUInt32().ToString(CultureInfo.InvariantCulture);
            case SnmpType.Counter64:
                return value.AsUInt64().ToString(CultureInfo.InvariantCulture);
            case SnmpType.ObjectIdentifier:
                return value.AsOid().ToString();
            case SnmpType.IpAddress:
                return value.AsIPAddress()?.ToString() ?? "0x" + SnmpText.Hex(value.AsBytes().Span);
            case SnmpType.OctetString or SnmpType.Opaque or SnmpType.NsapAddress:
            {
                var bytes = value.AsBytes().Span;
                return SnmpText.TryGetText(bytes) is { } text ? "\"" + Escape(text) + "\"" : "0x" + SnmpText.Hex(bytes);
            }
            default:
                return null;
        }
    }

    private static string OidText(Oid oid, MibDescriber? mibs) =>
        mibs?.NameOf(oid.Arcs) ?? oid.ToString();

    /// <summary>Keeps the line one line: the JSON/HOCON string escapes.</summary>
    private static string Escape(string text) => HoconWriter.Escape(text);
}
