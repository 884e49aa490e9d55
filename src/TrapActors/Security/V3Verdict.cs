using TrapActors.Snmp.Messages;

namespace TrapActors.Security;

/// <summary>What the security step made of an SNMPv3 message (USM, or TSM over DTLS).</summary>
internal abstract record V3Verdict;

/// <summary>
/// Authentic (and decrypted): the PDU, who sent it, and for an InformRequest addressed to this engine the
/// <see cref="Reply"/> that answers it. <see cref="DecryptedPdu"/> is the plaintext scoped PDU when it was encrypted.
/// </summary>
internal sealed record V3Admitted(Pdu Pdu, NotificationOrigin Origin, InformReply? Reply, byte[] DecryptedPdu) : V3Verdict
{
    /// <summary>A user UsmPolicies.GetUser supplied, that this message authenticated with: to be cached now.</summary>
    public UsmUserEntry? ProvidedUser { get; init; }
}

/// <summary>Refused, with the Report to send back when one is due.</summary>
internal sealed record V3Refused(DropReason Reason, int ErrorCode, string Description, byte[]? Answer) : V3Verdict
{
    /// <summary>What an operator should read at Warning level about this refusal (rare: once per cause), or null.</summary>
    public string? Warning { get; init; }
}

/// <summary>A discovery probe (USM engine ID, RFC 3414 §4; TSM contextEngineID, RFC 5343), answered when <see cref="Answer"/> is set.</summary>
internal sealed record V3Discovery(byte[]? Answer) : V3Verdict;

/// <summary>An application policy is still deciding; resume the message with its decision.</summary>
internal sealed record V3Waiting(UsmPending Pending) : V3Verdict;
