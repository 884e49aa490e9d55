using System.Collections.Immutable;
using System.Diagnostics;
using System.Security.Cryptography;
using TrapActors.Snmp.Security;

namespace TrapActors;

/// <summary>How a user's secret is given: a password, a master key (Ku) or a key already localized to the user's engine (Kul).</summary>
public enum UsmSecretKind
{
    /// <summary>A password (RFC 3414 §A.2): hashed into a master key when the user is added, then localized per engine.</summary>
    Password,
    /// <summary>A master key Ku, the password's hash (RFC 3414 §A.2.1/A.2.2), e.g. stored after <see cref="UsmPolicies.PasswordHashed"/>; localized per engine.</summary>
    MasterKey,
    /// <summary>A key localized to the user's engine, Kul (RFC 3414 §2.6), used as is; the user must name that engine.</summary>
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

    /// <summary>How the secret is given.</summary>
    public UsmSecretKind Kind { get; }

    /// <summary>A password, kept as UTF-8. RFC 3414 §11.2 asks for at least 8 characters; only an empty one is refused here.</summary>
    /// <exception cref="ArgumentException"><paramref name="password"/> is null or empty.</exception>
    public static UsmSecret Password(string password) =>
        string.IsNullOrEmpty(password)
            ? throw new ArgumentException("a USM password must not be empty", nameof(password))
            : new(UsmSecretKind.Password, System.Text.Encoding.UTF8.GetBytes(password));

    /// <summary>A master key Ku: a password already hashed (RFC 3414 §A.2), e.g. kept from <see cref="UsmPolicies.PasswordHashed"/>.</summary>
    public static UsmSecret MasterKey(ReadOnlySpan<byte> key) => new(UsmSecretKind.MasterKey, key.ToArray());

    /// <summary>A key already localized to the user's engine, Kul (RFC 3414 §2.6): the authentication or privacy key itself.</summary>
    public static UsmSecret LocalizedKey(ReadOnlySpan<byte> key) => new(UsmSecretKind.LocalizedKey, key.ToArray());

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    internal ReadOnlySpan<byte> Value => _value;

    internal UsmSecret Copy() => new(Kind, _value.ToArray());

    /// <summary>Overwrites the secret in memory.</summary>
    internal void Zero() => CryptographicOperations.ZeroMemory(_value);

    /// <summary>The kind only; the secret is redacted.</summary>
    public override string ToString() => $"UsmSecret({Kind}, redacted)";
}

/// <summary>
/// An SNMPv3 USM user (RFC 3414 usmUserTable). <see cref="EngineId"/> empty means "any engine": the keys are
/// localized on the fly for each sender engine. Secrets never appear in <see cref="ToString"/> (which a sealed
/// record's generated members do not bypass) nor in the debugger.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record UsmUser
{
    /// <summary>A user with the given protocols and secrets.</summary>
    /// <param name="name">The user name (msgUserName, the securityName), 1 to 32 octets of UTF-8.</param>
    /// <param name="auth">The authentication protocol; <see cref="AuthProtocol.None"/> for noAuthNoPriv.</param>
    /// <param name="authSecret">The authentication password or key; required with an authentication protocol.</param>
    /// <param name="priv">The privacy protocol; needs authentication (RFC 3414 §3.1.2).</param>
    /// <param name="privSecret">The privacy password or key; required with a privacy protocol.</param>
    /// <param name="engineId">The authoritative engine the user belongs to (for traps, the sender's snmpEngineID); default or empty: any engine.</param>
    /// <exception cref="ArgumentException">A rule above is broken, or a localized key is given without an engine ID.</exception>
    /// <exception cref="UsmKeyLengthException">A master or localized key's length does not fit the protocols (error 329).</exception>
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
        UsmKeyLengths.Check(name, auth, authSecret, priv, privSecret);
        Name = name;
        Auth = auth;
        AuthSecret = authSecret;
        Priv = priv;
        PrivSecret = privSecret;
        EngineId = engineId.IsDefault ? [] : engineId;
    }

    /// <summary>The user name (msgUserName), which is also the securityName notifications carry in <see cref="NotificationOrigin.User"/>.</summary>
    public string Name { get; }

    /// <summary>The authentication protocol (HMAC-MD5-96 ... HMAC-SHA-512, RFC 3414 and RFC 7860); <see cref="AuthProtocol.None"/>: none.</summary>
    public AuthProtocol Auth { get; }

    /// <summary>The authentication password or key; null without authentication.</summary>
    public UsmSecret? AuthSecret { get; }

    /// <summary>The privacy protocol (DES, 3DES, AES-128/192/256); <see cref="PrivProtocol.None"/>: none.</summary>
    public PrivProtocol Priv { get; }

    /// <summary>The privacy password or key; null without privacy.</summary>
    public UsmSecret? PrivSecret { get; }

    /// <summary>The authoritative engine this user belongs to; empty for any engine.</summary>
    public ImmutableArray<byte> EngineId { get; }

    /// <summary>True when the user belongs to no particular engine: its keys are localized for each sender engine on first use.</summary>
    public bool AnyEngine => EngineId.IsEmpty;

    /// <summary>The level this user is configured for.</summary>
    public SecurityLevel Level => Priv != PrivProtocol.None ? SecurityLevel.AuthPriv
        : Auth != AuthProtocol.None ? SecurityLevel.AuthNoPriv
        : SecurityLevel.NoAuthNoPriv;

    /// <summary>The lowest level accepted for this user (below it: usmStatsUnsupportedSecLevels); null: <see cref="Level"/>.</summary>
    public SecurityLevel? MinimumLevel { get; init; }

    /// <summary>The lowest level accepted: <see cref="MinimumLevel"/>, else <see cref="Level"/>.</summary>
    public SecurityLevel EffectiveMinimumLevel => MinimumLevel ?? Level;

    /// <summary>A noAuthNoPriv user (no secrets).</summary>
    public static UsmUser NoAuth(string name, ImmutableArray<byte> engineId = default) => new(name, engineId: engineId);

    /// <summary>An authNoPriv user with an authentication password.</summary>
    public static UsmUser AuthNoPriv(string name, AuthProtocol auth, string authPassword, ImmutableArray<byte> engineId = default) =>
        new(name, auth, UsmSecret.Password(authPassword), engineId: engineId);

    /// <summary>An authPriv user with authentication and privacy passwords, e.g. <c>UsmUser.AuthPriv("noc", AuthProtocol.HmacSha256, "auth-secret", PrivProtocol.Aes128, "priv-secret")</c>.</summary>
    public static UsmUser AuthPriv(string name, AuthProtocol auth, string authPassword, PrivProtocol priv, string privPassword, ImmutableArray<byte> engineId = default) =>
        new(name, auth, UsmSecret.Password(authPassword), priv, UsmSecret.Password(privPassword), engineId);

    /// <summary>
    /// The same user holding its own copies of the secrets: the receiver zeroes the secrets of users it removes or
    /// stops with, so a component that keeps a user beyond that (a replicated user table) keeps a copy.
    /// </summary>
    public UsmUser WithCopiedSecrets() =>
        new(Name, Auth, AuthSecret?.Copy(), Priv, PrivSecret?.Copy(), EngineId) { MinimumLevel = MinimumLevel };

    /// <summary>The name, engine and protocols; the secrets are redacted.</summary>
    public override string ToString() =>
        $"UsmUser {{ Name = {Name}, Engine = {(AnyEngine ? "any" : Snmp.EngineId.Format(EngineId.AsSpan()))}, Auth = {Auth.Name()}, Priv = {Priv.Name()}, secrets redacted }}";
}
