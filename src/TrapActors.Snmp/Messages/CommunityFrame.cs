using System.Collections.Immutable;

namespace TrapActors.Snmp.Messages;

/// <summary>
/// The fields of a <see cref="Pdu"/> as a value, so that a receiver can turn a PDU into its own message
/// without allocating the record first.
/// </summary>
/// <param name="Type">The PDU type (its BER tag).</param>
/// <param name="RequestId">request-id; 0 for a v1 Trap-PDU.</param>
/// <param name="ErrorStatus">error-status (RFC 3416 §3), or non-repeaters for GetBulk; 0 in notifications.</param>
/// <param name="ErrorIndex">error-index, or max-repetitions for GetBulk; 0 in notifications.</param>
/// <param name="VarBinds">The variable bindings in wire order.</param>
/// <param name="TrapV1">The v1 Trap-PDU header; null for every other PDU type.</param>
public readonly record struct PduFrame(PduType Type, int RequestId, int ErrorStatus, int ErrorIndex, ImmutableArray<VarBind> VarBinds, TrapV1Header? TrapV1)
{
    /// <summary>The fields of <paramref name="pdu"/>.</summary>
    public static PduFrame From(Pdu pdu) => new(pdu.Type, pdu.RequestId, pdu.ErrorStatus, pdu.ErrorIndex, pdu.VarBinds, pdu.TrapV1) { Leniencies = pdu.Leniencies };

    /// <summary>What the decoder accepted beyond strict BER in this PDU.</summary>
    public DecodeLeniency Leniencies { get; init; }

    /// <summary>The same PDU as a <see cref="Pdu"/> record.</summary>
    public Pdu ToPdu() => new(Type, RequestId, ErrorStatus, ErrorIndex, VarBinds) { TrapV1 = TrapV1, Leniencies = Leniencies };
}

/// <summary>A decoded v1 or v2c message as a value; <see cref="ToMessage"/> gives the <see cref="CommunityMessage"/>.</summary>
/// <param name="Version"><see cref="SnmpVersion.V1"/> or <see cref="SnmpVersion.V2c"/>.</param>
/// <param name="Community">The community string's bytes, a slice of the datagram; never printed by <see cref="ToString"/>.</param>
/// <param name="Pdu">The PDU.</param>
public readonly record struct CommunityFrame(SnmpVersion Version, ReadOnlyMemory<byte> Community, PduFrame Pdu)
{
    /// <summary>The same message as a <see cref="CommunityMessage"/> record.</summary>
    public CommunityMessage ToMessage() => new(Version, Community, Pdu.ToPdu());

    /// <summary>The version and PDU; the community is redacted, since it is the v1/v2c shared secret.</summary>
    public override string ToString() => $"CommunityFrame {{ Version = {Version}, Community = <redacted>, Pdu = {Pdu} }}";
}
