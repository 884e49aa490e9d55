using System.Globalization;
using System.Text;

namespace TrapActors.Mib.Resolution;

/// <summary>
/// Prints an instance suffix the way net-snmp does with -OS: each INDEX component decoded by its type (integers as
/// numbers or enumeration labels, IpAddress dotted, strings in double quotes after their length, IMPLIED ones in single quotes);
/// from the first component that cannot be decoded on, the remaining sub-identifiers are printed as numbers.
/// </summary>
internal static class InstanceFormatter
{
    public static string Format(ReadOnlySpan<uint> suffix, MibObject? row)
    {
        var text = new StringBuilder();
        var position = 0;
        if (row is not null)
        {
            for (var i = 0; i < row.Index.Count && position < suffix.Length; i++)
            {
                var consumed = Component(suffix[position..], row.Index[i], i < row.IndexObjects.Length ? row.IndexObjects[i] : null, text);
                if (consumed == 0) break;
                position += consumed;
            }
        }
        foreach (var sub in suffix[position..])
            text.Append('.').Append(sub.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>Appends one decoded component and returns how many sub-identifiers it took (0 when it cannot decode).</summary>
    private static int Component(ReadOnlySpan<uint> rest, MibIndex index, MibObject? indexObject, StringBuilder text)
    {
        var syntax = indexObject?.Syntax;
        var baseType = syntax?.BaseType ?? index.Name switch
        {
            "INTEGER" => MibBaseType.Integer,
            "OCTET STRING" => MibBaseType.OctetString,
            "NetworkAddress" or "IpAddress" => MibBaseType.IpAddress,
            "OBJECT IDENTIFIER" => MibBaseType.ObjectIdentifier,
            _ => MibBaseType.Unknown,
        };
        switch (baseType)
        {
            case MibBaseType.Integer or MibBaseType.Unsigned32 or MibBaseType.Counter32 or MibBaseType.Gauge32 or MibBaseType.TimeTicks:
                text.Append('.');
                if (syntax is not null && (syntax.Enumerations.TryGetValue(rest[0], out var label)
                    || syntax.Enumerations.TryGetValue((int)rest[0], out label))) text.Append(label);
                else text.Append(rest[0].ToString(CultureInfo.InvariantCulture));
                return 1;
            case MibBaseType.IpAddress when rest.Length >= 4:
                text.Append(CultureInfo.InvariantCulture, $".{rest[0]}.{rest[1]}.{rest[2]}.{rest[3]}");
                return 4;
            case MibBaseType.OctetString or MibBaseType.Opaque or MibBaseType.Bits:
                return Quoted(rest, index.Implied, text);
            default:
                return 0;
        }
    }

    private static int Quoted(ReadOnlySpan<uint> rest, bool implied, StringBuilder text)
    {
        long length = implied ? rest.Length : rest[0];
        var start = implied ? 0 : 1;
        if (start + length > rest.Length) return 0;
        var quote = implied ? '\'' : '"';
        text.Append('.').Append(quote);
        foreach (var sub in rest.Slice(start, (int)length))
            text.Append(sub is >= 0x20 and < 0x7f ? (char)sub : '.');
        text.Append(quote);
        return start + (int)length;
    }
}
