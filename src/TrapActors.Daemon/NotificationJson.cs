using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using TrapActors.Mib.Describing;
using TrapActors.Snmp.Messages;

namespace TrapActors.Daemon;

/// <summary>
/// One notification as one line of JSON (no reflection serializer): receivedAt, source, transport, version,
/// pdu, community (v1/v2c) or the v3 security fields, requestId, trapOid, uptime, the v1 header fields,
/// and every varbind of the PDU in order as {"oid","type","value"} (plus "hex" for byte strings). With MIB modules
/// loaded, "trapName" and each varbind's "name", "enum", "bits" and "display" where the modules know them.
/// </summary>
public static class NotificationJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static Reusable? _reusable;

    /// <summary>The UTF-8 bytes of the JSON object, without a line terminator.</summary>
    public static byte[] Format(SnmpNotification notification) => Format(notification, null);

    /// <summary>The UTF-8 bytes of the JSON object, with the names <paramref name="mibs"/> knows (none when null).</summary>
    public static byte[] Format(SnmpNotification notification, MibDescriber? mibs)
    {
        var reusable = _reusable ??= new Reusable();
        reusable.Buffer.ResetWrittenCount();
        reusable.Writer.Reset(reusable.Buffer);
        reusable.Write(notification, mibs);
        reusable.Writer.Flush();
        return InvisibleCharacters.EscapeJson(reusable.Buffer.WrittenSpan);
    }

    public static string FormatString(SnmpNotification notification, MibDescriber? mibs = null) =>
        System.Text.Encoding.UTF8.GetString(Format(notification, mibs));

    public static void Write(Utf8JsonWriter w, SnmpNotification n) => Write(w, n, SnmpText.EndPoint(n.Origin.Source), null);

    private static void Write(Utf8JsonWriter w, SnmpNotification n, string source, MibDescriber? mibs)
    {
        var origin = n.Origin;
        Span<byte> scratch = stackalloc byte[64];
        w.WriteStartObject();
        n.ReceivedAt.UtcDateTime.TryFormat(scratch, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        w.WriteString(Names.ReceivedAt, scratch[..written]);
        w.WriteString(Names.Source, source);
        w.WriteString(Names.Transport, origin.Transport);
        w.WriteString(Names.Version, SnmpText.Version(origin.Version));
        w.WriteString(Names.Pdu, SnmpText.Pdu(n.Kind));
        if (origin.Version == SnmpVersion.V3)
        {
            w.WriteString(Names.User, origin.User);
            w.WriteString(Names.SecurityLevel, SnmpText.SecurityLevel(origin.SecurityLevel));
            WriteHex(w, Names.EngineId, origin.EngineId.AsSpan());
            WriteHex(w, Names.ContextEngineId, origin.ContextEngineId.AsSpan());
            w.WriteString(Names.ContextName, origin.ContextName ?? "");
        }
        else if (origin.Community is { } community)
        {
            w.WriteString(Names.Community, community);
        }
        w.WriteNumber(Names.RequestId, n.RequestId);
        WriteOid(w, Names.TrapOid, n.TrapOid);
        if (mibs is not null && !n.TrapOid.IsEmpty && mibs.NameOf(n.TrapOid.Arcs) is { } trapName)
            w.WriteString(Names.TrapName, trapName);
        w.WriteNumber(Names.Uptime, n.Uptime);
        if (n.V1 is { } v1)
        {
            WriteOid(w, Names.Enterprise, v1.Enterprise);
            if (v1.AgentAddress is { } agent)
                w.WriteString(Names.AgentAddress, agent.ToString());
            else
                w.WriteNull(Names.AgentAddress);
            w.WriteNumber(Names.GenericTrap, v1.GenericTrap);
            w.WriteNumber(Names.SpecificTrap, v1.SpecificTrap);
        }
        w.WriteStartArray(Names.VarBinds);
        foreach (var vb in n.PduVarBinds)
            WriteVarBind(w, vb, mibs);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteVarBind(Utf8JsonWriter w, VarBind vb, MibDescriber? mibs = null)
    {
        var value = vb.Value;
        w.WriteStartObject();
        WriteOid(w, Names.Oid, vb.Oid);
        w.WriteString(Names.Type, TypeName(value.Type));
        switch (value.Type)
        {
            case SnmpType.Integer32:
                w.WriteNumber(Names.Value, value.AsInt32());
                break;
            case SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.UInteger32:
                w.WriteNumber(Names.Value, value.AsUInt32());
                break;
            case SnmpType.Counter64:
                w.WriteNumber(Names.Value, value.AsUInt64());
                break;
            case SnmpType.ObjectIdentifier:
                WriteOid(w, Names.Value, value.AsOid());
                break;
            case SnmpType.IpAddress:
                if (value.AsIPAddress() is { } address)
                {
                    w.WriteString(Names.Value, address.ToString());
                }
                else
                {
                    // Not four bytes: show what came.
                    w.WriteNull(Names.Value);
                    WriteHex(w, Names.Hex, value.AsBytes().Span);
                }
                break;
            case SnmpType.OctetString or SnmpType.Opaque or SnmpType.NsapAddress:
            {
                var bytes = value.AsBytes().Span;
                if (SnmpText.IsText(bytes))
                    w.WriteString(Names.Value, bytes);
                else
                    w.WriteNull(Names.Value);
                WriteHex(w, Names.Hex, bytes);
                break;
            }
            default:
                // Null and the exceptions noSuchObject, noSuchInstance, endOfMibView.
                w.WriteNull(Names.Value);
                break;
        }
        if (mibs is not null)
            WriteDescription(w, mibs.Describe(vb));
        w.WriteEndObject();
    }

    /// <summary>The fields the MIB modules add to a varbind, each only when known.</summary>
    private static void WriteDescription(Utf8JsonWriter w, MibDescription description)
    {
        if (description.Name is null)
            return;
        w.WriteString(Names.Name, description.Name);
        if (description.Enum is { } label)
            w.WriteString(Names.Enum, label);
        if (description.Bits is { } bits)
        {
            w.WriteStartArray(Names.Bits);
            foreach (var bit in bits)
                w.WriteStringValue(bit);
            w.WriteEndArray();
        }
        if (description.Display is { } display)
            w.WriteString(Names.Display, display);
    }

    /// <summary>The SMI name, exactly as <see cref="SnmpType"/>'s member; an unknown tag as its number.</summary>
    public static string TypeName(SnmpType type) => type switch
    {
        SnmpType.Integer32 => "Integer32",
        SnmpType.OctetString => "OctetString",
        SnmpType.Null => "Null",
        SnmpType.ObjectIdentifier => "ObjectIdentifier",
        SnmpType.IpAddress => "IpAddress",
        SnmpType.Counter32 => "Counter32",
        SnmpType.Gauge32 => "Gauge32",
        SnmpType.TimeTicks => "TimeTicks",
        SnmpType.Opaque => "Opaque",
        SnmpType.NsapAddress => "NsapAddress",
        SnmpType.Counter64 => "Counter64",
        SnmpType.UInteger32 => "UInteger32",
        SnmpType.NoSuchObject => "NoSuchObject",
        SnmpType.NoSuchInstance => "NoSuchInstance",
        SnmpType.EndOfMibView => "EndOfMibView",
        _ => ((byte)type).ToString(CultureInfo.InvariantCulture),
    };

    private static void WriteOid(Utf8JsonWriter w, JsonEncodedText name, Oid oid)
    {
        var length = Oid.MaxFormattedLength(oid.Length);
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> utf8 = rented ?? stackalloc byte[512];
        oid.TryFormat(utf8, out var written);
        w.WriteString(name, utf8[..written]);
        if (rented is not null)
            ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>Lowercase hex, always.</summary>
    private static void WriteHex(Utf8JsonWriter w, JsonEncodedText name, ReadOnlySpan<byte> bytes)
    {
        var rented = bytes.Length > 256 ? ArrayPool<char>.Shared.Rent(bytes.Length * 2) : null;
        Span<char> hex = rented ?? stackalloc char[512];
        Convert.TryToHexStringLower(bytes, hex, out var written);
        w.WriteString(name, hex[..written]);
        if (rented is not null)
            ArrayPool<char>.Shared.Return(rented);
    }

    /// <summary>One thread's buffer and writer, and its last source's text (sources are cached endpoint instances).</summary>
    private sealed class Reusable
    {
        public readonly ArrayBufferWriter<byte> Buffer = new(1024);
        public readonly Utf8JsonWriter Writer;
        private System.Net.IPEndPoint? _lastSource;
        private string _lastSourceText = "";

        public Reusable() => Writer = new Utf8JsonWriter(Buffer, Options);

        public void Write(SnmpNotification n, MibDescriber? mibs)
        {
            if (!ReferenceEquals(n.Origin.Source, _lastSource))
            {
                _lastSourceText = SnmpText.EndPoint(n.Origin.Source);
                _lastSource = n.Origin.Source;
            }
            NotificationJson.Write(Writer, n, _lastSourceText, mibs);
        }
    }

    /// <summary>Property names encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText ReceivedAt = JsonEncodedText.Encode("receivedAt");
        public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
        public static readonly JsonEncodedText Transport = JsonEncodedText.Encode("transport");
        public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
        public static readonly JsonEncodedText Pdu = JsonEncodedText.Encode("pdu");
        public static readonly JsonEncodedText User = JsonEncodedText.Encode("user");
        public static readonly JsonEncodedText SecurityLevel = JsonEncodedText.Encode("securityLevel");
        public static readonly JsonEncodedText EngineId = JsonEncodedText.Encode("engineId");
        public static readonly JsonEncodedText ContextEngineId = JsonEncodedText.Encode("contextEngineId");
        public static readonly JsonEncodedText ContextName = JsonEncodedText.Encode("contextName");
        public static readonly JsonEncodedText Community = JsonEncodedText.Encode("community");
        public static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("requestId");
        public static readonly JsonEncodedText TrapOid = JsonEncodedText.Encode("trapOid");
        public static readonly JsonEncodedText Uptime = JsonEncodedText.Encode("uptime");
        public static readonly JsonEncodedText Enterprise = JsonEncodedText.Encode("enterprise");
        public static readonly JsonEncodedText AgentAddress = JsonEncodedText.Encode("agentAddress");
        public static readonly JsonEncodedText GenericTrap = JsonEncodedText.Encode("genericTrap");
        public static readonly JsonEncodedText SpecificTrap = JsonEncodedText.Encode("specificTrap");
        public static readonly JsonEncodedText VarBinds = JsonEncodedText.Encode("varbinds");
        public static readonly JsonEncodedText Oid = JsonEncodedText.Encode("oid");
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
        public static readonly JsonEncodedText Hex = JsonEncodedText.Encode("hex");
        public static readonly JsonEncodedText TrapName = JsonEncodedText.Encode("trapName");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Enum = JsonEncodedText.Encode("enum");
        public static readonly JsonEncodedText Bits = JsonEncodedText.Encode("bits");
        public static readonly JsonEncodedText Display = JsonEncodedText.Encode("display");
    }
}
