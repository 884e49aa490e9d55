using System.Collections.Concurrent;

namespace TrapActors.Security;

/// <summary>The outcome of making a new remote engine known.</summary>
internal enum EngineAdmission
{
    Added,
    /// <summary>Every engine in the table was added by the application: nothing can make room.</summary>
    TableFull,
}

/// <summary>
/// The remote engines this receiver tracks for timeliness (usm.max-remote-engines), found from the engine ID bytes without
/// allocating or locking. A new engine in a full table makes room by evicting the least recently used learned engine;
/// engines the application added (AddUsmEngine) are never evicted. An any-engine user's key can make at most
/// usm.max-remote-engines-per-user engines known at once: past that, that user's own least recently used engine leaves,
/// so invented engine IDs push out only engines learned with the same key (decision 0031). Additions and evictions
/// take one lock and scan the table; they happen only for authenticated messages from engines not yet known.
/// </summary>
internal sealed class RemoteEngineTable(int capacity, int perUserQuota, UsmCounters counters)
{
    private readonly ConcurrentDictionary<byte[], RemoteEngine> _engines = new(EngineIdComparer.Instance);
    private readonly Dictionary<string, int> _learnedPerUser = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public int Count => _engines.Count;

    public IEnumerable<RemoteEngine> Engines => _engines.Values;

    public RemoteEngine? Find(ReadOnlySpan<byte> engineId) =>
        _engines.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(engineId, out var engine) ? engine : null;

    /// <summary>AddUsmEngine: sets a known engine's clock (and makes it the application's), or adds it; false when full of the application's engines.</summary>
    public bool AddExplicit(ReadOnlySpan<byte> engineId, int boots, int time, long nowMs)
    {
        lock (_gate)
        {
            if (Find(engineId) is { } existing)
            {
                Forget(existing);
                existing.MarkExplicit();
                existing.Set(boots, time, nowMs);
                return true;
            }
            return Insert(new RemoteEngine(engineId.ToArray(), boots, time, nowMs, explicitlyAdded: true)) == EngineAdmission.Added;
        }
    }

    /// <summary>
    /// A new engine accepted from an authenticated message; <paramref name="anyEngineUser"/> is the user's name when its key
    /// is not bound to an engine (counted against its quota). An engine another session added meanwhile is left as it is.
    /// </summary>
    public EngineAdmission Learn(ReadOnlySpan<byte> engineId, int boots, int time, long nowMs, string? anyEngineUser)
    {
        lock (_gate)
        {
            if (Find(engineId) is not null)
                return EngineAdmission.Added;
            if (anyEngineUser is not null && _learnedPerUser.GetValueOrDefault(anyEngineUser) >= perUserQuota
                && LeastRecentlyUsed(anyEngineUser) is { } own)
            {
                Remove(own);
                counters.RemoteEngineOverQuota();
            }
            return Insert(new RemoteEngine(engineId.ToArray(), boots, time, nowMs, learnedBy: anyEngineUser));
        }
    }

    /// <summary>At start, what the state file kept (most recently used first): added while there is room.</summary>
    public void Restore(RemoteEngine engine)
    {
        lock (_gate)
        {
            if (_engines.Count < capacity && Find(engine.EngineId.Span) is null)
                Insert(engine);
        }
    }

    public bool Remove(ReadOnlySpan<byte> engineId)
    {
        lock (_gate)
        {
            if (Find(engineId) is not { } engine)
                return false;
            Remove(engine);
            return true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _engines.Clear();
            _learnedPerUser.Clear();
        }
    }

    private EngineAdmission Insert(RemoteEngine engine)
    {
        if (_engines.Count >= capacity)
        {
            if (LeastRecentlyUsed(user: null) is not { } victim)
            {
                counters.RemoteEngineRefused();
                return EngineAdmission.TableFull;
            }
            Remove(victim);
            counters.RemoteEngineEvicted();
        }
        _engines[engine.EngineId.ToArray()] = engine;
        if (engine.LearnedBy is { } user)
            _learnedPerUser[user] = _learnedPerUser.GetValueOrDefault(user) + 1;
        return EngineAdmission.Added;
    }

    private void Remove(RemoteEngine engine)
    {
        if (_engines.GetAlternateLookup<ReadOnlySpan<byte>>().TryRemove(engine.EngineId.Span, out _, out _))
            Forget(engine);
    }

    private void Forget(RemoteEngine engine)
    {
        if (engine.LearnedBy is not { } user)
            return;
        if (_learnedPerUser.GetValueOrDefault(user) <= 1)
            _learnedPerUser.Remove(user);
        else
            _learnedPerUser[user]--;
    }

    /// <summary>The learned engine (of <paramref name="user"/>, or of anyone when null) used least recently; never the application's.</summary>
    private RemoteEngine? LeastRecentlyUsed(string? user)
    {
        RemoteEngine? oldest = null;
        foreach (var engine in _engines.Values)
        {
            if (engine.ExplicitlyAdded || (user is not null && engine.LearnedBy != user))
                continue;
            if (oldest is null || engine.LastUsedMs < oldest.LastUsedMs)
                oldest = engine;
        }
        return oldest;
    }
}
