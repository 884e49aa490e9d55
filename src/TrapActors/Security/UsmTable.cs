using System.Collections.Frozen;
using System.Collections.Immutable;

namespace TrapActors.Security;

/// <summary>An immutable snapshot of the USM users, published by <see cref="UsmSecurityActor"/> for sessions to read.</summary>
internal sealed class UsmTable
{
    public static readonly UsmTable Empty = new([]);

    private readonly FrozenDictionary<string, ImmutableArray<UsmUserEntry>> _byName;

    public UsmTable(IEnumerable<UsmUserEntry> entries)
    {
        Entries = [.. entries];
        // Built by hand rather than with GroupBy: the setup may hold 100,000 users, and this runs before binding.
        var byName = new Dictionary<string, ImmutableArray<UsmUserEntry>>(Entries.Length, StringComparer.Ordinal);
        foreach (var entry in Entries)
            byName[entry.User.Name] = byName.TryGetValue(entry.User.Name, out var same) ? same.Add(entry) : [entry];
        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public ImmutableArray<UsmUserEntry> Entries { get; }

    /// <summary>The user <paramref name="name"/> for <paramref name="engineId"/>: an entry bound to that engine first, else one for any engine.</summary>
    public UsmUserEntry? Find(string name, ReadOnlySpan<byte> engineId)
    {
        if (!_byName.TryGetValue(name, out var candidates))
            return null;
        UsmUserEntry? anyEngine = null;
        foreach (var entry in candidates)
        {
            if (entry.User.AnyEngine)
                anyEngine = entry;
            else if (entry.User.EngineId.AsSpan().SequenceEqual(engineId))
                return entry;
        }
        return anyEngine;
    }
}
