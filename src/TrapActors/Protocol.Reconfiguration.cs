using System.Collections.Immutable;
using Akka.Configuration;

namespace TrapActors;

/// <summary>
/// Replace, while the receiver runs and without rebinding a socket, what decides who may send: the SNMPv3 users, the
/// accepted communities, the access rules (trap-actors.access) and the DTLS certificate-to-securityName map
/// (dtls.cert-map, dtls.cert-map-file, read again). Each part left null stays as it is. Everything is checked
/// before anything changes: a bad configuration or cert-map file changes nothing and the reply is
/// <c>Status.Failure</c> with the exception (an Ask then fails; its message names the key, or FILE:LINE). Otherwise
/// the reply is <see cref="TrapReceiverReconfigured"/>. A removed user stops authenticating at once (its keys, the
/// localized ones too, are dropped and zeroed); an added one is accepted at once (its password hashed on first use).
/// </summary>
public sealed record ReconfigureTrapReceiver : ITrapReceiverCommand
{
    /// <summary>
    /// The configuration (trap-actors section, embedded defaults as fallback), as at start: community.accepted and
    /// community.accept-any, access, dtls.cert-map and dtls.cert-map-file are applied; any other trap-actors key that
    /// differs from the running configuration needs a restart and is named in <see cref="TrapReceiverReconfigured.NotApplied"/>.
    /// Null: none of these change.
    /// </summary>
    public Config? Configuration { get; init; }

    /// <summary>
    /// The communities accepted besides community.accepted, replacing <see cref="TrapReceiverSetup.Communities"/>. Null:
    /// those of the setup (or of the last reconfiguration) stay. Applied with <see cref="Configuration"/>, or alone.
    /// </summary>
    public ImmutableArray<string>? Communities { get; init; }

    /// <summary>
    /// Every SNMPv3 user from now on: users not in it are removed (those added with <see cref="AddUsmUser"/> too), users
    /// whose protocols, secrets, engine or minimum level differ are replaced, identical ones keep their derived keys.
    /// Null: the users stay.
    /// </summary>
    public ImmutableArray<UsmUser>? Users { get; init; }

    /// <summary>The parts given; communities and users redacted.</summary>
    public override string ToString() =>
        $"ReconfigureTrapReceiver {{ Configuration = {(Configuration is null ? "unchanged" : "given")}, " +
        $"Communities = {(Communities is { } c ? $"<{c.Length} redacted>" : "unchanged")}, Users = {(Users is { } u ? $"{u.Length} users" : "unchanged")} }}";
}

/// <summary>
/// The reply to <see cref="ReconfigureTrapReceiver"/>: what changed. Names and counts only, never a secret (no
/// password, key or community).
/// </summary>
/// <param name="UsersAdded">The names of the users added ("name" for an any-engine user, "name@ENGINEID" otherwise).</param>
/// <param name="UsersRemoved">The users removed, named the same way.</param>
/// <param name="UsersChanged">The users replaced by one of the same name and engine with other protocols, secrets or minimum level.</param>
/// <param name="CommunitiesChanged">True when the accepted communities (or accept-any) changed.</param>
/// <param name="AccessRulesChanged">True when the access rules (trap-actors.access) changed.</param>
/// <param name="CertMapChanged">True when the DTLS certificate-to-securityName map changed.</param>
/// <param name="NotApplied">Keys under trap-actors that differ from the running configuration but need a restart (listener.endpoints, buffer sizes...).</param>
public sealed record TrapReceiverReconfigured(
    ImmutableArray<string> UsersAdded,
    ImmutableArray<string> UsersRemoved,
    ImmutableArray<string> UsersChanged,
    bool CommunitiesChanged,
    bool AccessRulesChanged,
    bool CertMapChanged,
    ImmutableArray<string> NotApplied)
{
    /// <summary>
    /// One line: "users +2 -1 ~0, communities changed, access rules unchanged, cert map unchanged", then
    /// "; not applied without restart: listener.endpoints" when some keys need a restart.
    /// </summary>
    public string Summary
    {
        get
        {
            static string Changed(bool changed) => changed ? "changed" : "unchanged";
            var line = $"users +{UsersAdded.Length} -{UsersRemoved.Length} ~{UsersChanged.Length}, communities {Changed(CommunitiesChanged)}, " +
                $"access rules {Changed(AccessRulesChanged)}, cert map {Changed(CertMapChanged)}";
            return NotApplied.IsDefaultOrEmpty ? line : $"{line}; not applied without restart: {string.Join(", ", NotApplied)}";
        }
    }
}
