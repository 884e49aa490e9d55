using System.Collections.Immutable;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.TestKit;

/// <summary>How a <see cref="NotificationOriginator"/> secures what it sends: a community (v1, v2c) or a USM user (v3).</summary>
public abstract record OriginatorSecurity
{
    private protected OriginatorSecurity()
    {
    }

    /// <summary>SNMPv1 with <paramref name="community"/>.</summary>
    public static CommunitySecurity V1(string community) => new(SnmpVersion.V1, community);

    /// <summary>SNMPv2c with <paramref name="community"/>.</summary>
    public static CommunitySecurity V2c(string community) => new(SnmpVersion.V2c, community);

    /// <summary>SNMPv3, noAuthNoPriv, as <paramref name="userName"/>.</summary>
    public static UsmSecurity NoAuthNoPriv(string userName) => new(userName, AuthProtocol.None, null, PrivProtocol.None, null);

    /// <summary>SNMPv3, authNoPriv, as <paramref name="userName"/>.</summary>
    public static UsmSecurity AuthNoPriv(string userName, AuthProtocol auth, string authPassword) => new(userName, auth, authPassword, PrivProtocol.None, null);

    /// <summary>
    /// SNMPv3, authPriv, as <paramref name="userName"/>. The AES-192/256 key extension is part of <paramref name="priv"/>:
    /// <see cref="PrivProtocol.Aes256"/> (Blumenthal, net-snmp's AES-256) or <see cref="PrivProtocol.Aes256Reeder"/> (Reeder, AES-256-C).
    /// </summary>
    public static UsmSecurity AuthPriv(string userName, AuthProtocol auth, string authPassword, PrivProtocol priv, string privPassword) =>
        new(userName, auth, authPassword, priv, privPassword);
}

/// <summary>SNMPv1 or SNMPv2c with a community string.</summary>
/// <param name="Version"><see cref="SnmpVersion.V1"/> or <see cref="SnmpVersion.V2c"/>.</param>
/// <param name="Community">The community; never printed by <see cref="ToString"/>.</param>
public sealed record CommunitySecurity(SnmpVersion Version, string Community) : OriginatorSecurity
{
    /// <summary>The version; the community is redacted.</summary>
    public override string ToString() => $"CommunitySecurity {{ Version = {Version}, Community = <redacted> }}";
}

/// <summary>
/// SNMPv3 with a USM user. The security level follows from the protocols: no <paramref name="Auth"/> is
/// noAuthNoPriv, no <paramref name="Priv"/> is authNoPriv, both are authPriv.
/// </summary>
/// <param name="UserName">msgUserName.</param>
/// <param name="Auth">The authentication protocol, <see cref="AuthProtocol.None"/> for noAuthNoPriv.</param>
/// <param name="AuthPassword">The authentication password (needed with <paramref name="Auth"/>); never printed.</param>
/// <param name="Priv">The privacy protocol, <see cref="PrivProtocol.None"/> for no privacy.</param>
/// <param name="PrivPassword">The privacy password (needed with <paramref name="Priv"/>); never printed.</param>
public sealed record UsmSecurity(string UserName, AuthProtocol Auth, string? AuthPassword, PrivProtocol Priv, string? PrivPassword) : OriginatorSecurity
{
    /// <summary>True when messages are authenticated (authNoPriv or authPriv).</summary>
    public bool Authenticates => Auth != AuthProtocol.None;

    /// <summary>True when the scoped PDU is encrypted (authPriv).</summary>
    public bool Encrypts => Authenticates && Priv != PrivProtocol.None;

    /// <summary>
    /// The receiver's side of this user: a <see cref="UsmUser"/> with the same name, protocols and passwords, for
    /// <paramref name="engineId"/> (default: any engine; a trap sender's users need the originator's EngineId).
    /// </summary>
    public UsmUser ToUsmUser(ImmutableArray<byte> engineId = default) =>
        new(UserName, Auth, AuthPassword is null ? null : UsmSecret.Password(AuthPassword), Priv,
            PrivPassword is null ? null : UsmSecret.Password(PrivPassword), engineId);

    /// <summary>The user and protocols; the passwords are redacted.</summary>
    public override string ToString() => $"UsmSecurity {{ UserName = {UserName}, Auth = {Auth.Name()}, Priv = {Priv.Name()} }}";
}
