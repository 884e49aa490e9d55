using System.Globalization;

namespace TrapActors.Snmp.Messages;

/// <summary>An immutable OBJECT IDENTIFIER: a sequence of unsigned 32-bit sub-identifiers.</summary>
public readonly struct Oid : IEquatable<Oid>, IComparable<Oid>, IUtf8SpanFormattable, ISpanFormattable
{
    private readonly uint[]? _arcs;

    public Oid(params uint[] arcs) => _arcs = (uint[])arcs.Clone();

    public Oid(ReadOnlySpan<uint> arcs) => _arcs = arcs.ToArray();

    private Oid(uint[] arcs, bool _) => _arcs = arcs;

    /// <summary>Wraps an array the caller gives up; no copy.</summary>
    internal static Oid FromOwnedArray(uint[] arcs) => new(arcs, false);

    public ReadOnlySpan<uint> Arcs => _arcs;

    public int Length => _arcs?.Length ?? 0;

    public bool IsEmpty => Length == 0;

    public uint this[int index] => Arcs[index];

    /// <summary>True when this OID equals <paramref name="other"/> or lies below it.</summary>
    public bool StartsWith(Oid prefix) => Arcs.StartsWith(prefix.Arcs);

    public Oid Append(params ReadOnlySpan<uint> more)
    {
        var arcs = new uint[Length + more.Length];
        Arcs.CopyTo(arcs);
        more.CopyTo(arcs.AsSpan(Length));
        return new Oid(arcs, false);
    }

    public static Oid Parse(string text) =>
        TryParse(text, out var oid) ? oid : throw new FormatException($"'{text}' is not a dotted OID (digits separated by dots).");

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

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>The longest dotted form of an OID with <paramref name="arcs"/> sub-identifiers (10 digits and a dot each).</summary>
    public static int MaxFormattedLength(int arcs) => arcs * 11;

    public bool Equals(Oid other) => Arcs.SequenceEqual(other.Arcs);

    public override bool Equals(object? obj) => obj is Oid other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var arc in Arcs)
            hash.Add(arc);
        return hash.ToHashCode();
    }

    public int CompareTo(Oid other) => Arcs.SequenceCompareTo(other.Arcs);

    public static bool operator ==(Oid left, Oid right) => left.Equals(right);

    public static bool operator !=(Oid left, Oid right) => !left.Equals(right);
}
