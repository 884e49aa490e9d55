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
internal sealed record UsmRejected(DropReason Reason, int ErrorCode, string Description, byte[]? Report) : UsmOutcome;

/// <summary>An engine-discovery probe; <see cref="Report"/> carries the local engine ID, boots and time (null: not answered).</summary>
internal sealed record UsmDiscovery(byte[]? Report) : UsmOutcome;

/// <summary>An application policy is still deciding; resume with the decision once <see cref="Decision"/> completes.</summary>
internal sealed record UsmPending(Task<UsmDecision> Decision) : UsmOutcome;

/// <summary>A policy's answer, carried into the next round of processing.</summary>
internal abstract record UsmDecision;

internal sealed record UserProvided(UsmUser? User) : UsmDecision;

internal sealed record MinimumLevelDecided(SecurityLevel Level) : UsmDecision;

internal sealed record EngineDecided(bool Accept) : UsmDecision;

internal sealed record DiscoveryDecided(bool Respond) : UsmDecision;

/// <summary>The decisions already made for one message.</summary>
internal sealed record UsmDecisions
{
    public static readonly UsmDecisions None = new();

    public bool UserLookedUp { get; init; }
    public SecurityLevel? MinimumLevel { get; init; }
    public bool? EngineAccepted { get; init; }
    public bool? RespondToDiscovery { get; init; }

    public UsmDecisions With(UsmDecision decision) => decision switch
    {
        UserProvided => this with { UserLookedUp = true },
        MinimumLevelDecided l => this with { MinimumLevel = l.Level },
        EngineDecided e => this with { EngineAccepted = e.Accept },
        DiscoveryDecided d => this with { RespondToDiscovery = d.Respond },
        _ => this,
    };
}
