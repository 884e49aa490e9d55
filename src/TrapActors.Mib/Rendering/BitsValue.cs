using System.Globalization;

namespace TrapActors.Mib.Rendering;

/// <summary>
/// A BITS value (an OCTET STRING whose bit 0 is the most significant bit of the first octet, RFC 2578 §7.1.4) by the
/// names of its set bits, as net-snmp prints it.
/// </summary>
public static class BitsValue
{
    /// <summary>The positions of the set bits, in ascending order.</summary>
    public static IReadOnlyList<int> SetBits(ReadOnlySpan<byte> value)
    {
        var bits = new List<int>();
        for (var octet = 0; octet < value.Length; octet++)
            for (var bit = 0; bit < 8; bit++)
                if ((value[octet] & (0x80 >> bit)) != 0)
                    bits.Add(octet * 8 + bit);
        return bits;
    }

    /// <summary>The names of the set bits in ascending order; a set bit without a name is shown by its number.</summary>
    public static IReadOnlyList<string> SetBitNames(ReadOnlySpan<byte> value, IReadOnlyDictionary<int, string> names)
    {
        var bits = SetBits(value);
        var result = new string[bits.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = names.TryGetValue(bits[i], out var name) ? name : bits[i].ToString(CultureInfo.InvariantCulture);
        return result;
    }

    /// <summary>
    /// The value as snmptrapd prints it after <c>BITS: </c>: the octets in upper-case hexadecimal, each followed by a
    /// space (a line break before every further 16), then each set bit as <c>name(n) </c>, or <c>n </c> without a name:
    /// <c>80 40 first(0) tenth(9) </c>.
    /// </summary>
    public static string Render(ReadOnlySpan<byte> value, IReadOnlyDictionary<int, string> names)
    {
        var output = new ByteWriter(stackalloc byte[128]);
        try
        {
            for (var i = 0; i < value.Length; i++)
            {
                if (i > 0 && i % 16 == 0)
                    output.WriteByte((byte)'\n');
                output.WriteByte((byte)"0123456789ABCDEF"[value[i] >> 4]);
                output.WriteByte((byte)"0123456789ABCDEF"[value[i] & 0xf]);
                output.WriteByte((byte)' ');
            }
            for (var bit = 0; bit < value.Length * 8; bit++)
            {
                if ((value[bit / 8] & (0x80 >> (bit % 8))) == 0)
                    continue;
                if (names.TryGetValue(bit, out var name))
                {
                    output.WriteAscii(name);
                    output.WriteByte((byte)'(');
                    output.WriteSigned(bit);
                    output.WriteByte((byte)')');
                }
                else
                {
                    output.WriteSigned(bit);
                }
                output.WriteByte((byte)' ');
            }
            return output.ToUtf8String();
        }
        finally
        {
            output.Dispose();
        }
    }
}
