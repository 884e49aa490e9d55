using System.Collections.Immutable;

namespace TrapActors.Snmp.Messages;

/// <summary>
/// A protocol data unit. For every type but <see cref="PduType.TrapV1"/> the header is request-id,
/// error-status and error-index (non-repeaters and max-repetitions for GetBulk); a v1 Trap-PDU
/// carries <see cref="TrapV1"/> instead and its request-id and error fields are zero.
/// </summary>
public sealed record Pdu(PduType Type, int RequestId, int ErrorStatus, int ErrorIndex, ImmutableArray<VarBind> VarBinds)
{
    /// <summary>The v1 Trap-PDU header; null for every other PDU type.</summary>
    public TrapV1Header? TrapV1 { get; init; }

    public static Pdu V1Trap(TrapV1Header header, ImmutableArray<VarBind> varBinds) =>
        new(PduType.TrapV1, 0, 0, 0, varBinds) { TrapV1 = header };
}

/// <summary>The fields of an SNMPv1 Trap-PDU that precede its varbinds (RFC 1157 §4.1.6).</summary>
public sealed record TrapV1Header(Oid Enterprise, ReadOnlyMemory<byte> AgentAddress, int GenericTrap, int SpecificTrap, uint TimeStamp)
{
    public const int EnterpriseSpecific = 6;

    public System.Net.IPAddress? AgentIPAddress => AgentAddress.Length == 4 ? new System.Net.IPAddress(AgentAddress.Span) : null;
}
