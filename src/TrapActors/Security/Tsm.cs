using System.Net;
using System.Text;
using TrapActors.Snmp.Messages;

namespace TrapActors.Security;

/// <summary>SNMPv3 over DTLS: the transport security model (RFC 5591) and contextEngineID discovery (RFC 5343).</summary>
internal static class Tsm
{
    /// <summary>
    /// The DTLS association authenticated and encrypted the message, and its client certificate gave the securityName:
    /// the security level is authPriv (RFC 5591 §4.2: any requested level up to that is met).
    /// </summary>
    public static V3Verdict Admit(V3Message message, string securityName, UsmRuntime usm, IPEndPoint peer, IPEndPoint local)
    {
        if (message.ScopedPdu is not { } scoped)
            return Malformed("a TSM message carries a plaintext scoped PDU");
        if (!message.SecurityParameters.IsEmpty)
            return Malformed("TSM security parameters must be empty (RFC 5591 §4.2)");
        if (TsmEngineIdDiscovery.IsProbe(scoped))
            return new V3Discovery(TsmEngineIdDiscovery.Answer(message, scoped, usm.Local.EngineId));

        var origin = new NotificationOrigin(peer, "dtls", SnmpVersion.V3, SecurityLevel.AuthPriv)
        {
            User = securityName,
            EngineId = [.. scoped.ContextEngineId.Span],
            ContextEngineId = [.. scoped.ContextEngineId.Span],
            ContextName = Encoding.UTF8.GetString(scoped.ContextName.Span),
            LocalEndPoint = local,
        };
        if (scoped.Pdu.Type != PduType.InformRequest)
            return new V3Admitted(scoped.Pdu, origin, null, []);
        if (!scoped.ContextEngineId.Span.SequenceEqual(usm.Local.EngineId.AsSpan()))
            return SessionSecurity.NotAddressedHere;
        return new V3Admitted(scoped.Pdu, origin, new TsmInformReply(message, scoped), []);
    }

    private static V3Refused Malformed(string description) =>
        new(DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket, description, null);
}
