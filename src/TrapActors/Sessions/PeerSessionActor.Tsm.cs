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
            Reject(datagram, DropReason.Malformed, ReferenceErrorCodes.DefectivePacket, "a TSM message carries a plaintext scoped PDU");
            return;
        }
        if (!message.SecurityParameters.IsEmpty)
        {
            Reject(datagram, DropReason.Malformed, ReferenceErrorCodes.DefectivePacket, "TSM security parameters must be empty (RFC 5591 §4.2)");
            return;
        }
        if (TsmResponder.IsContextEngineIdProbe(scoped))
        {
            Send(TsmResponder.EngineIdResponse(message, scoped, [.. _ctx.Usm.Local.EngineId]));
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
        switch (scoped.Pdu.Type)
        {
            case PduType.TrapV2:
                DeliverTrap(datagram, NotificationFactory.FromV2Pdu(PduFrame.From(scoped.Pdu), origin, datagram.ReceivedAt));
                break;
            case PduType.InformRequest when scoped.ContextEngineId.Span.SequenceEqual(_ctx.Usm.Local.EngineId.AsSpan()):
                var inform = NotificationFactory.FromV2Pdu(PduFrame.From(scoped.Pdu), origin, datagram.ReceivedAt);
                if (IsAllowed(datagram, inform))
                    HandleInform(new TsmRequest(message, scoped), inform);
                break;
            case PduType.InformRequest:
                Reject(datagram, DropReason.UnknownEngine, ReferenceErrorCodes.BadEngineId, "an inform must name this receiver's engine ID as its contextEngineID");
                break;
            default:
                Reject(datagram, DropReason.UnsupportedPdu, ReferenceErrorCodes.UnknownPduType, $"{scoped.Pdu.Type} is not a notification PDU");
                break;
        }
    }
}
