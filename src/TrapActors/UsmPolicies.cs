using System.Collections.Immutable;
using System.Net;
using TrapActors.Snmp.Security;

namespace TrapActors;

/// <summary>
/// What <see cref="UsmPolicies.GetUser"/> is asked: an SNMPv3 message named a user that is not among the USM users
/// (else it would be usmStatsUnknownUserNames).
/// </summary>
/// <param name="User">The msgUserName.</param>
/// <param name="EngineId">The msgAuthoritativeEngineID (for a trap, the sender's engine).</param>
/// <param name="RequestedLevel">The security level of the message.</param>
/// <param name="Source">The sender's address and port.</param>
public sealed record UsmUserRequest(string User, ImmutableArray<byte> EngineId, SecurityLevel RequestedLevel, IPEndPoint Source);

/// <summary>
/// What <see cref="UsmPolicies.MinimumSecurityLevel"/> is asked: which minimum security level applies to a user whose
/// message authenticated (a lower level counts as usmStatsUnsupportedSecLevels).
/// </summary>
/// <param name="User">The user's name.</param>
/// <param name="EngineId">The msgAuthoritativeEngineID.</param>
/// <param name="ConfiguredMinimum">The user's <see cref="UsmUser.EffectiveMinimumLevel"/>, the answer without a policy.</param>
/// <param name="RequestedLevel">The security level of the message.</param>
public sealed record UsmSecurityLevelRequest(string User, ImmutableArray<byte> EngineId, SecurityLevel ConfiguredMinimum, SecurityLevel RequestedLevel);

/// <summary>
/// What <see cref="UsmPolicies.CheckEngine"/> is asked about a message to a remote authoritative engine (a trap).
/// Authenticated (authNoPriv, authPriv): its engine is new, or known but the message failed the timeliness check
/// (RFC 3414 §3.2 step 7b); accepting takes the message's boots and time as the engine's, refusing drops it
/// (unknown-engine for a new engine, not-in-time-window for a known one). noAuthNoPriv: every such message, with
/// <see cref="DefaultAccept"/> true (without authentication there is no timeliness check); accepting delivers it
/// without adding or updating the engine (its boots and time are not authentic), refusing drops it (unknown-engine).
/// Messages to this receiver's own engine (informs) are never asked about.
/// </summary>
/// <param name="EngineId">The remote engine's snmpEngineID.</param>
/// <param name="EngineBoots">The message's msgAuthoritativeEngineBoots.</param>
/// <param name="EngineTime">The message's msgAuthoritativeEngineTime.</param>
/// <param name="User">The user whose keys authenticated the message.</param>
/// <param name="Level">The security level of the message.</param>
/// <param name="Source">The sender's address and port.</param>
/// <param name="IsNew">True for an engine not tracked yet; false for a known one outside the time window (or, at noAuthNoPriv, any known one).</param>
/// <param name="DefaultAccept">The decision without a policy: accept a new engine, refuse a known one out of time; at noAuthNoPriv, accept.</param>
public sealed record CheckEngineRequest(
    ImmutableArray<byte> EngineId, int EngineBoots, int EngineTime, string User, SecurityLevel Level, IPEndPoint Source, bool IsNew, bool DefaultAccept);

/// <summary>
/// What <see cref="UsmPolicies.RespondToDiscovery"/> is asked: an engine-discovery probe (RFC 3414 §4), a message with an
/// empty msgAuthoritativeEngineID asking for this receiver's engine ID (before sending it informs).
/// </summary>
/// <param name="User">The msgUserName of the probe (often empty).</param>
/// <param name="Level">The security level of the probe (a Report is only sent to noAuthNoPriv ones).</param>
/// <param name="Source">The sender's address and port.</param>
public sealed record DiscoveryRequest(string User, SecurityLevel Level, IPEndPoint Source);

