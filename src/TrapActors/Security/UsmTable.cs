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
        _byName = Entries.GroupBy(e => e.User.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
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
