using System.Collections.Immutable;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;

namespace TrapActors.Sessions;

/// <summary>
/// Responses under the transport security model (RFC 5591): same msgID, no security parameters, a plaintext scoped
/// PDU; the DTLS association protects them. Security level as RFC 5591 §4.2 asks: the request's own, without reportable.
/// </summary>
internal static class TsmResponder
{
    /// <summary>The contextEngineID value a sender uses to discover ours (RFC 5343 §3: "localEngineID").</summary>
    public static readonly byte[] LocalEngineIdProbe = [0x80, 0x00, 0x00, 0x00, 0x06];

    public static bool IsContextEngineIdProbe(ScopedPdu scoped) =>
        scoped.Pdu.Type == PduType.GetRequest && scoped.ContextEngineId.Span.SequenceEqual(LocalEngineIdProbe);

    /// <summary>RFC 5343: snmpEngineID.0 = our engine ID, in a Response that echoes the probe's contextEngineID and name.</summary>
    public static byte[] EngineIdResponse(V3Message request, ScopedPdu scoped, byte[] localEngineId) =>
        Encode(request, scoped with
        {
            Pdu = scoped.Pdu with
            {
                Type = PduType.Response,
                ErrorStatus = 0,
                ErrorIndex = 0,
                VarBinds = [new VarBind(WellKnownOids.SnmpEngineId0, SnmpValue.OctetString(localEngineId))],
            },
        });

    /// <summary>The Response to an InformRequest; a tooBig one without varbinds when it would exceed <paramref name="maxSize"/>.</summary>
    public static byte[] InformResponse(V3Message request, ScopedPdu scoped, int errorStatus, int errorIndex, int maxSize)
    {
        var response = scoped.Pdu with { Type = PduType.Response, ErrorStatus = errorStatus, ErrorIndex = errorIndex };
        var bytes = Encode(request, scoped with { Pdu = response });
        if (bytes.Length <= maxSize)
            return bytes;
        return Encode(request, scoped with { Pdu = response with { ErrorStatus = InformResponder.TooBig, ErrorIndex = 0, VarBinds = ImmutableArray<VarBind>.Empty } });
    }

    private static byte[] Encode(V3Message request, ScopedPdu scoped) =>
        SnmpMessageEncoder.Encode(new V3Message(request.MessageId, 65507, request.Flags & ~V3MessageFlags.Reportable, SecurityModels.Tsm,
            ReadOnlyMemory<byte>.Empty, null, scoped, default), out _);
}
