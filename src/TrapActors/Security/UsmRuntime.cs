using System.Collections.Concurrent;
using TrapActors.Diagnostics;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>
/// The USM state that sessions read on every v3 message: the user table snapshot (written only by
/// <see cref="UsmSecurityActor"/>), the local engine, the remote engines' timeliness, and the bounded cache of
/// keys localized on the fly for users of any engine.
/// </summary>
internal sealed class UsmRuntime
{
    private readonly ConcurrentDictionary<byte[], RemoteEngine> _engines = new(EngineIdComparer.Instance);
    private readonly PerEngineKeys _localized;
    private readonly PerEngineKeys _detectedAes;
    private volatile UsmTable _table = UsmTable.Empty;

    public UsmRuntime(UsmSettings settings, LocalEngine local, TimeProvider time, UsmPolicies policies)
    {
        Settings = settings;
        Policies = policies;
        Local = local;
        Time = time;
        Reports = new RateLimit(settings.MaxReportsPerSecond);
        _localized = new PerEngineKeys(settings.MaxLocalizedKeys, Counters);
        _detectedAes = new PerEngineKeys(settings.MaxLocalizedKeys, Counters);
    }

    public UsmSettings Settings { get; }

    public UsmPolicies Policies { get; }

    public LocalEngine Local { get; }

    public TimeProvider Time { get; }

    public UsmCounters Counters { get; } = new();

    /// <summary>Reports of every kind (usm.max-reports-per-second).</summary>
    public RateLimit Reports { get; }

    public UsmTable Table => _table;

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public int RemoteEngineCount => _engines.Count;

    /// <summary>A table entry with its keys derived (the application's key store consulted).</summary>
    public UsmUserEntry CreateEntry(UsmUser user) => UsmUserEntry.Create(user, Counters.KeyDerivation, Policies);

    /// <summary>
    /// Only the security actor publishes. The new table goes out first, then the entries that left it are retired (no
    /// new lease on their keys; zeroed once the last user of each returns it), and the keys localized for them are
    /// dropped and retired: a second sweep catches keys a session localized from an entry it found just before.
    /// </summary>
    public void Publish(UsmTable table, IEnumerable<UsmUserEntry>? retired = null)
    {
        _table = table;
        var live = table.Entries.ToHashSet();
        Sweep(live);
        if (retired is null)
            return;
        foreach (var entry in retired)
            entry.Retire();
        Sweep(live);
    }

    private void Sweep(HashSet<UsmUserEntry> live)
    {
        _localized.RemoveUsersNotIn(live);
        _detectedAes.RemoveUsersNotIn(live);
    }

    /// <summary>
    /// The user's keys for <paramref name="engineId"/>; for users of any engine localized once per engine and cached
    /// (bounded). Null when the entry was retired meanwhile (the user was replaced or removed).
    /// </summary>
    public UserKeys? KeysFor(UsmUserEntry entry, ReadOnlySpan<byte> engineId)
    {
        if (entry.EngineKeys is { } bound)
            return bound;
        if (_localized.Get(entry, engineId) is { } cached)
            return cached;
        if (entry.KeysFor(engineId, Counters.KeyDerivation) is not { } keys)
            return null;
        keys = _localized.Add(entry, engineId, keys);
        if (!entry.IsRetired)
            return keys;
        // Retired while these keys were localized: Publish's last sweep may have run before they were cached.
        _localized.Remove(entry, engineId, keys);
        keys.Retire();
        return null;
    }

    /// <summary>The keys with the AES key extension that detection found for this user and engine, if any.</summary>
    public UserKeys? DetectedAes(UsmUserEntry entry, ReadOnlySpan<byte> engineId) => _detectedAes.Get(entry, engineId);

    /// <summary>Remembers the keys whose AES key extension decrypted, for engine-bound and any-engine users alike.</summary>
    public UserKeys RememberAes(UsmUserEntry entry, ReadOnlySpan<byte> engineId, UserKeys keys) => _detectedAes.Add(entry, engineId, keys);

    /// <summary>
    /// The keys of <paramref name="entry"/> with the other AES-192/256 key extension (for detection), with a copy of the
    /// authentication key so that each can be retired alone; null once the entry is retired.
    /// </summary>
    public UserKeys? OtherAesVariant(UsmUserEntry entry, ReadOnlySpan<byte> engineId, UserKeys keys)
    {
        if (!entry.TryAcquire())
            return null;
        try
        {
            return OtherAesVariantLeased(entry, engineId, keys);
        }
        finally
        {
            entry.Release();
        }
    }

