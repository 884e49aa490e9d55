using System.Globalization;
using System.Text;

namespace TrapActors.Mib.Resolution;

/// <summary>
/// A string INDEX component as net-snmp prints it. IMPLIED: the rest of the OID, in single quotes. A fixed size
/// (SIZE (n)): n sub-identifiers without a length, in single quotes (RFC 2578 §7.7). Otherwise a length, then that
/// many, in double quotes; an empty one as <c>""</c>. Characters outside 0x20..0x7e print as dots. An InetAddress
/// whose InetAddressType column precedes it is printed by the type (the sub-identifier before its length): ipv4(1)
/// and ipv4z(3) dotted, with <c>%zone</c>; ipv6(2) and ipv6z(4) as sixteen two-digit hex bytes joined by colons (not
/// RFC 4001's 2x: groups, but what net-snmp prints), with <c>%zone</c>; any other type, a wrong length or a
/// sub-identifier above 255 as a string.
/// </summary>
internal static class IndexStrings
{
    /// <summary>Appends the component and returns how many sub-identifiers it took (0 when they run short).</summary>
    public static int Append(ReadOnlySpan<uint> rest, bool implied, int? fixedSize, uint? addressType, StringBuilder text)
    {
        if (implied) return Quoted(rest, '\'', text);
        if (fixedSize is { } size) return size > rest.Length ? 0 : Quoted(rest[..size], '\'', text);
        var length = (long)rest[0];
        if (length + 1 > rest.Length) return 0;
        var value = rest.Slice(1, (int)length);
        if (length == 0) text.Append(".\"\"");
        else if (addressType is not { } type || !InetAddress(type, value, text)) Quoted(value, '"', text);
        return (int)length + 1;
    }

    private static int Quoted(ReadOnlySpan<uint> value, char quote, StringBuilder text)
    {
        if (value.IsEmpty) return 0;
        text.Append('.').Append(quote);
        foreach (var sub in value)
            text.Append(sub is >= 0x20 and < 0x7f ? (char)sub : '.');
        text.Append(quote);
        return value.Length;
    }

    private static bool InetAddress(uint type, ReadOnlySpan<uint> value, StringBuilder text)
    {
        foreach (var sub in value)
            if (sub > 255) return false;
        var zoned = type is 3 or 4;
        var size = type switch { 1 => 4, 3 => 8, 2 => 16, 4 => 20, _ => -1 };
        if (value.Length != size) return false;
        text.Append(".\"");
        if (type is 1 or 3)
            text.Append(CultureInfo.InvariantCulture, $"{value[0]}.{value[1]}.{value[2]}.{value[3]}");
        else
            for (var i = 0; i < 16; i++)
                text.Append(i == 0 ? "" : ":").Append(value[i].ToString("x2", CultureInfo.InvariantCulture));
        if (zoned)
        {
            var zone = value[^4..];
            text.Append('%').Append(((ulong)zone[0] << 24 | zone[1] << 16 | zone[2] << 8 | zone[3]).ToString(CultureInfo.InvariantCulture));
        }
        text.Append('"');
        return true;
    }
}
