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