    private UserKeys OtherAesVariantLeased(UsmUserEntry entry, ReadOnlySpan<byte> engineId, UserKeys keys)
    {
        var other = keys.Priv.OtherAesVariant();
        var user = entry.User;
        var localizedPriv = user.PrivSecret!.Kind == UsmSecretKind.LocalizedKey
            ? user.PrivSecret.Value.ToArray()
            : UsmKeys.Localize(user.Auth, entry.PrivMasterKey, engineId);
        Counters.KeyDerivation();
        try
        {
            return new UserKeys(keys.Auth, keys.AuthKey.ToArray(), other, UsmKeys.PrivacyKey(user.Auth, other, localizedPriv, engineId));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(localizedPriv);
        }
    }

    public RemoteEngine? FindEngine(ReadOnlySpan<byte> engineId) =>
        _engines.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(engineId, out var engine) ? engine : null;

    /// <summary>Adds or updates a remote engine (AddUsmEngine, or a new engine accepted); false when the table is full.</summary>
    public bool AddEngine(ReadOnlySpan<byte> engineId, int boots, int time)
    {
        if (FindEngine(engineId) is { } existing)
        {
            existing.Set(boots, time, NowMs);
            return true;
        }
        if (_engines.Count >= Settings.MaxRemoteEngines)
            return false;
        var key = engineId.ToArray();
        _engines.GetOrAdd(key, new RemoteEngine(key, boots, time, NowMs));
        return true;
    }

    public bool RemoveEngine(ReadOnlySpan<byte> engineId) => _engines.GetAlternateLookup<ReadOnlySpan<byte>>().TryRemove(engineId, out _, out _);

    public IEnumerable<RemoteEngine> Engines => _engines.Values;

    public void ClearEngines() => _engines.Clear();

    /// <summary>
    /// Keys per (engine, user), found from the engine ID bytes without allocating. Bounded: when full, one engine's
    /// keys are dropped (not retired: a pending inform may still need them; keys of removed users are retired in Publish).
    /// </summary>
    private sealed class PerEngineKeys(int capacity, UsmCounters counters)
    {
        private readonly ConcurrentDictionary<byte[], ConcurrentDictionary<UsmUserEntry, UserKeys>> _byEngine = new(EngineIdComparer.Instance);
        private int _count;

        public UserKeys? Get(UsmUserEntry entry, ReadOnlySpan<byte> engineId) =>
            _byEngine.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(engineId, out var users) && users.TryGetValue(entry, out var keys)
                ? keys
                : null;

        public UserKeys Add(UsmUserEntry entry, ReadOnlySpan<byte> engineId, UserKeys keys)
        {
            if (Volatile.Read(ref _count) >= capacity)
                EvictOneEngine();
            var lookup = _byEngine.GetAlternateLookup<ReadOnlySpan<byte>>();
            if (!lookup.TryGetValue(engineId, out var users))
                users = _byEngine.GetOrAdd(engineId.ToArray(), _ => new ConcurrentDictionary<UsmUserEntry, UserKeys>());
            // Two sessions may localize at once: the first keys cached win, the others (held by no one) are retired.
            var stored = users.GetOrAdd(entry, keys);
            if (stored != keys)
            {
                keys.Retire();
                return stored;
            }
            Interlocked.Increment(ref _count);
            return keys;
        }

        public void Remove(UsmUserEntry entry, ReadOnlySpan<byte> engineId, UserKeys keys)
        {
            if (_byEngine.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(engineId, out var users)
                && users.TryRemove(new KeyValuePair<UsmUserEntry, UserKeys>(entry, keys)))
                Interlocked.Decrement(ref _count);
        }

        public void RemoveUsersNotIn(HashSet<UsmUserEntry> live)
        {
            foreach (var users in _byEngine.Values)
            {
                foreach (var entry in users.Keys)
                {
                    if (live.Contains(entry) || !users.TryRemove(entry, out var keys))
                        continue;
                    Interlocked.Decrement(ref _count);
                    keys.Retire();
                }
            }
        }

        private void EvictOneEngine()
        {
            foreach (var engine in _byEngine.Keys)
            {
                if (_byEngine.TryRemove(engine, out var users))
                {
                    Interlocked.Add(ref _count, -users.Count);
                    counters.KeysEvicted(users.Count);
                    return;
                }
            }
        }
    }
}
