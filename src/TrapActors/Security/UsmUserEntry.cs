using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>
/// A user in the USM table with the keys derived from its secrets at most once: master keys (Ku) for users of any
/// engine, keys localized to the user's engine for engine-bound users. The megabyte of hashing that turns a password
/// into Ku happens either when the user is added (AddUsmUser) or, for the setup's users, on the first message that
/// needs it (<see cref="DeriveKeys"/>, decision 0038); keys given as Ku or Kul are never hashed. Localizing is one hash
/// and holds a lease on the entry: a retired entry localizes nothing (never from zeroed master keys), and is zeroed
/// when the last localization (or a derivation in progress) ends.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
internal sealed class UsmUserEntry : KeyLease
{
    private static readonly Task<bool> Ready = Task.FromResult(true);

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private DerivedKeys? _keys;
    private TaskCompletionSource<bool>? _derivation;

    private UsmUserEntry(UsmUser user, DerivedKeys? keys)
    {
        User = user;
        _keys = keys;
    }

    public UsmUser User { get; }

    private volatile bool _provisional;

    /// <summary>
    /// Supplied by UsmPolicies.GetUser for one message and not in the table: the security actor caches it once that
    /// message is accepted, and then clears the mark.
    /// </summary>
    public bool Provisional => _provisional;

    /// <summary>Marks a user supplied by GetUser (see <see cref="Provisional"/>).</summary>
    public UsmUserEntry AsProvisional()
    {
        _provisional = true;
        return this;
    }

    /// <summary>The security actor put the entry in the table.</summary>
    public void Cached() => _provisional = false;

    /// <summary>True once the keys exist (derived, or given as keys): messages can be verified at once.</summary>
    public bool KeysReady => Volatile.Read(ref _keys) is not null;

    /// <summary>
    /// Derives what the user needs; <paramref name="derivations"/> is told how many key derivations it took. With
    /// <paramref name="deferred"/>, a user whose password must be hashed gets nothing derived now: the first message
    /// that needs its keys calls <see cref="DeriveKeys"/>.
    /// </summary>
    public static UsmUserEntry Create(UsmUser original, Action derivations, UsmPolicies? policies = null, bool deferred = false)
    {
        var user = original.WithCopiedSecrets();
        if (deferred && HashesAPassword(user))
            return new UsmUserEntry(user, null);
        try
        {
            return new UsmUserEntry(user, Derive(user, derivations, policies));
        }
        catch
        {
            // A key-store policy that throws leaves no copy of the secrets behind.
            user.AuthSecret?.Zero();
            user.PrivSecret?.Zero();
            throw;
        }
    }

    /// <summary>
    /// The keys, derived once on <paramref name="queue"/> however many sessions ask at once: true when they are ready,
    /// false when they cannot be (the entry was retired first, or the application's key-store policy threw).
    /// </summary>
    public Task<bool> DeriveKeys(KeyDerivationQueue queue, Action derivations, UsmPolicies? policies)
    {
        if (!TryClaimDerivation(out var derivation, out var existing))
            return existing;
        queue.Enqueue(() => derivation.TrySetResult(DeriveUnderLease(derivations, policies)));
        return derivation.Task;
    }

    /// <summary>
    /// The keys derived now, on the calling thread, unless they are ready or a derivation has started (before the
    /// receiver binds: <see cref="StartupKeyDerivation"/>). True when this call derived them.
    /// </summary>
    public bool DeriveNow(Action derivations, UsmPolicies? policies)
    {
        if (!TryClaimDerivation(out var derivation, out _))
            return false;
        var derived = DeriveUnderLease(derivations, policies);
        derivation.TrySetResult(derived);
        return derived;
    }

