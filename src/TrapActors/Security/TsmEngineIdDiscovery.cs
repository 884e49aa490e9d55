using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>
/// contextEngineID discovery (RFC 5343) under the transport security model: a GetRequest whose contextEngineID is the
/// reserved "localEngineID" value asks for snmpEngineID.0, and is answered, not delivered.
/// </summary>
internal static class TsmEngineIdDiscovery
{
    /// <summary>The contextEngineID value a sender uses to discover ours (RFC 5343 §3: "localEngineID").</summary>
    public static ReadOnlySpan<byte> LocalEngineIdProbe => [0x80, 0x00, 0x00, 0x00, 0x06];

    /// <summary>True for a GetRequest to the "localEngineID" contextEngineID.</summary>
    public static bool IsProbe(ScopedPdu scoped) =>
        scoped.Pdu.Type == PduType.GetRequest && scoped.ContextEngineId.Span.SequenceEqual(LocalEngineIdProbe);

    /// <summary>
    /// The Response: snmpEngineID.0 = <paramref name="localEngineId"/>, echoing the probe's request-id, contextEngineID and
    /// contextName (RFC 5343 §3), sealed like every TSM Response.
    /// </summary>
    public static byte[] Answer(V3Message request, ScopedPdu scoped, ReadOnlySpan<byte> localEngineId)
    {
        var response = scoped with
        {
            Pdu = scoped.Pdu with
            {
                Type = PduType.Response,
                ErrorStatus = (int)SnmpErrorStatus.NoError,
                ErrorIndex = 0,
                VarBinds = [new VarBind(WellKnownOids.SnmpEngineId0, SnmpValue.OctetString(localEngineId.ToArray()))],
            },
        };
        return SnmpResponseEncoder.EncodeResponse(request, response, SnmpLimits.MaxUdpPayload, TsmResponseSealer.Instance);
    }
}