/// <summary>
/// What <see cref="UsmPolicies.StoredMasterKey"/> is asked: a password is about to be hashed into a master key
/// (RFC 3414 §A.2): when a user is added with AddUsmUser, or on the first message of a setup user. Never printed with its password.
/// </summary>
/// <param name="User">The user's name.</param>
/// <param name="Auth">The authentication protocol, whose hash makes the key.</param>
/// <param name="ForPrivacy">True for the privacy password, false for the authentication password.</param>
/// <param name="Password">The password.</param>
public sealed record UsmPasswordHashRequest(string User, AuthProtocol Auth, bool ForPrivacy, string Password)
{
    /// <summary>The user and protocol; the password is redacted.</summary>
    public override string ToString() => $"UsmPasswordHashRequest {{ User = {User}, Auth = {Auth.Name()}, ForPrivacy = {ForPrivacy}, Password = <redacted> }}";
}

/// <summary>
/// What <see cref="UsmPolicies.PasswordHashed"/> is told: a password was hashed; store <see cref="MasterKey"/> to skip
/// the work next time (return it from <see cref="UsmPolicies.StoredMasterKey"/>). Never printed with its secrets.
/// </summary>
/// <param name="User">The user's name.</param>
/// <param name="Auth">The authentication protocol whose hash made the key.</param>
/// <param name="ForPrivacy">True for the privacy password, false for the authentication password.</param>
/// <param name="Password">The password.</param>
/// <param name="MasterKey">The master key Ku (not yet localized to an engine).</param>
public sealed record UsmPasswordHashed(string User, AuthProtocol Auth, bool ForPrivacy, string Password, ImmutableArray<byte> MasterKey)
{
    /// <summary>The user and protocol; the password and key are redacted.</summary>
    public override string ToString() => $"UsmPasswordHashed {{ User = {User}, Auth = {Auth.Name()}, ForPrivacy = {ForPrivacy}, secrets redacted }}";
}

/// <summary>
/// The application's say in USM decisions, each optional with the RFC's behaviour as default. They may complete
/// asynchronously: the session that asked waits for the answer without blocking the listener or other sessions.
/// </summary>
public sealed class UsmPolicies
{
    /// <summary>No policies: every decision follows the RFCs and the settings.</summary>
    public static readonly UsmPolicies Default = new();

    /// <summary>Credentials for a user not in the cache; null rejects it (unknownUserName). A user returned is added to the cache.</summary>
    public Func<UsmUserRequest, ValueTask<UsmUser?>>? GetUser { get; init; }

    /// <summary>The minimum level for a user; default the user's <see cref="UsmUser.EffectiveMinimumLevel"/>.</summary>
    public Func<UsmSecurityLevelRequest, ValueTask<SecurityLevel>>? MinimumSecurityLevel { get; init; }

    /// <summary>
    /// Accept or reject a new or changed remote engine, or the engine of a noAuthNoPriv trap; default
    /// <see cref="CheckEngineRequest.DefaultAccept"/> (at noAuthNoPriv: accept).
    /// </summary>
    public Func<CheckEngineRequest, ValueTask<bool>>? CheckEngine { get; init; }

    /// <summary>Answer a discovery probe; default usm.respond-to-discovery.</summary>
    public Func<DiscoveryRequest, ValueTask<bool>>? RespondToDiscovery { get; init; }

    /// <summary>
    /// External key storage, before hashing: return the stored master key for this password to skip the megabyte of
    /// hashing, or null to hash. Called when a user is added with AddUsmUser, and for the users of
    /// <see cref="TrapReceiverSetup.Users"/> on their first message, from a thread-pool thread (so it must be
    /// thread-safe); never per packet.
    /// </summary>
    public Func<UsmPasswordHashRequest, byte[]?>? StoredMasterKey { get; init; }

    /// <summary>External key storage, after hashing: the master key just computed from a password.</summary>
    public Action<UsmPasswordHashed>? PasswordHashed { get; init; }
}