    /// <summary>
    /// True when the caller is to run the one derivation of this entry (<paramref name="derivation"/> to complete);
    /// false with <paramref name="existing"/> when the keys are ready or another caller's derivation has started.
    /// </summary>
    private bool TryClaimDerivation([NotNullWhen(true)] out TaskCompletionSource<bool>? derivation, out Task<bool> existing)
    {
        derivation = null;
        if (KeysReady)
        {
            existing = Ready;
            return false;
        }
        if (Volatile.Read(ref _derivation) is { } started)
        {
            existing = started.Task;
            return false;
        }
        var claimed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _derivation, claimed, null) is { } other)
        {
            existing = other.Task;
            return false;
        }
        (derivation, existing) = (claimed, claimed.Task);
        return true;
    }

    /// <summary>
    /// The keys for <paramref name="engineId"/>: the precomputed ones for an engine-bound user, else freshly localized;
    /// null once the entry is retired or while its keys are not derived.
    /// </summary>
    public UserKeys? KeysFor(ReadOnlySpan<byte> engineId, Action derivations)
    {
        if (Volatile.Read(ref _keys) is not { } keys)
            return null;
        if (keys.EngineKeys is not null)
            return keys.EngineKeys;
        if (!TryAcquire())
            return null;
        try
        {
            return Localize(User, keys.AuthMaster, keys.PrivMaster, engineId, derivations, DeferredPrivacyKey(keys.PrivMaster, engineId.ToArray(), derivations));
        }
        finally
        {
            Release();
        }
    }

    public UserKeys? EngineKeys => Volatile.Read(ref _keys)?.EngineKeys;

    /// <summary>The privacy master key (empty for keys given localized or not derived yet), for deriving the other AES variant.</summary>
    public byte[] PrivMasterKey => Volatile.Read(ref _keys)?.PrivMaster ?? [];

    /// <summary>The engine-bound keys are retired with the entry.</summary>
    protected override void OnRetired() => Volatile.Read(ref _keys)?.EngineKeys?.Retire();

    protected override void ZeroMaterial()
    {
        if (Volatile.Read(ref _keys) is { } keys)
        {
            CryptographicOperations.ZeroMemory(keys.AuthMaster);
            CryptographicOperations.ZeroMemory(keys.PrivMaster);
        }
        User.AuthSecret?.Zero();
        User.PrivSecret?.Zero();
    }

    private static bool HashesAPassword(UsmUser user) => user.Auth != AuthProtocol.None
        && (user.AuthSecret?.Kind == UsmSecretKind.Password || (user.Priv != PrivProtocol.None && user.PrivSecret?.Kind == UsmSecretKind.Password));

    /// <summary>
    /// The deferred derivation, under a lease: a user retired before it starts derives nothing, and one retired while
    /// it runs has the new keys retired here (its retirement may have looked before they existed) and zeroed by the
    /// lease's release. Never throws: a key-store policy that throws leaves the user without keys (its messages are refused).
    /// </summary>
    private bool DeriveUnderLease(Action derivations, UsmPolicies? policies)
    {
        if (!TryAcquire())
            return false;
        try
        {
            var keys = Derive(User, derivations, policies);
            Interlocked.Exchange(ref _keys, keys);
            if (IsRetired)
                keys.EngineKeys?.Retire();
            return true;
        }
        catch (Exception)
        {
            return false;
        }
        finally
        {
            Release();
        }
    }

    private static DerivedKeys Derive(UsmUser user, Action derivations, UsmPolicies? policies)
    {
        byte[] authMaster = [];
        byte[] privMaster = [];
        try
        {
            authMaster = Master(user, user.AuthSecret, forPrivacy: false, derivations, policies);
            privMaster = Master(user, user.PrivSecret, forPrivacy: true, derivations, policies);
            var engineKeys = user.AnyEngine ? null : Localize(user, authMaster, privMaster, user.EngineId.AsSpan(), derivations);
            return new DerivedKeys(authMaster, privMaster, engineKeys);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(authMaster);
            CryptographicOperations.ZeroMemory(privMaster);
            throw;
        }
    }

    /// <summary>Ku for a secret: given, stored by the application (UsmPolicies.StoredMasterKey), or hashed now (RFC 3414 §A.2).</summary>
    private static byte[] Master(UsmUser user, UsmSecret? secret, bool forPrivacy, Action derivations, UsmPolicies? policies)
    {
        var auth = user.Auth;
        if (auth == AuthProtocol.None || secret is null)
            return [];
        if (secret.Kind != UsmSecretKind.Password)
            return secret.Value.ToArray();
        string? password = null;
        if (policies?.StoredMasterKey is { } stored)
        {
            password = System.Text.Encoding.UTF8.GetString(secret.Value);
            if (stored(new UsmPasswordHashRequest(user.Name, auth, forPrivacy, password)) is { Length: > 0 } key && key.Length == auth.KeyLength())
                return key.ToArray();
        }
        derivations();
        var master = UsmKeys.PasswordToKey(auth, secret.Value);
        if (policies?.PasswordHashed is { } hashed)
            hashed(new UsmPasswordHashed(user.Name, auth, forPrivacy, password ?? System.Text.Encoding.UTF8.GetString(secret.Value), [.. master]));
        return master;
    }

    /// <summary>
    /// The keys for one engine. On the fly (<paramref name="deferred"/>) the privacy key waits for its first use:
    /// the engine ID of a datagram is chosen by its sender before any authentication, and a privacy key with the
    /// Reeder extension costs a megabyte of hashing.
    /// </summary>
    private static UserKeys Localize(UsmUser user, byte[] authMaster, byte[] privMaster, ReadOnlySpan<byte> engineId, Action derivations, Func<byte[]?>? deferred = null)
    {
        if (user.Auth == AuthProtocol.None)
            return new UserKeys(AuthProtocol.None, [], PrivProtocol.None, []);
        var authKey = user.AuthSecret!.Kind == UsmSecretKind.LocalizedKey ? user.AuthSecret.Value.ToArray() : LocalizeOne(user.Auth, authMaster, engineId, derivations);
        if (user.Priv == PrivProtocol.None)
            return new UserKeys(user.Auth, authKey, PrivProtocol.None, []);
        if (deferred is null)
            return new UserKeys(user.Auth, authKey, user.Priv, PrivacyKey(user, privMaster, engineId, derivations));
        return new UserKeys(user.Auth, authKey, user.Priv, deferred);
    }

    /// <summary>Derives the privacy key under a lease on this entry; null once the entry is retired.</summary>
    private Func<byte[]?> DeferredPrivacyKey(byte[] privMaster, byte[] engine, Action derivations) => () =>
    {
        if (!TryAcquire())
            return null;
        try
        {
            return PrivacyKey(User, privMaster, engine, derivations);
        }
        finally
        {
            Release();
        }
    };

    private static byte[] PrivacyKey(UsmUser user, byte[] privMaster, ReadOnlySpan<byte> engineId, Action derivations)
    {
        var privLocalized = user.PrivSecret!.Kind == UsmSecretKind.LocalizedKey ? user.PrivSecret.Value.ToArray() : LocalizeOne(user.Auth, privMaster, engineId, derivations);
        try
        {
            if (privLocalized.Length < user.Priv.KeyMaterialLength() && user.Priv.Extension() == KeyExtension.Reeder)
                derivations();
            return UsmKeys.PrivacyKey(user.Auth, user.Priv, privLocalized, engineId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privLocalized);
        }
    }

    private static byte[] LocalizeOne(AuthProtocol auth, byte[] master, ReadOnlySpan<byte> engineId, Action derivations)
    {
        derivations();
        return UsmKeys.Localize(auth, master, engineId);
    }

    public override string ToString() => $"UsmUserEntry({User})";

    /// <summary>What the secrets give, set once: Ku for each secret (empty when given localized) and an engine-bound user's keys.</summary>
    private sealed class DerivedKeys(byte[] authMaster, byte[] privMaster, UserKeys? engineKeys)
    {
        [DebuggerBrowsable(DebuggerBrowsableState.Never)]
        public byte[] AuthMaster { get; } = authMaster;

        [DebuggerBrowsable(DebuggerBrowsableState.Never)]
        public byte[] PrivMaster { get; } = privMaster;

        [DebuggerBrowsable(DebuggerBrowsableState.Never)]
        public UserKeys? EngineKeys { get; } = engineKeys;
    }
}
