using System.Collections.Immutable;

namespace TrapActors.Mib.Rendering;

/// <summary>
/// An OCTET STRING DISPLAY-HINT (RFC 2579 §3.1), parsed once into its octet-format specifications, that renders
/// values as net-snmp's snmptrapd prints them (<c>1x:</c> → <c>0:1a:2b:3c:4d:5e</c>,
/// <c>2d-1d-1d,1d:1d:1d.1d,1a1d:1d</c> → <c>2024-3-15,13:45:30.0,+1:0</c>). Immutable and thread-safe.
/// Where net-snmp departs from RFC 2579, docs/decisions/0043-display-hints.md says which one is followed.
/// </summary>
public sealed class OctetStringDisplayHint
{
    /// <summary>The longest octet length accepted; a longer one is taken for a typo rather than a real field.</summary>
    public const int MaxLength = 65535;

    private readonly ImmutableArray<OctetFormat> _formats;

    private OctetStringDisplayHint(string hint, ImmutableArray<OctetFormat> formats)
    {
        Hint = hint;
        _formats = formats;
    }

    /// <summary>The hint as written in the MIB.</summary>
    public string Hint { get; }

    /// <summary>The octet-format specifications in order; the last one repeats while octets remain.</summary>
    public ImmutableArray<OctetFormat> Formats => _formats;

    /// <summary>
    /// Parses <paramref name="hint"/>; false (and null) when it is not a valid OCTET STRING hint, in which case the
    /// caller shows the value without it. Never throws.
    /// </summary>
    public static bool TryParse(string? hint, out OctetStringDisplayHint? compiled)
    {
        compiled = null;
        if (string.IsNullOrEmpty(hint))
            return false;
        var formats = new List<OctetFormat>(4);
        var i = 0;
        while (i < hint.Length)
        {
            var repeat = hint[i] == '*';
            if (repeat)
                i++;
            var length = 0;
            var digits = 0;
            while (i < hint.Length && char.IsAsciiDigit(hint[i]))
            {
                length = length * 10 + (hint[i++] - '0');
                if (++digits > 5 || length > MaxLength)
                    return false;
            }
            if (i >= hint.Length || !IsFormat(hint[i]))
                return false;
            var format = hint[i++];
            // net-snmp's reading: a character that starts no new specification is the separator, a second one the
            // terminator; after a spec without a length, x, d and o start the next spec.
            var separator = TakeDelimiter(hint, ref i, length);
            var terminator = separator == '\0' ? '\0' : TakeDelimiter(hint, ref i, length);
            formats.Add(new OctetFormat(repeat, Math.Max(length, 1), format, separator, terminator));
        }
        compiled = new OctetStringDisplayHint(hint, [.. formats]);
        return true;
    }

    /// <summary>Renders <paramref name="value"/> with this hint, as snmptrapd prints it after <c>STRING: </c>.</summary>
    public string Format(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return string.Empty;
        var output = new ByteWriter(stackalloc byte[256]);
        try
        {
            Render(value, ref output);
            return output.ToUtf8String();
        }
        finally
        {
            output.Dispose();
        }
    }

    private void Render(scoped ReadOnlySpan<byte> value, scoped ref ByteWriter output)
    {
        var position = 0;
        var next = 0;
        var spec = _formats[0];
        while (position < value.Length)
        {
            var repeat = 1;
            // Once the hint is used up its last specification is applied again, without its repeat indicator
            // (net-snmp reads the count octet only when it meets the '*' in the hint).
            if (next < _formats.Length)
            {
                spec = _formats[next++];
                if (spec.Repeat)
                    repeat = value[position++];
            }
            for (; repeat > 0 && position < value.Length; repeat--)
            {
                var take = Math.Min(spec.Length, value.Length - position);
                var octets = value.Slice(position, take);
                position += take;
                if (spec.Format is 'a' or 't')
                    WriteText(octets, ref output);
                else
                    WriteNumber(octets, spec.Format, ref output);
                if (position < value.Length && spec.Separator != '\0')
                    output.WriteChar(spec.Separator);
            }
            if (position < value.Length && spec.Terminator != '\0')
                output.WriteChar(spec.Terminator);
        }
    }

    // net-snmp copies the octets as they are (so UTF-8 shows as UTF-8) unless they hold a NUL; then each octet
    // that is neither printable ASCII nor white space shows as '.'.
    private static void WriteText(scoped ReadOnlySpan<byte> octets, scoped ref ByteWriter output)
    {
        if (octets.IndexOf((byte)0) < 0)
        {
            output.Write(octets);
            return;
        }
        foreach (var b in octets)
            output.WriteByte(b is >= 0x20 and < 0x7f or >= 0x09 and <= 0x0d ? b : (byte)'.');
    }

    // Octets are read most significant first into a 64-bit value, wrapping as net-snmp's C long does.
    private static void WriteNumber(scoped ReadOnlySpan<byte> octets, char format, scoped ref ByteWriter output)
    {
        ulong number = 0;
        foreach (var b in octets)
            number = unchecked((number << 8) | b);
        switch (format)
        {
            case 'x':
                output.WriteUnsigned(number, 16);
                break;
            case 'o':
                output.WriteUnsigned(number, 8);
                break;
            default:
                output.WriteSigned(unchecked((long)number));
                break;
        }
    }

    private static char TakeDelimiter(string hint, ref int i, int length)
    {
        if (i >= hint.Length)
            return '\0';
        var c = hint[i];
        if (c == '*' || char.IsAsciiDigit(c) || (length == 0 && c is 'x' or 'd' or 'o'))
            return '\0';
        i++;
        return c;
    }

    private static bool IsFormat(char c) => c is 'x' or 'd' or 'o' or 'a' or 't';

    /// <inheritdoc />
    public override string ToString() => Hint;
}
