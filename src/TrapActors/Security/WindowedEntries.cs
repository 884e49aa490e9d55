namespace TrapActors.Security;

/// <summary>Room in a bounded table of what was seen within a time window: the expired entries go first, then the oldest.</summary>
internal static class WindowedEntries
{
    public static void MakeRoom<TKey, TEntry>(Dictionary<TKey, TEntry> entries, int capacity, long nowMs, long windowMs, Func<TEntry, long> seenAtMs)
        where TKey : notnull
    {
        foreach (var (key, entry) in entries)
        {
            if (nowMs - seenAtMs(entry) > windowMs)
                entries.Remove(key);
        }
        if (entries.Count >= capacity)
            entries.Remove(entries.MinBy(e => seenAtMs(e.Value)).Key);
    }
}
