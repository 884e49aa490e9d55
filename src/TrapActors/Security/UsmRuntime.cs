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
    private readonly PerEngineKeys<UserKeys> _localized;
    private readonly PerEngineKeys<AesAlternative> _aesAlternatives;
    private volatile UsmTable _table = UsmTable.Empty;

    public UsmRuntime(UsmSettings settings, LocalEngine local, TimeProvider time, UsmPolicies policies)
    {
        Settings = settings;
        Policies = policies;
        Local = local;
        Time = time;
        Reports = new RateLimit(settings.MaxReportsPerSecond);
        UnknownUsers = new UnknownUserNames(settings.UnknownUserCacheTime, time);
        _localized = new PerEngineKeys<UserKeys>(settings.MaxLocalizedKeys, Counters, keys => keys.Retire());
        _aesAlternatives = new PerEngineKeys<AesAlternative>(settings.MaxLocalizedKeys, Counters, alternative => alternative.Keys.Retire());
        RemoteEngines = new RemoteEngineTable(settings.MaxRemoteEngines, settings.MaxRemoteEnginesPerUser, Counters);
        Informs = new RecentV3Informs(settings.MaxRecentInforms);
    }

    public UsmSettings Settings { get; }

    public UsmPolicies Policies { get; }

    public LocalEngine Local { get; }

    public TimeProvider Time { get; }

    public UsmCounters Counters { get; } = new();

    /// <summary>User names GetUser did not supply lately (usm.unknown-user-cache-time).</summary>
    public UnknownUserNames UnknownUsers { get; }

    /// <summary>Reports of every kind (usm.max-reports-per-second).</summary>
    public RateLimit Reports { get; }

    public UsmTable Table => _table;

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The remote engines tracked for timeliness (bounded, least recently used evicted first; decision 0031).</summary>
    public RemoteEngineTable RemoteEngines { get; }

    /// <summary>SNMPv3 informs answered or pending, across sessions, so that a replay from another port is not delivered again.</summary>
    public RecentV3Informs Informs { get; }

    public int RemoteEngineCount => RemoteEngines.Count;

    /// <summary>A table entry with its keys derived (the application's key store consulted).</summary>
    public UsmUserEntry CreateEntry(UsmUser user) => UsmUserEntry.Create(user, Counters.KeyDerivation, Policies);

    /// <summary>A table entry whose password hashing waits for the first message that needs it (decision 0038).</summary>
    public UsmUserEntry CreateDeferredEntry(UsmUser user) => UsmUserEntry.Create(user, Counters.KeyDerivation, Policies, deferred: true);

    /// <summary>Deferred key derivations: on the thread pool, at most half the cores at once.</summary>
    public KeyDerivationQueue KeyDerivations { get; } = new(KeyDerivationQueue.DefaultParallelism);

    /// <summary>The entry's keys, derived once on <see cref="KeyDerivations"/>; true when ready, false when they cannot be.</summary>
    public Task<bool> DeriveKeys(UsmUserEntry entry) => entry.DeriveKeys(KeyDerivations, Counters.KeyDerivation, Policies);

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
        _aesAlternatives.RemoveUsersNotIn(live);
    }

    /// <summary>
    /// The user's keys for <paramref name="engineId"/>; for users of any engine localized once per engine and cached
    /// (bounded). Null when the entry was retired meanwhile (the user was replaced or removed).
    /// </summary>
    public UserKeys? KeysFor(UsmUserEntry entry, ReadOnlySpan<byte> engineId)
    {
        if (entry.EngineKeys is { } bound)
            return bound;
        return _localized.Get(entry, engineId)
            ?? (entry.KeysFor(engineId, Counters.KeyDerivation) is { } keys ? _localized.AddUnlessRetired(entry, engineId, keys) : null);
    }

    /// <summary>The keys of the other AES key extension derived for this user and engine by detection, if any.</summary>
    public AesAlternative? AesAlternativeFor(UsmUserEntry entry, ReadOnlySpan<byte> engineId) => _aesAlternatives.Get(entry, engineId);

    /// <summary>
    /// Derives the other extension's keys and remembers them for engine-bound and any-engine users alike, whatever the
    /// outcome: a packet that decrypts with neither extension must not derive them again. Null once the entry is retired.
    /// </summary>
    public AesAlternative? RememberAes(UsmUserEntry entry, ReadOnlySpan<byte> engineId, UserKeys keys) =>
        OtherAesVariant(entry, engineId, keys) is { } other ? _aesAlternatives.AddUnlessRetired(entry, engineId, new AesAlternative(other)) : null;

    /// <summary>
    /// The keys of <paramref name="entry"/> with the other AES-192/256 key extension (for detection), with a copy of the
    /// authentication key so that each can be retired alone; null once the entry is retired.
    /// </summary>
    private UserKeys? OtherAesVariant(UsmUserEntry entry, ReadOnlySpan<byte> engineId, UserKeys keys)
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

    public RemoteEngine? FindEngine(ReadOnlySpan<byte> engineId) => RemoteEngines.Find(engineId);

    /// <summary>AddUsmEngine: adds or updates a remote engine that is never evicted; false when the table is full of such engines.</summary>
    public bool AddEngine(ReadOnlySpan<byte> engineId, int boots, int time) => RemoteEngines.AddExplicit(engineId, boots, time, NowMs);

    public bool RemoveEngine(ReadOnlySpan<byte> engineId) => RemoteEngines.Remove(engineId);

    public IEnumerable<RemoteEngine> Engines => RemoteEngines.Engines;

    public void ClearEngines() => RemoteEngines.Clear();

    /// <summary>
    /// Keys per (engine, user), found from the engine ID bytes without allocating. Bounded: when full, one engine's
    /// keys are dropped (not retired: a pending inform may still need them; keys of removed users are retired in Publish).
    /// </summary>
    private sealed class PerEngineKeys<T>(int capacity, UsmCounters counters, Action<T> retire)
        where T : class
    {
        private readonly ConcurrentDictionary<byte[], ConcurrentDictionary<UsmUserEntry, T>> _byEngine = new(EngineIdComparer.Instance);
        private int _count;

        public T? Get(UsmUserEntry entry, ReadOnlySpan<byte> engineId) =>
            _byEngine.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(engineId, out var users) && users.TryGetValue(entry, out var keys)
                ? keys
                : null;

        public T? AddUnlessRetired(UsmUserEntry entry, ReadOnlySpan<byte> engineId, T keys)
        {
            if (Volatile.Read(ref _count) >= capacity)
                EvictOneEngine();
            var lookup = _byEngine.GetAlternateLookup<ReadOnlySpan<byte>>();
            if (!lookup.TryGetValue(engineId, out var users))
                users = _byEngine.GetOrAdd(engineId.ToArray(), _ => new ConcurrentDictionary<UsmUserEntry, T>());
            // Two sessions may localize at once: the first keys cached win, the others (held by no one) are retired.
            var stored = users.GetOrAdd(entry, keys);
            if (stored != keys)
            {
                retire(keys);
                return stored;
            }
            Interlocked.Increment(ref _count);
            if (!entry.IsRetired)
                return keys;
            // Retired while these keys were derived: Publish's last sweep may have run before they were cached.
            if (users.TryRemove(new KeyValuePair<UsmUserEntry, T>(entry, keys)))
                Interlocked.Decrement(ref _count);
            retire(keys);
            return null;
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
                    retire(keys);
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

/// <summary>
/// The keys of the AES-192/256 key extension other than the configured one, for one user and engine, and whether they
/// decrypted the last message that either extension decrypted (tried first then). Kept until the user changes or the
/// engine's keys are evicted (usm.max-localized-keys).
/// </summary>
internal sealed class AesAlternative(UserKeys keys)
{
    private volatile bool _decrypts;

    public UserKeys Keys { get; } = keys;

    public bool Decrypts
    {
        get => _decrypts;
        set => _decrypts = value;
    }
}
