using System.Collections.Immutable;

namespace TrapActors.Snmp.Messages;

/// <summary>
/// A protocol data unit. For every type but <see cref="PduType.TrapV1"/> the header is request-id,
/// error-status and error-index (non-repeaters and max-repetitions for GetBulk); a v1 Trap-PDU
/// carries <see cref="TrapV1"/> instead and its request-id and error fields are zero.
/// </summary>
/// <param name="Type">The PDU type (its BER tag).</param>
/// <param name="RequestId">request-id, which a Response to an InformRequest echoes (RFC 3416 §4.2.7); 0 for a v1 Trap-PDU.</param>
/// <param name="ErrorStatus">error-status (RFC 3416 §3; noError(0) .. inconsistentName(18)), or non-repeaters for GetBulk.</param>
/// <param name="ErrorIndex">error-index: the 1-based varbind the error refers to (0: none), or max-repetitions for GetBulk.</param>
/// <param name="VarBinds">The variable bindings in wire order.</param>
public sealed record Pdu(PduType Type, int RequestId, int ErrorStatus, int ErrorIndex, ImmutableArray<VarBind> VarBinds)
{
    /// <summary>The v1 Trap-PDU header; null for every other PDU type.</summary>
    public TrapV1Header? TrapV1 { get; init; }

    /// <summary>What the decoder accepted beyond strict BER in this PDU (<see cref="DecodeLeniency.None"/> for a PDU built in code).</summary>
    public DecodeLeniency Leniencies { get; init; }

    /// <summary>A v1 Trap-PDU (RFC 1157 §4.1.6) with <paramref name="header"/> and <paramref name="varBinds"/>.</summary>
    public static Pdu V1Trap(TrapV1Header header, ImmutableArray<VarBind> varBinds) =>
        new(PduType.TrapV1, 0, 0, 0, varBinds) { TrapV1 = header };
}

/// <summary>The fields of an SNMPv1 Trap-PDU that precede its varbinds (RFC 1157 §4.1.6).</summary>
/// <param name="Enterprise">The enterprise OID: the type of the object generating the trap (sysObjectID).</param>
/// <param name="AgentAddress">agent-addr as carried: the four bytes of an IPv4 address (see <see cref="AgentIPAddress"/>).</param>
/// <param name="GenericTrap">generic-trap: coldStart(0) .. egpNeighborLoss(5), or <see cref="EnterpriseSpecific"/>(6).</param>
/// <param name="SpecificTrap">specific-trap: the enterprise's trap number when <paramref name="GenericTrap"/> is 6.</param>
/// <param name="TimeStamp">time-stamp: the agent's sysUpTime in TimeTicks (hundredths of a second).</param>
public sealed record TrapV1Header(Oid Enterprise, ReadOnlyMemory<byte> AgentAddress, int GenericTrap, int SpecificTrap, uint TimeStamp)
{
    /// <summary>generic-trap 6, enterpriseSpecific: the trap is identified by <see cref="Enterprise"/> and <see cref="SpecificTrap"/>.</summary>
    public const int EnterpriseSpecific = 6;

    /// <summary><see cref="AgentAddress"/> as an IPv4 address; null when it is not four bytes long.</summary>
    public System.Net.IPAddress? AgentIPAddress => AgentAddress.Length == 4 ? new System.Net.IPAddress(AgentAddress.Span) : null;
}
