using TrapActors.Security;

namespace TrapActors.Sessions;

/// <summary>
/// The informs one session has seen within inform.duplicate-window, so that a retransmission (same engine or
/// community, user and request-id; the session already fixes the source) is answered like the first and not
/// delivered again. Bounded: the oldest entry makes room.
/// </summary>
internal sealed class RecentInforms(TimeSpan window, int capacity = 1024)
{
    private readonly Dictionary<Key, Entry> _entries = [];

    public readonly record struct Key(string Security, int RequestId);

    /// <summary>A pending inform (<see cref="PendingId"/>) or one already answered (<see cref="Answer"/>).</summary>
    public sealed record Entry(long SeenAt, long PendingId, (int Status, int Index)? Answer);

    public static Key KeyOf(SnmpNotification notification)
    {
        var origin = notification.Origin;
        var security = origin.Version == Snmp.Messages.SnmpVersion.V3
            ? $"v3|{Snmp.EngineId.Format(origin.EngineId.AsSpan())}|{origin.User}"
            : $"{origin.Version}|{origin.Community}";
        return new Key(security, notification.RequestId);
    }

    public bool TryGet(Key key, out Entry entry)
    {
        if (_entries.TryGetValue(key, out entry!) && !Expired(entry, Environment.TickCount64))
            return true;
        _entries.Remove(key);
        return false;
    }

    public void Pending(Key key, long pendingId) => Add(key, new Entry(Environment.TickCount64, pendingId, null));

    public void Answered(Key key, int status, int index) => Add(key, new Entry(Environment.TickCount64, 0, (status, index)));

    /// <summary>Nobody took it or it was suppressed: a retransmission is a new delivery.</summary>
    public void Forget(Key key) => _entries.Remove(key);

    private void Add(Key key, Entry entry)
    {
        if (!_entries.ContainsKey(key) && _entries.Count >= capacity)
            WindowedEntries.MakeRoom(_entries, capacity, entry.SeenAt, (long)window.TotalMilliseconds, static e => e.SeenAt);
        _entries[key] = entry;
    }

    private bool Expired(Entry entry, long now) => now - entry.SeenAt > (long)window.TotalMilliseconds;
}
