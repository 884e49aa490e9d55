using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using TrapActors.Snmp.Messages;

namespace TrapActors.Daemon;

/// <summary>
/// One notification as one line of JSON (no reflection serializer): receivedAt, source, transport, version,
/// pdu, community (v1/v2c) or the v3 security fields, requestId, trapOid, uptime, the v1 header fields,
/// and every varbind of the PDU in order as {"oid","type","value"} (plus "hex" for byte strings).
/// </summary>
public static class NotificationJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>The UTF-8 bytes of the JSON object, without a line terminator.</summary>
    public static byte[] Format(SnmpNotification notification)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options))
            Write(writer, notification);
        return buffer.WrittenSpan.ToArray();
    }

    public static string FormatString(SnmpNotification notification) => System.Text.Encoding.UTF8.GetString(Format(notification));

    public static void Write(Utf8JsonWriter w, SnmpNotification n)
    {
        var origin = n.Origin;
        w.WriteStartObject();
        w.WriteString("receivedAt", SnmpText.Timestamp(n.ReceivedAt));
        w.WriteString("source", SnmpText.EndPoint(origin.Source));
        w.WriteString("transport", origin.Transport);
        w.WriteString("version", SnmpText.Version(origin.Version));
        w.WriteString("pdu", SnmpText.Pdu(n.Kind));
        if (origin.Version == SnmpVersion.V3)
        {
            w.WriteString("user", origin.User);
            w.WriteString("securityLevel", SnmpText.SecurityLevel(origin.SecurityLevel));
            w.WriteString("engineId", SnmpText.Hex(origin.EngineId.AsSpan()));
            w.WriteString("contextEngineId", SnmpText.Hex(origin.ContextEngineId.AsSpan()));
            w.WriteString("contextName", origin.ContextName ?? "");
        }
        else if (origin.Community is { } community)
        {
            w.WriteString("community", community);
        }
        w.WriteNumber("requestId", n.RequestId);
        w.WriteString("trapOid", n.TrapOid.ToString());
        w.WriteNumber("uptime", n.Uptime);
        if (n.V1 is { } v1)
        {
            w.WriteString("enterprise", v1.Enterprise.ToString());
            if (v1.AgentAddress is { } agent)
                w.WriteString("agentAddress", agent.ToString());
            else
                w.WriteNull("agentAddress");
            w.WriteNumber("genericTrap", v1.GenericTrap);
            w.WriteNumber("specificTrap", v1.SpecificTrap);
        }
        w.WriteStartArray("varbinds");
        foreach (var vb in n.PduVarBinds)
            WriteVarBind(w, vb);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteVarBind(Utf8JsonWriter w, VarBind vb)
    {
        var value = vb.Value;
        w.WriteStartObject();
        w.WriteString("oid", vb.Oid.ToString());
        w.WriteString("type", TypeName(value.Type));
        switch (value.Type)
        {
            case SnmpType.Integer32:
                w.WriteNumber("value", value.AsInt32());
                break;
            case SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.UInteger32:
                w.WriteNumber("value", value.AsUInt32());
                break;
            case SnmpType.Counter64:
                w.WriteNumber("value", value.AsUInt64());
                break;
            case SnmpType.ObjectIdentifier:
                w.WriteString("value", value.AsOid().ToString());
                break;
            case SnmpType.IpAddress:
                if (value.AsIPAddress() is { } address)
                {
                    w.WriteString("value", address.ToString());
                }
                else
                {
                    // Not four bytes: show what came.
                    w.WriteNull("value");
                    w.WriteString("hex", SnmpText.Hex(value.AsBytes().Span));
                }
                break;
            case SnmpType.OctetString or SnmpType.Opaque or SnmpType.NsapAddress:
            {
                var bytes = value.AsBytes().Span;
                if (SnmpText.TryGetText(bytes) is { } text)
                    w.WriteString("value", text);
                else
                    w.WriteNull("value");
                w.WriteString("hex", SnmpText.Hex(bytes));
                break;
            }
            default:
                // Null and the exceptions noSuchObject, noSuchInstance, endOfMibView.
                w.WriteNull("value");
                break;
        }
        w.WriteEndObject();
    }

    /// <summary>The SMI name, exactly as <see cref="SnmpType"/>'s member; an unknown tag as its number.</summary>
    public static string TypeName(SnmpType type) =>
        Enum.IsDefined(type) ? type.ToString() : ((byte)type).ToString(CultureInfo.InvariantCulture);
}
