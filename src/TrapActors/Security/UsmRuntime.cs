using System.Collections.Concurrent;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>
/// The USM state that sessions read on every v3 message: the user table snapshot (written only by
/// <see cref="UsmSecurityActor"/>), the local engine, the remote engines' timeliness, and the bounded cache of
/// keys localized on the fly for users of any engine.
/// </summary>
internal sealed class UsmRuntime
{
    private readonly ConcurrentDictionary<string, RemoteEngine> _engines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(UsmUserEntry Entry, string Engine), UserKeys> _localized = new();
    private readonly ConcurrentDictionary<(UsmUserEntry Entry, string Engine), UserKeys> _detectedAes = new();
    private volatile UsmTable _table = UsmTable.Empty;

    public UsmRuntime(UsmSettings settings, LocalEngine local, TimeProvider time, UsmPolicies policies)
    {
        Settings = settings;
        Policies = policies;
        Local = local;
        Time = time;
    }

    public UsmSettings Settings { get; }

    public UsmPolicies Policies { get; }

    public LocalEngine Local { get; }

    public TimeProvider Time { get; }

    public UsmCounters Counters { get; } = new();

    public UsmTable Table => _table;

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public int RemoteEngineCount => _engines.Count;

    /// <summary>A table entry with its keys derived (the application's key store consulted).</summary>
    public UsmUserEntry CreateEntry(UsmUser user) => UsmUserEntry.Create(user, Counters.KeyDerivation, Policies);

    /// <summary>Only the security actor publishes; a new table drops the keys localized for users that left it.</summary>
    public void Publish(UsmTable table)
    {
        _table = table;
        var live = table.Entries.ToHashSet();
        foreach (var key in _localized.Keys)
        {
            if (!live.Contains(key.Entry) && _localized.TryRemove(key, out var keys))
                keys.Zero();
        }
        foreach (var key in _detectedAes.Keys)
        {
            if (!live.Contains(key.Entry))
                _detectedAes.TryRemove(key, out _);
        }
    }

    /// <summary>The user's keys for <paramref name="engineId"/>; for users of any engine localized once per engine and cached (bounded).</summary>
    public UserKeys KeysFor(UsmUserEntry entry, ReadOnlySpan<byte> engineId)
    {
        if (entry.EngineKeys is { } bound)
            return bound;
        var key = (entry, Convert.ToHexString(engineId));
        if (_localized.TryGetValue(key, out var cached))
            return cached;
        var keys = entry.KeysFor(engineId, Counters.KeyDerivation);
        if (_localized.Count >= Settings.MaxLocalizedKeys)
            EvictOne(_localized);
        return _localized.GetOrAdd(key, keys);
    }

    /// <summary>The keys with the AES key extension that detection found for this user and engine, if any.</summary>
    public UserKeys? DetectedAes(UsmUserEntry entry, ReadOnlySpan<byte> engineId) =>
        _detectedAes.TryGetValue((entry, Convert.ToHexString(engineId)), out var keys) ? keys : null;

    /// <summary>Remembers the keys whose AES key extension decrypted, for engine-bound and any-engine users alike.</summary>
    public UserKeys RememberAes(UsmUserEntry entry, ReadOnlySpan<byte> engineId, UserKeys keys)
    {
        if (_detectedAes.Count >= Settings.MaxLocalizedKeys)
            EvictOne(_detectedAes);
        return _detectedAes[(entry, Convert.ToHexString(engineId))] = keys;
    }

    /// <summary>The keys of <paramref name="entry"/> with the other AES-192/256 key extension (for detection).</summary>
    public UserKeys OtherAesVariant(UsmUserEntry entry, ReadOnlySpan<byte> engineId, UserKeys keys)
    {
        var other = keys.Priv.OtherAesVariant();
        var user = entry.User;
        var localizedPriv = user.PrivSecret!.Kind == UsmSecretKind.LocalizedKey
            ? user.PrivSecret.Value.ToArray()
            : UsmKeys.Localize(user.Auth, entry.PrivMasterKey, engineId);
        Counters.KeyDerivation();
        var privKey = UsmKeys.PrivacyKey(user.Auth, other, localizedPriv, engineId);
        return new UserKeys(keys.Auth, keys.AuthKey, other, privKey);
    }

    public RemoteEngine? FindEngine(ReadOnlySpan<byte> engineId) =>
        _engines.TryGetValue(Convert.ToHexString(engineId), out var engine) ? engine : null;

    /// <summary>Adds or updates a remote engine (the reference's add_engine); false when the table is full.</summary>
    public bool AddEngine(ReadOnlySpan<byte> engineId, int boots, int time)
    {
        var key = Convert.ToHexString(engineId);
        if (_engines.TryGetValue(key, out var existing))
        {
            existing.Set(boots, time, NowMs);
            return true;
        }
        if (_engines.Count >= Settings.MaxRemoteEngines)
            return false;
        _engines.GetOrAdd(key, new RemoteEngine(engineId.ToArray(), boots, time, NowMs));
        return true;
    }

    public bool RemoveEngine(ReadOnlySpan<byte> engineId) => _engines.TryRemove(Convert.ToHexString(engineId), out _);

    public IEnumerable<RemoteEngine> Engines => _engines.Values;

    public void ClearEngines() => _engines.Clear();

    private static void EvictOne<TKey>(ConcurrentDictionary<TKey, UserKeys> cache) where TKey : notnull
    {
        foreach (var key in cache.Keys)
        {
            // Not zeroed: a session may be using it right now. Keys of removed users are zeroed in Publish.
            if (cache.TryRemove(key, out _))
                return;
        }
    }
}
