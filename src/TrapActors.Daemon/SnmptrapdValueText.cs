using System.Globalization;
using System.Text;
using TrapActors.Configuration;
using TrapActors.Mib;
using TrapActors.Mib.Describing;
using TrapActors.Mib.Rendering;
using TrapActors.Snmp.Messages;

namespace TrapActors.Daemon;

/// <summary>
/// A varbind's value as net-snmp's snmptrapd prints it by default (what follows <c>NAME = </c>): <c>INTEGER: down(2)</c>,
/// <c>STRING: "eth0"</c>, <c>STRING: 0:1a:2b:3c:4d:5e</c> (a DISPLAY-HINT's rendering), <c>Hex-STRING: 00 01 FF </c>,
/// <c>BITS: 80 40 first(0) tenth(9) </c>, <c>Timeticks: (123) 0:00:01.23</c>, <c>OID: IF-MIB::linkDown</c>,
/// <c>NULL</c>. Line breaks and other control or invisible characters are escaped as in JSON so that the text stays
/// on one line.
/// </summary>
public static class SnmptrapdValueText
{
    /// <summary>The text snmptrapd prints after <c>NAME = </c> for <paramref name="vb"/>, described by <paramref name="mibs"/>.</summary>
    public static string Format(VarBind vb, MibDescription description, MibDescriber mibs)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(mibs);
        var value = vb.Value;
        switch (value.Type)
        {
            case SnmpType.Integer32:
            {
                var number = value.AsInt32().ToString(CultureInfo.InvariantCulture);
                return "INTEGER: " + (description.Enum is { } label ? $"{label}({number})" : description.Display ?? number);
            }
            case SnmpType.Counter32:
                return "Counter32: " + Unsigned(value, description);
            case SnmpType.Gauge32:
                return "Gauge32: " + Unsigned(value, description);
            case SnmpType.UInteger32:
                return "UInteger32: " + Unsigned(value, description);
            case SnmpType.Counter64:
                return "Counter64: " + value.AsUInt64().ToString(CultureInfo.InvariantCulture);
            case SnmpType.TimeTicks:
                return "Timeticks: " + TimeTicks(value.AsUInt32());
            case SnmpType.ObjectIdentifier:
                return "OID: " + (mibs.NameOf(value.AsOid().Arcs) ?? value.AsOid().ToString());
            case SnmpType.IpAddress:
                return "IpAddress: " + (value.AsIPAddress()?.ToString() ?? "0x" + SnmpText.Hex(value.AsBytes().Span));
            case SnmpType.OctetString:
                return OctetString(vb, description, mibs);
            case SnmpType.Opaque:
                return "OPAQUE: " + Escape(HexString(value.AsBytes().Span));
            case SnmpType.NsapAddress:
                return "NsapAddress: " + Escape(HexString(value.AsBytes().Span));
            case SnmpType.Null:
                return "NULL";
            case SnmpType.NoSuchObject:
                return "No Such Object available on this agent at this OID";
            case SnmpType.NoSuchInstance:
                return "No Such Instance currently exists at this OID";
            case SnmpType.EndOfMibView:
                return "No more variables left in this MIB View (It is past the end of the MIB tree)";
            default:
                return NotificationJson.TypeName(value.Type);
        }
    }

    /// <summary>net-snmp's <c>(N) D days, H:MM:SS.cc</c>.</summary>
    public static string TimeTicks(uint ticks)
    {
        var centis = ticks % 100;
        var seconds = ticks / 100 % 60;
        var minutes = ticks / 6000 % 60;
        var hours = ticks / 360000 % 24;
        var days = ticks / 8640000;
        var clock = string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:00}:{seconds:00}.{centis:00}");
        var prefix = days switch { 0 => "", 1 => "1 day, ", _ => string.Create(CultureInfo.InvariantCulture, $"{days} days, ") };
        return string.Create(CultureInfo.InvariantCulture, $"({ticks}) {prefix}{clock}");
    }

    /// <summary>net-snmp's hex form: upper-case octets each followed by a space, a line break before every further 16.</summary>
    public static string HexString(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length * 3 + bytes.Length / 16);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0 && i % 16 == 0)
                sb.Append('\n');
            sb.Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture)).Append(' ');
        }
        return sb.ToString();
    }

    private static string Unsigned(SnmpValue value, MibDescription description) =>
        description.Display ?? value.AsUInt32().ToString(CultureInfo.InvariantCulture);

    private static string OctetString(VarBind vb, MibDescription description, MibDescriber mibs)
    {
        var bytes = vb.Value.AsBytes().Span;
        if (description.Bits is not null && mibs.Lookup(vb.Oid.Arcs).Object?.Syntax is { BaseType: MibBaseType.Bits } syntax)
            return "BITS: " + Escape(BitsValue.Render(bytes, syntax.Bits));
        if (description.Display is { } display)
            return "STRING: " + Escape(display);
        if (bytes.IsEmpty)
            return "\"\"";
        return IsPrintable(bytes)
            ? "STRING: \"" + HoconWriter.Escape(Encoding.ASCII.GetString(bytes)) + "\""
            : "Hex-STRING: " + Escape(HexString(bytes));
    }

    /// <summary>net-snmp prints a string as text when every octet is printable ASCII or white space (C's isprint/isspace).</summary>
    private static bool IsPrintable(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((>= 0x20 and <= 0x7E) or (>= 0x09 and <= 0x0D)))
                return false;
        }
        return true;
    }

    /// <summary>Escapes what would break the line or hide text, but keeps quotes and backslashes as snmptrapd shows them.</summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('"' or '\\'))
                continue;
            sb.Append(HoconWriter.Escape(text[start..i]));
            if (i < text.Length)
                sb.Append(text[i]);
            start = i + 1;
        }
        return sb.ToString();
    }
}
