namespace TrapActors.Snmp.Ber;

/// <summary>Decoding of primitive BER contents (INTEGER and OBJECT IDENTIFIER).</summary>
internal static class BerPrimitives
{
    /// <summary>A two's-complement INTEGER of 1..8 content bytes.</summary>
    public static SnmpDecodeError TryReadSigned(ReadOnlySpan<byte> content, out long value)
    {
        value = 0;
        if (content.IsEmpty)
            return SnmpDecodeError.InvalidValue;
        if (content.Length > 8)
            return SnmpDecodeError.IntegerOverflow;
        long v = (sbyte)content[0];
        for (var i = 1; i < content.Length; i++)
            v = (v << 8) | content[i];
        value = v;
        return SnmpDecodeError.None;
    }

    /// <summary>An Integer32: at most 4 content bytes (a longer encoding of an in-range value is non-minimal, X.690 §8.3.2).</summary>
    public static SnmpDecodeError TryReadInt32(ReadOnlySpan<byte> content, out int value)
    {
        value = 0;
        if (content.Length > 4)
            return SnmpDecodeError.IntegerOverflow;
        var result = TryReadSigned(content, out var v);
        if (result != SnmpDecodeError.None)
            return result;
        if (v is < int.MinValue or > int.MaxValue)
            return SnmpDecodeError.IntegerOverflow;
        value = (int)v;
        return SnmpDecodeError.None;
    }

    /// <summary>
    /// An unsigned value of at most <paramref name="maxBytes"/> bytes (4 or 8), plus one leading 0x00.
    /// Agents that forget the leading zero of a value with its top bit set are read as unsigned, as net-snmp does.
    /// </summary>
    public static SnmpDecodeError TryReadUnsigned(ReadOnlySpan<byte> content, int maxBytes, out ulong value)
    {
        value = 0;
        if (content.IsEmpty)
            return SnmpDecodeError.InvalidValue;
        if (content.Length == maxBytes + 1)
        {
            if (content[0] != 0)
                return SnmpDecodeError.IntegerOverflow;
            content = content[1..];
        }
        else if (content.Length > maxBytes)
        {
            return SnmpDecodeError.IntegerOverflow;
        }
        ulong v = 0;
        foreach (var b in content)
            v = (v << 8) | b;
        value = v;
        return SnmpDecodeError.None;
    }

    /// <summary>
    /// The OIDs every notification carries (sysUpTime.0, snmpTrapOID.0, ...), by their encoded bytes: decoding
    /// returns the shared arrays instead of allocating new ones. Safe because an <c>Oid</c> never changes its array.
    /// </summary>
    private static readonly (byte[] Encoded, uint[] Arcs)[] Common =
    [
        .. new[] { "1.3.6.1.2.1.1.3.0", "1.3.6.1.6.3.1.1.4.1.0", "1.3.6.1.6.3.18.1.3.0", "1.3.6.1.6.3.1.1.4.3.0", "1.3.6.1.6.3.18.1.4.0" }
            .Select(text => text.Split('.').Select(uint.Parse).ToArray())
            .Select(arcs => (Encode(arcs), arcs)),
    ];

    private static byte[] Encode(uint[] arcs)
    {
        using var writer = new BerWriter(64);
        writer.WriteOid(BerTag.ObjectIdentifier, arcs);
        return writer.Written[2..].ToArray();
    }

    /// <summary>Decodes OBJECT IDENTIFIER content into an array of sub-identifiers (shared for the common notification OIDs).</summary>
    public static SnmpDecodeError TryReadOid(ReadOnlySpan<byte> content, int maxArcs, out uint[] arcs)
    {
        foreach (var (encoded, common) in Common)
        {
            if (content.SequenceEqual(encoded) && common.Length <= maxArcs)
            {
                arcs = common;
                return SnmpDecodeError.None;
            }
        }
        arcs = [];
        if (content.IsEmpty || (content[^1] & 0x80) != 0)
            return SnmpDecodeError.InvalidOid;

        var subIds = 0;
        foreach (var b in content)
        {
            if ((b & 0x80) == 0)
                subIds++;
        }
        var count = subIds + 1;
        if (count > maxArcs)
            return SnmpDecodeError.InvalidOid;

        var result = new uint[count];
        var index = 0;
        ulong current = 0;
        var startOfSubId = true;
        foreach (var b in content)
        {
            if (startOfSubId && b == 0x80)
                return SnmpDecodeError.InvalidOid;
            current = (current << 7) | (uint)(b & 0x7F);
            if (current > uint.MaxValue + 80UL)
                return SnmpDecodeError.InvalidOid;
            startOfSubId = (b & 0x80) == 0;
            if (!startOfSubId)
                continue;
            if (index == 0)
            {
                var first = current < 40 ? 0u : current < 80 ? 1u : 2u;
                result[0] = first;
                result[1] = (uint)(current - first * 40);
                index = 2;
            }
            else
            {
                if (current > uint.MaxValue)
                    return SnmpDecodeError.InvalidOid;
                result[index++] = (uint)current;
            }
            current = 0;
        }
        arcs = result;
        return SnmpDecodeError.None;
    }
}
