using System.Collections.Immutable;

namespace TrapActors.Snmp.Messages;

/// <summary>
/// The fields of a <see cref="Pdu"/> as a value, so that a receiver can turn a PDU into its own message
/// without allocating the record first.
/// </summary>
public readonly record struct PduFrame(PduType Type, int RequestId, int ErrorStatus, int ErrorIndex, ImmutableArray<VarBind> VarBinds, TrapV1Header? TrapV1)
{
    public static PduFrame From(Pdu pdu) => new(pdu.Type, pdu.RequestId, pdu.ErrorStatus, pdu.ErrorIndex, pdu.VarBinds, pdu.TrapV1);

    public Pdu ToPdu() => new(Type, RequestId, ErrorStatus, ErrorIndex, VarBinds) { TrapV1 = TrapV1 };
}

/// <summary>A decoded v1 or v2c message as a value; <see cref="ToMessage"/> gives the <see cref="CommunityMessage"/>.</summary>
public readonly record struct CommunityFrame(SnmpVersion Version, ReadOnlyMemory<byte> Community, PduFrame Pdu)
{
    public CommunityMessage ToMessage() => new(Version, Community, Pdu.ToPdu());

    public override string ToString() => $"CommunityFrame {{ Version = {Version}, Community = <redacted>, Pdu = {Pdu} }}";
}
