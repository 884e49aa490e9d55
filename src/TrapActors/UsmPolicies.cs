using System.Collections.Immutable;
using System.Net;
using TrapActors.Snmp.Security;

namespace TrapActors;

/// <summary>A v3 message named a user that is not in the cache (the reference's on_get_user_password).</summary>
public sealed record UsmUserRequest(string User, ImmutableArray<byte> EngineId, SecurityLevel RequestedLevel, IPEndPoint Source);

/// <summary>Which minimum security level applies to a user (the reference's on_get_user_security_level).</summary>
public sealed record UsmSecurityLevelRequest(string User, ImmutableArray<byte> EngineId, SecurityLevel ConfiguredMinimum, SecurityLevel RequestedLevel);

/// <summary>
/// A new remote engine, or a known one whose timeliness check failed (the reference's on_check_engine).
/// <see cref="DefaultAccept"/> follows the reference's rules: a known engine in time, or a new engine of an authenticated message.
/// </summary>
public sealed record CheckEngineRequest(
    ImmutableArray<byte> EngineId, int EngineBoots, int EngineTime, string User, SecurityLevel Level, IPEndPoint Source, bool IsNew, bool DefaultAccept);

/// <summary>An engine-discovery probe (the reference's on_discovery_request).</summary>
public sealed record DiscoveryRequest(string User, SecurityLevel Level, IPEndPoint Source);

/// <summary>A password about to be hashed into a master key (the reference's on_hash_password, before).</summary>
public sealed record UsmPasswordHashRequest(string User, AuthProtocol Auth, bool ForPrivacy, string Password)
{
    public override string ToString() => $"UsmPasswordHashRequest {{ User = {User}, Auth = {Auth.Name()}, ForPrivacy = {ForPrivacy}, Password = <redacted> }}";
}

/// <summary>A password was hashed (the reference's on_hash_password, after): store <see cref="MasterKey"/> to skip the work next time.</summary>
public sealed record UsmPasswordHashed(string User, AuthProtocol Auth, bool ForPrivacy, string Password, ImmutableArray<byte> MasterKey)
{
    public override string ToString() => $"UsmPasswordHashed {{ User = {User}, Auth = {Auth.Name()}, ForPrivacy = {ForPrivacy}, secrets redacted }}";
}

/// <summary>
/// The application's say in USM decisions, each optional with the RFC's behaviour as default. They may complete
/// asynchronously: the session that asked waits for the answer without blocking the listener or other sessions.
/// </summary>
public sealed class UsmPolicies
{
    public static readonly UsmPolicies Default = new();

    /// <summary>Credentials for a user not in the cache; null rejects it (unknownUserName). A user returned is added to the cache.</summary>
    public Func<UsmUserRequest, ValueTask<UsmUser?>>? GetUser { get; init; }

    /// <summary>The minimum level for a user; default the user's <see cref="UsmUser.EffectiveMinimumLevel"/>.</summary>
    public Func<UsmSecurityLevelRequest, ValueTask<SecurityLevel>>? MinimumSecurityLevel { get; init; }

    /// <summary>Accept or reject a new or changed remote engine; default <see cref="CheckEngineRequest.DefaultAccept"/>.</summary>
    public Func<CheckEngineRequest, ValueTask<bool>>? CheckEngine { get; init; }

    /// <summary>Answer a discovery probe; default usm.respond-to-discovery.</summary>
    public Func<DiscoveryRequest, ValueTask<bool>>? RespondToDiscovery { get; init; }

    /// <summary>
    /// External key storage, before hashing: return the stored master key for this password to skip the megabyte of
    /// hashing, or null to hash. Called when a user is added, never per packet.
    /// </summary>
    public Func<UsmPasswordHashRequest, byte[]?>? StoredMasterKey { get; init; }

    /// <summary>External key storage, after hashing: the master key just computed from a password.</summary>
    public Action<UsmPasswordHashed>? PasswordHashed { get; init; }
}
