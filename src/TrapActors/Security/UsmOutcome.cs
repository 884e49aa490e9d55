using TrapActors.Snmp.Messages;

namespace TrapActors.Security;

/// <summary>What USM made of an SNMPv3 message.</summary>
internal abstract record UsmOutcome;

/// <summary>Authentic, in time and decrypted: <see cref="Keys"/> are the user's keys for the message's authoritative engine.</summary>
internal sealed record UsmAccepted(
    ScopedPdu ScopedPdu,
    string UserName,
    SecurityLevel Level,
    UsmUserEntry? User,
    UserKeys? Keys,
    bool LocallyAuthoritative,
    byte[] DecryptedPdu) : UsmOutcome;

/// <summary>Refused; <see cref="Report"/> is the Report to send back, when one is due.</summary>
internal sealed record UsmRejected(DropReason Reason, int ErrorCode, string Description, byte[]? Report) : UsmOutcome
{
    /// <summary>What an operator should read at Warning level about this refusal (rare: once per cause), or null.</summary>
    public string? Warning { get; init; }
}

/// <summary>An engine-discovery probe; <see cref="Report"/> carries the local engine ID, boots and time (null: not answered).</summary>
internal sealed record UsmDiscovery(byte[]? Report) : UsmOutcome;

/// <summary>
/// An application policy is still deciding: once <see cref="Decision"/> completes, continue with
/// <see cref="UsmProcessor.Resume"/> at <see cref="Resume"/>, which holds what was already established (nothing is
/// verified or decrypted twice).
/// </summary>
internal sealed record UsmPending(Task<UsmDecision> Decision, UsmResumePoint Resume) : UsmOutcome;

/// <summary>A policy's answer, for the stage that waited for it. A policy that failed answers the safe way.</summary>
internal abstract record UsmDecision;

/// <summary>
/// UsmPolicies.GetUser: the user to try on the message (added to the table once the message is accepted with it), or
/// null (unknownUserName).
/// </summary>
internal sealed record UserProvided(UsmUser? User) : UsmDecision
{
    /// <summary>The policy threw or faulted: no user, and the name is not remembered as unknown.</summary>
    public static readonly UserProvided Failed = new((UsmUser?)null) { PolicyFailed = true };

    /// <summary>No answer from the policy (it failed): the name is not remembered as unknown.</summary>
    public bool PolicyFailed { get; init; }
}

/// <summary>UsmPolicies.MinimumSecurityLevel: the lowest level accepted for the user.</summary>
internal sealed record MinimumLevelDecided(SecurityLevel Level) : UsmDecision;

/// <summary>UsmPolicies.CheckEngine: accept the new or changed remote engine, or not.</summary>
internal sealed record EngineDecided(bool Accept) : UsmDecision;

/// <summary>UsmPolicies.RespondToDiscovery: answer the discovery probe with a Report, or not.</summary>
internal sealed record DiscoveryDecided(bool Respond) : UsmDecision;

/// <summary>The user's deferred key derivation ended (decision 0038): the user is looked up again, then authenticated.</summary>
internal sealed record KeysDerived : UsmDecision
{
    /// <summary>The one instance.</summary>
    public static readonly KeysDerived Instance = new();
    private KeysDerived() { }
}
