namespace TrapActors.Mib.Describing;

/// <summary>Compares OIDs by value, and lets a cache keyed by <c>uint[]</c> be searched with a span without allocating.</summary>
internal sealed class OidComparer : IEqualityComparer<uint[]>, IAlternateEqualityComparer<ReadOnlySpan<uint>, uint[]>
{
    public static OidComparer Instance { get; } = new();

    public bool Equals(uint[]? x, uint[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(uint[] obj) => GetHashCode((ReadOnlySpan<uint>)obj);

    public bool Equals(ReadOnlySpan<uint> alternate, uint[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<uint> alternate)
    {
        var hash = new HashCode();
        hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(alternate));
        return hash.ToHashCode();
    }

    public uint[] Create(ReadOnlySpan<uint> alternate) => alternate.ToArray();
}
