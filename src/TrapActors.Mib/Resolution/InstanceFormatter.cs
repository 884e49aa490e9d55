using System.Globalization;
using System.Text;

namespace TrapActors.Mib.Resolution;

/// <summary>
/// Prints an instance suffix the way net-snmp does with -OS (its mib.c index printing): each INDEX component decoded
/// by its type: integers as numbers or enumeration labels; IpAddress dotted; NetworkAddress as its type number and
/// the address; strings in double quotes after their length, or in single quotes when IMPLIED or of a fixed size
/// (a single SIZE (n)), with no length; an InetAddress after an InetAddressType as the address (see
/// <see cref="IndexStrings"/>); an OBJECT IDENTIFIER as numbers, its length included. From the first component that
/// cannot be decoded on, the remaining sub-identifiers are printed as numbers.
/// </summary>
internal static class InstanceFormatter
{
    /// <summary>The instance <c>oid[start..]</c> of <paramref name="row"/>'s columns (numbers only when it is null).</summary>
    public static string Format(ReadOnlySpan<uint> oid, int start, MibObject? row)
    {
        var text = new StringBuilder();
        var position = start;
        if (row is not null)
        {
            for (var i = 0; i < row.Index.Count && position < oid.Length; i++)
            {
                var consumed = Component(oid, position, row.Index[i], i < row.IndexObjects.Length ? row.IndexObjects[i] : null,
                    i < row.InetAddressIndexes.Length && row.InetAddressIndexes[i], text);
                if (consumed == 0) break;
                position += consumed;
            }
        }
        foreach (var sub in oid[position..])
            text.Append('.').Append(sub.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>Appends one decoded component and returns how many sub-identifiers it took (0 when it cannot decode).</summary>
    private static int Component(ReadOnlySpan<uint> oid, int position, MibIndex index, MibObject? indexObject, bool inetAddress, StringBuilder text)
    {
        var rest = oid[position..];
        var syntax = indexObject?.Syntax;
        if (syntax?.TypeName == "NetworkAddress" || (syntax is null && index.Name == "NetworkAddress"))
            return NetworkAddress(rest, text);
        var baseType = syntax?.BaseType ?? index.Name switch
        {
            "INTEGER" => MibBaseType.Integer,
            "OCTET STRING" => MibBaseType.OctetString,
            "IpAddress" => MibBaseType.IpAddress,
            "OBJECT IDENTIFIER" => MibBaseType.ObjectIdentifier,
            _ => MibBaseType.Unknown,
        };
        switch (baseType)
        {
            case MibBaseType.Integer or MibBaseType.Unsigned32 or MibBaseType.Counter32 or MibBaseType.Gauge32 or MibBaseType.TimeTicks:
                text.Append('.');
                if (syntax is not null && syntax.Enumerations.TryGetValue((int)rest[0], out var label)) text.Append(label);
                else text.Append(rest[0].ToString(CultureInfo.InvariantCulture));
                return 1;
            case MibBaseType.IpAddress when rest.Length >= 4:
                text.Append(CultureInfo.InvariantCulture, $".{rest[0]}.{rest[1]}.{rest[2]}.{rest[3]}");
                return 4;
            case MibBaseType.OctetString or MibBaseType.Opaque or MibBaseType.Bits:
                var fixedSize = syntax is { Sizes: [var only] } && only.Min == only.Max ? (int?)only.Min : null;
                return IndexStrings.Append(rest, index.Implied, fixedSize, inetAddress ? oid[position - 1] : null, text);
            case MibBaseType.ObjectIdentifier:
                return Numbers(rest, index.Implied ? rest.Length : (long)rest[0] + 1, text);
            default:
                return 0;
        }
    }

    /// <summary>An OBJECT IDENTIFIER component: net-snmp prints its sub-identifiers, the length prefix with them.</summary>
    private static int Numbers(ReadOnlySpan<uint> rest, long count, StringBuilder text)
    {
        if (count > rest.Length) return 0;
        foreach (var sub in rest[..(int)count])
            text.Append('.').Append(sub.ToString(CultureInfo.InvariantCulture));
        return (int)count;
    }

    /// <summary>A v1 NetworkAddress: its type number, then (for internet, 1) the four octets; otherwise nothing more decodes.</summary>
    private static int NetworkAddress(ReadOnlySpan<uint> rest, StringBuilder text)
    {
        text.Append('.').Append(rest[0].ToString(CultureInfo.InvariantCulture));
        if (rest[0] != 1 || rest.Length < 5) return 1;
        text.Append(CultureInfo.InvariantCulture, $".{rest[1]}.{rest[2]}.{rest[3]}.{rest[4]}");
        return 5;
    }
}
