using System.Globalization;

namespace TrapActors.Mib.Rendering;

/// <summary>
/// An INTEGER DISPLAY-HINT (RFC 2579 §3.1: <c>d</c>, <c>d-N</c>, <c>x</c>, <c>o</c> or <c>b</c>), parsed once, that renders
/// values as net-snmp's snmptrapd prints them (<c>d-2</c>: 1234 → <c>12.34</c>, 5 → <c>.05</c>). Immutable and thread-safe.
/// </summary>
public sealed class IntegerDisplayHint
{
    /// <summary>The largest implied decimal point accepted in <c>d-N</c>.</summary>
    public const int MaxDecimals = 64;

    private IntegerDisplayHint(string hint, char format, int decimals)
    {
        Hint = hint;
        Format = format;
        Decimals = decimals;
    }

    /// <summary>The hint as written in the MIB.</summary>
    public string Hint { get; }

    /// <summary>The display format: <c>d</c>, <c>x</c>, <c>o</c> or <c>b</c>.</summary>
    public char Format { get; }

    /// <summary>The digits after the implied decimal point (the N of <c>d-N</c>); 0 for every other hint.</summary>
    public int Decimals { get; }

    /// <summary>
    /// Parses <paramref name="hint"/>; false (and null) when it is not a valid INTEGER hint, in which case the caller
    /// shows the plain number. Never throws.
    /// </summary>
    public static bool TryParse(string? hint, out IntegerDisplayHint? compiled)
    {
        compiled = null;
        if (hint is null || hint.Length == 0 || hint[0] is not ('d' or 'x' or 'o' or 'b'))
            return false;
        if (hint.Length == 1)
        {
            compiled = new IntegerDisplayHint(hint, hint[0], 0);
            return true;
        }
        if (hint[0] != 'd' || hint[1] != '-' || hint.Length < 3 || hint.Length > 5)
            return false;
        var decimals = 0;
        foreach (var c in hint.AsSpan(2))
        {
            if (!char.IsAsciiDigit(c))
                return false;
            decimals = decimals * 10 + (c - '0');
        }
        if (decimals > MaxDecimals)
            return false;
        compiled = new IntegerDisplayHint(hint, 'd', decimals);
        return true;
    }

    /// <summary>
    /// Renders <paramref name="value"/> (an Integer32 or Unsigned32) as snmptrapd prints it after <c>INTEGER: </c>:
    /// <c>x</c> and <c>o</c> show a negative value as its 64-bit two's complement, <c>b</c> shows the low 32 bits
    /// with leading zeros, and <c>d-N</c> puts no 0 before the point (<c>.05</c>, <c>-.05</c>).
    /// </summary>
    public string Render(long value)
    {
        switch (Format)
        {
            case 'x':
                return unchecked((ulong)value).ToString("x", CultureInfo.InvariantCulture);
            case 'o':
                return ToOctal(unchecked((ulong)value));
            case 'b':
                return Convert.ToString(unchecked((uint)value), 2).PadLeft(32, '0');
        }
        if (Decimals == 0)
            return value.ToString(CultureInfo.InvariantCulture);
        var negative = value < 0;
        var digits = negative ? unchecked((ulong)-value).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
        var whole = digits.Length > Decimals ? digits[..^Decimals] : string.Empty;
        var fraction = digits.Length > Decimals ? digits[^Decimals..] : digits.PadLeft(Decimals, '0');
        return string.Concat(negative ? "-" : "", whole, ".", fraction);
    }

    private static string ToOctal(ulong value)
    {
        Span<char> digits = stackalloc char[22];
        var i = digits.Length;
        do
        {
            digits[--i] = (char)('0' + (int)(value & 7));
            value >>= 3;
        }
        while (value != 0);
        return new string(digits[i..]);
    }

    /// <inheritdoc />
    public override string ToString() => Hint;
}
