using TrapActors.Security;
using TrapActors.Snmp.Messages;

namespace TrapActors.Sessions;

/// <summary>SNMPv3 over DTLS: the transport security model (RFC 5591) and contextEngineID discovery (RFC 5343).</summary>
internal sealed partial class PeerSessionActor
{
    /// <summary>
    /// The DTLS association authenticated and encrypted the message, and its client certificate gave the securityName:
    /// the security level is authPriv (RFC 5591 §4.2: any requested level up to that is met).
    /// </summary>
    private void HandleTsmMessage(DatagramReceived datagram, V3Message message, string securityName)
    {
        if (message.ScopedPdu is not { } scoped)
        {
            Reject(datagram, DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket, "a TSM message carries a plaintext scoped PDU");
            return;
        }
        if (!message.SecurityParameters.IsEmpty)
        {
            Reject(datagram, DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket, "TSM security parameters must be empty (RFC 5591 §4.2)");
            return;
        }
        if (TsmEngineIdDiscovery.IsProbe(scoped))
        {
            Send(TsmEngineIdDiscovery.Answer(message, scoped, _ctx.Usm.Local.EngineId));
            _ctx.Counters.Dropped(DropReason.Discovery);
            return;
        }

        var origin = new NotificationOrigin(datagram.Source, "dtls", SnmpVersion.V3, SecurityLevel.AuthPriv)
        {
            User = securityName,
            EngineId = [.. scoped.ContextEngineId.Span],
            ContextEngineId = [.. scoped.ContextEngineId.Span],
            ContextName = System.Text.Encoding.UTF8.GetString(scoped.ContextName.Span),
            LocalEndPoint = _local.LocalEndPoint,
        };
        var addressedHere = scoped.ContextEngineId.Span.SequenceEqual(_ctx.Usm.Local.EngineId.AsSpan());
        HandleScopedPdu(datagram, scoped.Pdu, origin, addressedHere, scoped.Pdu.Type == PduType.InformRequest ? new TsmInformReply(message, scoped) : null);
    }
}
