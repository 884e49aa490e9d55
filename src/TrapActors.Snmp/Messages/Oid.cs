using System.Globalization;

namespace TrapActors.Snmp.Messages;

/// <summary>An immutable OBJECT IDENTIFIER: a sequence of unsigned 32-bit sub-identifiers.</summary>
public readonly struct Oid : IEquatable<Oid>, IComparable<Oid>, IUtf8SpanFormattable, ISpanFormattable
{
    private readonly uint[]? _arcs;

    /// <summary>An OID of these sub-identifiers, e.g. <c>new Oid(1, 3, 6, 1, 6, 3, 1, 1, 5, 3)</c> for linkDown; the array is copied.</summary>
    public Oid(params uint[] arcs) => _arcs = (uint[])arcs.Clone();

    /// <summary>An OID of these sub-identifiers (copied).</summary>
    public Oid(ReadOnlySpan<uint> arcs) => _arcs = arcs.ToArray();

    private Oid(uint[] arcs, bool _) => _arcs = arcs;

    /// <summary>Wraps an array the caller gives up; no copy.</summary>
    internal static Oid FromOwnedArray(uint[] arcs) => new(arcs, false);

    /// <summary>The sub-identifiers; empty for <c>default(Oid)</c>.</summary>
    public ReadOnlySpan<uint> Arcs => _arcs;

    /// <summary>The number of sub-identifiers.</summary>
    public int Length => _arcs?.Length ?? 0;

    /// <summary>True for an OID without sub-identifiers, such as <c>default(Oid)</c>.</summary>
    public bool IsEmpty => Length == 0;

    /// <summary>The sub-identifier at <paramref name="index"/> (0-based).</summary>
    public uint this[int index] => Arcs[index];

    /// <summary>True when this OID equals <paramref name="prefix"/> or lies below it (e.g. a varbind of a table under its entry OID).</summary>
    public bool StartsWith(Oid prefix) => Arcs.StartsWith(prefix.Arcs);

    /// <summary>This OID with <paramref name="more"/> sub-identifiers appended, e.g. a table column OID plus an instance index.</summary>
    public Oid Append(params ReadOnlySpan<uint> more)
    {
        var arcs = new uint[Length + more.Length];
        Arcs.CopyTo(arcs);
        more.CopyTo(arcs.AsSpan(Length));
        return new Oid(arcs, false);
    }

    /// <summary>Parses the dotted form ("1.3.6.1.2.1.1.3.0"; a leading dot is allowed).</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not digits separated by dots, or a sub-identifier exceeds 2^32-1.</exception>
    public static Oid Parse(string text) =>
        TryParse(text, out var oid) ? oid : throw new FormatException($"'{text}' is not a dotted OID (digits separated by dots).");

    /// <summary>Parses the dotted form like <see cref="Parse"/>; false (and a default OID) instead of an exception.</summary>
    public static bool TryParse(string? text, out Oid oid)
    {
        oid = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var span = text.AsSpan().Trim();
        if (span.Length > 0 && span[0] == '.')
            span = span[1..];
        if (span.IsEmpty)
            return false;
        var arcs = new List<uint>(16);
        foreach (var range in span.Split('.'))
        {
            if (!uint.TryParse(span[range], NumberStyles.None, CultureInfo.InvariantCulture, out var arc))
                return false;
            arcs.Add(arc);
        }
        oid = new Oid(arcs.ToArray(), false);
        return true;
    }

    /// <summary>The dotted form without a leading dot ("1.3.6.1.2.1.1.3.0"); empty for an empty OID.</summary>
    public override string ToString()
    {
        if (IsEmpty)
            return string.Empty;
        Span<char> chars = Length <= 64 ? stackalloc char[MaxFormattedLength(Length)] : new char[MaxFormattedLength(Length)];
        TryFormat(chars, out var written);
        return new string(chars[..written]);
    }

    /// <summary>The dotted form as UTF-8, without allocating.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        bytesWritten = 0;
        var arcs = Arcs;
        for (var i = 0; i < arcs.Length; i++)
        {
            if (i > 0)
            {
                if (bytesWritten >= utf8Destination.Length)
                    return false;
                utf8Destination[bytesWritten++] = (byte)'.';
            }
            if (!arcs[i].TryFormat(utf8Destination[bytesWritten..], out var n, default, CultureInfo.InvariantCulture))
                return false;
            bytesWritten += n;
        }
        return true;
    }

    /// <summary>The dotted form into <paramref name="destination"/>, without allocating; false when it does not fit.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        charsWritten = 0;
        var arcs = Arcs;
        for (var i = 0; i < arcs.Length; i++)
        {
            if (i > 0)
            {
                if (charsWritten >= destination.Length)
                    return false;
                destination[charsWritten++] = '.';
            }
            if (!arcs[i].TryFormat(destination[charsWritten..], out var n, default, CultureInfo.InvariantCulture))
                return false;
            charsWritten += n;
        }
        return true;
    }

    /// <summary>The dotted form; the format and provider are ignored (sub-identifiers are always invariant decimal).</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>The longest dotted form of an OID with <paramref name="arcs"/> sub-identifiers (10 digits and a dot each).</summary>
    public static int MaxFormattedLength(int arcs) => arcs * 11;

    /// <summary>True when both have the same sub-identifiers.</summary>
    public bool Equals(Oid other) => Arcs.SequenceEqual(other.Arcs);

    /// <summary>True when <paramref name="obj"/> is an <see cref="Oid"/> with the same sub-identifiers.</summary>
    public override bool Equals(object? obj) => obj is Oid other && Equals(other);

    /// <summary>A hash of the sub-identifiers.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var arc in Arcs)
            hash.Add(arc);
        return hash.ToHashCode();
    }

    /// <summary>Lexicographic order of the sub-identifiers, the order of a MIB walk (a prefix sorts first).</summary>
    public int CompareTo(Oid other) => Arcs.SequenceCompareTo(other.Arcs);

    /// <summary>True when both have the same sub-identifiers.</summary>
    public static bool operator ==(Oid left, Oid right) => left.Equals(right);

    /// <summary>True when the sub-identifiers differ.</summary>
    public static bool operator !=(Oid left, Oid right) => !left.Equals(right);
}
