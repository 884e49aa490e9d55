namespace TrapActors.Security;

/// <summary>
/// The SNMPv3 informs seen by every session within a window at least as long as usm.time-window, by engine, user,
/// msgID and request-id (RFC 3412 §6.1), so that a captured inform replayed from another source port, or after a
/// session's own inform.duplicate-window, is answered again but never delivered twice. An inform still pending in
/// another session is not answered here: the sender retransmits, and the answer is repeated once there is one.
/// Bounded (usm.max-recent-informs): expired entries go first, then the oldest. Only authenticated informs get here.
/// </summary>
internal sealed class RecentV3Informs(int capacity)
{
    private readonly Dictionary<Key, Entry> _entries = [];
    private readonly object _gate = new();

    public readonly record struct Key(string Security, int MessageId, int RequestId);

    /// <summary>Seen at <paramref name="SeenAtMs"/>; <paramref name="Answer"/> is null while the inform is pending.</summary>
    public readonly record struct Entry(long SeenAtMs, (int Status, int Index)? Answer);

    /// <summary>True with the entry when <paramref name="key"/> was seen within <paramref name="window"/>; else records it as pending.</summary>
    public bool SeenOrAdd(Key key, long nowMs, TimeSpan window, out Entry seen)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out seen) && nowMs - seen.SeenAtMs <= (long)window.TotalMilliseconds)
                return true;
            Set(key, new Entry(nowMs, null), nowMs, window);
            return false;
        }
    }

    /// <summary>Answered: a replay gets the same Response.</summary>
    public void Answered(Key key, int status, int index)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry))
                _entries[key] = entry with { Answer = (status, index) };
        }
    }

    /// <summary>Not delivered or not answered: a retransmission is a new delivery.</summary>
    public void Forget(Key key)
    {
        lock (_gate)
            _entries.Remove(key);
    }

    private void Set(Key key, Entry entry, long nowMs, TimeSpan window)
    {
        if (!_entries.ContainsKey(key) && _entries.Count >= capacity)
            WindowedEntries.MakeRoom(_entries, capacity, nowMs, (long)window.TotalMilliseconds, static e => e.SeenAtMs);
        _entries[key] = entry;
    }
}
