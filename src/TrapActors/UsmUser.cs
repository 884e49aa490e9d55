using System.Collections.Immutable;
using System.Diagnostics;
using System.Security.Cryptography;
using TrapActors.Snmp.Security;

namespace TrapActors;

/// <summary>How a user's secret is given: a password, a master key (Ku) or a key already localized to the user's engine (Kul).</summary>
public enum UsmSecretKind
{
    Password,
    MasterKey,
    LocalizedKey,
}

/// <summary>One USM secret; never printed, nor shown by a debugger.</summary>
[DebuggerDisplay("UsmSecret({Kind}, redacted)")]
public sealed class UsmSecret
{
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly byte[] _value;

    private UsmSecret(UsmSecretKind kind, byte[] value)
    {
        Kind = kind;
        _value = value;
    }

    public UsmSecretKind Kind { get; }

    public static UsmSecret Password(string password) =>
        string.IsNullOrEmpty(password)
            ? throw new ArgumentException("a USM password must not be empty", nameof(password))
            : new(UsmSecretKind.Password, System.Text.Encoding.UTF8.GetBytes(password));

    /// <summary>A master key Ku (the reference's hashed password, e.g. from on_hash_password storage).</summary>
    public static UsmSecret MasterKey(ReadOnlySpan<byte> key) => new(UsmSecretKind.MasterKey, key.ToArray());

    /// <summary>A key already localized to the user's engine (the reference's AuthenticationKey/EncryptionKey).</summary>
    public static UsmSecret LocalizedKey(ReadOnlySpan<byte> key) => new(UsmSecretKind.LocalizedKey, key.ToArray());

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    internal ReadOnlySpan<byte> Value => _value;

    internal UsmSecret Copy() => new(Kind, _value.ToArray());

    /// <summary>Overwrites the secret in memory.</summary>
    internal void Zero() => CryptographicOperations.ZeroMemory(_value);

    public override string ToString() => $"UsmSecret({Kind}, redacted)";
}

/// <summary>
/// An SNMPv3 USM user (the reference's add_user). <see cref="EngineId"/> empty means "any engine": the keys are
/// localized on the fly for each sender engine. Secrets never appear in <see cref="ToString"/> (which a sealed
/// record's generated members do not bypass) nor in the debugger.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record UsmUser
{
    public UsmUser(string name, AuthProtocol auth = AuthProtocol.None, UsmSecret? authSecret = null,
        PrivProtocol priv = PrivProtocol.None, UsmSecret? privSecret = null, ImmutableArray<byte> engineId = default)
    {
        if (string.IsNullOrEmpty(name) || System.Text.Encoding.UTF8.GetByteCount(name) > 32)
            throw new ArgumentException("a USM user name is 1 to 32 octets", nameof(name));
        if (auth == AuthProtocol.None && priv != PrivProtocol.None)
            throw new ArgumentException("privacy needs authentication (RFC 3414 §3.1.2)", nameof(priv));
        if (auth != AuthProtocol.None && authSecret is null)
            throw new ArgumentException($"{auth.Name()} needs an authentication password or key", nameof(authSecret));
        if (priv != PrivProtocol.None && privSecret is null)
            throw new ArgumentException($"{priv.Name()} needs a privacy password or key", nameof(privSecret));
        if (engineId.IsDefaultOrEmpty && (authSecret?.Kind == UsmSecretKind.LocalizedKey || privSecret?.Kind == UsmSecretKind.LocalizedKey))
            throw new ArgumentException("a localized key belongs to one engine: give the engine ID", nameof(engineId));
        Name = name;
        Auth = auth;
        AuthSecret = authSecret;
        Priv = priv;
        PrivSecret = privSecret;
        EngineId = engineId.IsDefault ? [] : engineId;
    }

    public string Name { get; }

    public AuthProtocol Auth { get; }

    public UsmSecret? AuthSecret { get; }

    public PrivProtocol Priv { get; }

    public UsmSecret? PrivSecret { get; }

    /// <summary>The authoritative engine this user belongs to; empty for any engine.</summary>
    public ImmutableArray<byte> EngineId { get; }

    public bool AnyEngine => EngineId.IsEmpty;

    /// <summary>The level this user is configured for.</summary>
    public SecurityLevel Level => Priv != PrivProtocol.None ? SecurityLevel.AuthPriv
        : Auth != AuthProtocol.None ? SecurityLevel.AuthNoPriv
        : SecurityLevel.NoAuthNoPriv;

    /// <summary>The lowest level accepted for this user (the reference's on_get_user_security_level); null: <see cref="Level"/>.</summary>
    public SecurityLevel? MinimumLevel { get; init; }

    public SecurityLevel EffectiveMinimumLevel => MinimumLevel ?? Level;

    public static UsmUser NoAuth(string name, ImmutableArray<byte> engineId = default) => new(name, engineId: engineId);

    public static UsmUser AuthNoPriv(string name, AuthProtocol auth, string authPassword, ImmutableArray<byte> engineId = default) =>
        new(name, auth, UsmSecret.Password(authPassword), engineId: engineId);

    public static UsmUser AuthPriv(string name, AuthProtocol auth, string authPassword, PrivProtocol priv, string privPassword, ImmutableArray<byte> engineId = default) =>
        new(name, auth, UsmSecret.Password(authPassword), priv, UsmSecret.Password(privPassword), engineId);

    /// <summary>The same user holding its own copies of the secrets, so that zeroing them harms no caller.</summary>
    internal UsmUser WithCopiedSecrets() =>
        new(Name, Auth, AuthSecret?.Copy(), Priv, PrivSecret?.Copy(), EngineId) { MinimumLevel = MinimumLevel };

    public override string ToString() =>
        $"UsmUser {{ Name = {Name}, Engine = {(AnyEngine ? "any" : Snmp.EngineId.Format(EngineId.AsSpan()))}, Auth = {Auth.Name()}, Priv = {Priv.Name()}, secrets redacted }}";
}
