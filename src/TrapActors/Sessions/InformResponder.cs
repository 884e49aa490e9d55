using System.Collections.Immutable;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;

namespace TrapActors.Sessions;

/// <summary>Builds the Response to an InformRequest (RFC 3416 §4.2.7).</summary>
internal static class InformResponder
{
    public const int TooBig = 1;

    /// <summary>
    /// Same request-id and varbinds with the given error status and index; when that would exceed
    /// <paramref name="maxSize"/>, a tooBig Response with an empty varbind list instead.
    /// </summary>
    public static byte[] Encode(CommunityMessage request, int errorStatus, int errorIndex, int maxSize)
    {
        var pdu = request.Pdu with { Type = PduType.Response, ErrorStatus = errorStatus, ErrorIndex = errorIndex };
        var bytes = SnmpMessageEncoder.Encode(request with { Pdu = pdu });
        if (bytes.Length <= maxSize)
            return bytes;
        var tooBig = pdu with { ErrorStatus = TooBig, ErrorIndex = 0, VarBinds = ImmutableArray<VarBind>.Empty };
        return SnmpMessageEncoder.Encode(request with { Pdu = tooBig });
    }
}
