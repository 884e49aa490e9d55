using System.Diagnostics;
using System.Security.Cryptography;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>
/// A user in the USM table with the keys derived from its secrets once: master keys (Ku) for users of any engine,
/// keys localized to the user's engine for engine-bound users. Localizing is one hash; the megabyte of hashing
/// that turns a password into Ku happens only here, when the user is added. Localizing holds a lease on the entry:
/// a retired entry localizes nothing (never from zeroed master keys), and is zeroed when the last localization ends.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
internal sealed class UsmUserEntry : KeyLease
{
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly byte[] _authMaster;
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly byte[] _privMaster;
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly UserKeys? _engineKeys;

    private UsmUserEntry(UsmUser user, byte[] authMaster, byte[] privMaster, UserKeys? engineKeys)
    {
        User = user;
        _authMaster = authMaster;
        _privMaster = privMaster;
        _engineKeys = engineKeys;
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

    /// <summary>Derives what the user needs; <paramref name="derivations"/> is told how many key derivations it took.</summary>
    public static UsmUserEntry Create(UsmUser original, Action derivations, UsmPolicies? policies = null)
    {
        var user = original.WithCopiedSecrets();
        byte[] authMaster = [];
        byte[] privMaster = [];
        try
        {
            authMaster = Master(user, user.AuthSecret, forPrivacy: false, derivations, policies);
            privMaster = Master(user, user.PrivSecret, forPrivacy: true, derivations, policies);
            UserKeys? engineKeys = null;
            if (!user.AnyEngine)
                engineKeys = Localize(user, authMaster, privMaster, user.EngineId.AsSpan(), derivations);
            return new UsmUserEntry(user, authMaster, privMaster, engineKeys);
        }
        catch
        {
            // A key-store policy that throws leaves no copy of the secrets behind.
            CryptographicOperations.ZeroMemory(authMaster);
            CryptographicOperations.ZeroMemory(privMaster);
            user.AuthSecret?.Zero();
            user.PrivSecret?.Zero();
            throw;
        }
    }

    /// <summary>
    /// The keys for <paramref name="engineId"/>: the precomputed ones for an engine-bound user, else freshly localized;
    /// null once the entry is retired.
    /// </summary>
    public UserKeys? KeysFor(ReadOnlySpan<byte> engineId, Action derivations)
    {
        if (_engineKeys is not null)
            return _engineKeys;
        if (!TryAcquire())
            return null;
        try
        {
            return Localize(User, _authMaster, _privMaster, engineId, derivations, DeferredPrivacyKey(engineId.ToArray(), derivations));
        }
        finally
        {
            Release();
        }
    }

    public UserKeys? EngineKeys => _engineKeys;

    /// <summary>The privacy master key (empty for keys given localized), for deriving the other AES variant.</summary>
    public byte[] PrivMasterKey => _privMaster;

    /// <summary>The engine-bound keys are retired with the entry.</summary>
    protected override void OnRetired() => _engineKeys?.Retire();

    protected override void ZeroMaterial()
    {
        CryptographicOperations.ZeroMemory(_authMaster);
        CryptographicOperations.ZeroMemory(_privMaster);
        User.AuthSecret?.Zero();
        User.PrivSecret?.Zero();
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
    private Func<byte[]?> DeferredPrivacyKey(byte[] engine, Action derivations) => () =>
    {
        if (!TryAcquire())
            return null;
        try
        {
            return PrivacyKey(User, _privMaster, engine, derivations);
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
}
