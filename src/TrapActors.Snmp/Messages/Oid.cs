using System.Globalization;
using System.Text;

namespace TrapActors.Snmp.Messages;

/// <summary>An immutable OBJECT IDENTIFIER: a sequence of unsigned 32-bit sub-identifiers.</summary>
public readonly struct Oid : IEquatable<Oid>, IComparable<Oid>
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
        var sb = new StringBuilder(Length * 4);
        foreach (var arc in Arcs)
        {
            if (sb.Length > 0)
                sb.Append('.');
            sb.Append(arc.ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

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
