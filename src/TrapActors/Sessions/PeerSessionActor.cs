using Akka.Actor;
using Akka.Event;
using TrapActors.Diagnostics;
using TrapActors.Security;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Subscriptions;
using TrapActors.Transport;

namespace TrapActors.Sessions;

/// <summary>A USM policy answered for a message this session is holding (<see cref="PolicyWaits"/>).</summary>
internal sealed record UsmDecisionArrived(long WaitId, UsmDecision Decision) : INoSerializationVerificationNeeded;

/// <summary>
/// One per source endpoint of a transport. It dispatches each datagram: decode, the security step
/// (<see cref="SessionSecurity"/>), informs to the <see cref="InformLedger"/>, notifications to the
/// <see cref="NotificationDelivery"/>, every drop to the <see cref="DropReporter"/>. Its transport stops it after
/// session.idle-timeout without traffic or to make room (<see cref="StopSession"/>); it marks on its lease whether it
/// holds work, so that its transport does not evict it while it does, and stops only once it holds none (decision 0019).
/// A source may be one of 100,000, so a session is kept small (decision 0040): an untyped actor (no handler lists per
/// instance), a compact mailbox, no idle timer, and its inform ledger, policy waits, timers, drop reporter and logging
/// adapter made on first need.
/// </summary>
internal sealed class PeerSessionActor : UntypedActor
{
    /// <summary>Every session's deployment: its compact mailbox (one object, not a copy per session as WithMailbox makes).</summary>
    private static readonly Deploy SessionDeploy = Deploy.Local.WithMailbox(SessionMailboxType.ConfigPath);

    private readonly SessionServices _services;
    private readonly SessionSpec _spec;
    private readonly System.Net.IPEndPoint _peerEndPoint;
    private readonly DatagramLease _lease;
    private readonly SessionSecurity _security;
    private InformLedger? _informs;
    private PolicyWaits? _policyWaits;
    private DropReporter? _drops;
    private ILoggingAdapter? _log;
    private SessionTimers? _timers;
    private bool _markedHolding;
    private bool _stopRequested;

    public PeerSessionActor(SessionServices services, SessionSpec spec)
    {
        _services = services;
        _spec = spec;
        _peerEndPoint = spec.Peer.ToEndPoint();
        _lease = spec.Lease ?? DatagramLease.Untracked;
        _security = new SessionSecurity(services.Security, _peerEndPoint, spec.Transport, spec.TmSecurityName);
    }

    /// <summary>
    /// Not Props.Create(() => new ...), which evaluates an expression tree for every session (most of what creating one
    /// cost) and keeps its arguments; and the shared deployment (WithMailbox would copy the Props and make a Deploy per session).
    /// </summary>
    public static Props Props(SessionServices services, SessionSpec spec) => new SessionProps(services, spec);

    private TrapReceiverSettings Settings => _services.Settings;

    private InformLedger Informs => _informs ??= new InformLedger(Settings.Inform, Timers, Respond, _services.Security.Usm);

    private PolicyWaits PolicyWaits => _policyWaits ??= new PolicyWaits(_services.Security.UsmProcessor.Waiting, Settings.Usm, Timers);

    private DropReporter Drops => _drops ??= new DropReporter(_services.Diagnostics, Log);

    private ILoggingAdapter Log => _log ??= Context.GetLogger();

    private SessionTimers Timers => _timers ??= new SessionTimers(Context.System.Scheduler, Self);

    protected override void PreStart() => _services.Diagnostics.Counters.SessionStarted();

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case InboundDatagram datagram:
                HandleDatagram(datagram);
                break;
            case RespondToInform msg:
                _informs?.Decide(msg.InformId, (msg.ErrorStatus, msg.ErrorIndex));
                break;
            case SuppressInformResponse msg:
                _informs?.Decide(msg.InformId, null);
                break;
            case InformDecisionTimedOut msg:
                HandleInformDecisionTimedOut(msg);
                break;
            case StopSession:
                _stopRequested = true;
                break;
            case UsmDecisionArrived msg:
                if (_policyWaits is { } arrived && arrived.TryEnd(msg.WaitId, out var wait))
                    HandleVerdict(wait.Datagram, wait.Message, _security.Resume(wait.Message, wait.Resume, msg.Decision, wait.Datagram.LocalEndPoint, arrived));
                break;
            case PolicyWaitTimedOut msg:
                if (_policyWaits is { } timedOut && timedOut.TryEnd(msg.WaitId, out var expired))
                    Reject(expired.Datagram, DropReason.PolicyTimeout, TrapReceiverErrorCodes.MessageNotAuthenticated, $"no USM policy decision within {Settings.Usm.PolicyTimeout}");
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>
    /// A session stops only when idle or at shutdown. A message still waiting for a USM policy is counted; a pending
    /// inform was already delivered, and without its Response the sender retransmits to the next receiver.
    /// </summary>
    protected override void PostStop()
    {
        if (_policyWaits?.Abandon() is > 0 and var abandoned)
            Drops.Count(DropReason.StoppedWhilePending, abandoned);
        _timers?.CancelAll();
        _services.Diagnostics.Counters.SessionStopped();
        _lease.HolderStopped();
    }

    /// <summary>
    /// Any message may change the work held: an inform decided or timed out, a USM policy answered. A session told to
    /// stop stops as soon as it holds nothing.
    /// </summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        var handled = base.AroundReceive(receive, message);
        MarkHolding();
        if (_stopRequested && !Holding)
            Context.Stop(Self);
        return handled;
    }

    private bool Holding => _informs?.PendingCount > 0 || _policyWaits?.Count > 0;

    /// <summary>
    /// On the lease, before the datagram that started the work is released: the transport reads them in the other
    /// order, so it cannot see the datagram handled and miss the work. When the work is done, the transport is told.
    /// </summary>
    private void MarkHolding()
    {
        var holding = Holding;
        if (holding == _markedHolding)
            return;
        _markedHolding = holding;
        if (_lease.SetHolding(holding) && !holding)
            _spec.Sender.Tell(new SessionWorkFinished(_spec.Peer));
    }

    private void HandleDatagram(InboundDatagram datagram)
    {
        try
        {
            Dispatch(datagram);
        }
        catch
        {
            // A bug, not bad input (decoding never throws): the session fails and is stopped; the datagram is accounted.
            Drops.Count(DropReason.SessionFailed);
            throw;
        }
        finally
        {
            MarkHolding();
            datagram.Lease.Release();
        }
    }

    private void Dispatch(InboundDatagram datagram)
    {
        if (!SnmpMessageDecoder.TryDecodeFrame(datagram.Data, Settings.Codec, out var community, out var v3, out var error))
        {
            var (reason, code) = DecodeErrorClassification.Classify(error.Code);
            Reject(datagram, reason, code, $"cannot decode: {error}");
            return;
        }
        _services.Diagnostics.Counters.Decoded();
        if (v3 is null)
            HandleCommunityMessage(datagram, community);
        else
            HandleVerdict(datagram, v3, _security.Admit(v3, datagram.LocalEndPoint, PolicyWaits));
    }

    private void HandleCommunityMessage(InboundDatagram datagram, in CommunityFrame message)
    {
        if (!_security.TryAcceptCommunity(message.Version, message.Community.Span, datagram.LocalEndPoint, out var origin))
        {
            Reject(datagram, DropReason.UnknownCommunity, TrapReceiverErrorCodes.BadPacket, $"{message.Version} community not accepted");
            return;
        }
        var pdu = message.Pdu;
        CountLeniency(pdu.Leniencies);
        switch (pdu.Type)
        {
            case PduType.TrapV1:
                DeliverTrap(datagram, NotificationFactory.FromV1Trap(pdu, origin, datagram.ReceivedAt, Settings.V1TrapOidRule));
                break;
            case PduType.TrapV2:
                DeliverTrap(datagram, NotificationFactory.FromV2Pdu(pdu, origin, datagram.ReceivedAt));
                break;
            case PduType.InformRequest:
                HandleInform(datagram, NotificationFactory.FromV2Pdu(pdu, origin, datagram.ReceivedAt), new CommunityInformReply(message.ToMessage()));
                break;
            default:
                Reject(datagram, DropReason.UnsupportedPdu, TrapReceiverErrorCodes.UnknownPduType, $"{pdu.Type} is not a notification PDU");
                break;
        }
    }

    private void HandleVerdict(InboundDatagram datagram, V3Message message, V3Verdict verdict)
    {
        switch (verdict)
        {
            case V3Admitted admitted:
                // The security actor stays the only writer of the user table.
                if (admitted.ProvidedUser is { } provided)
                    Context.System.ActorSelection($"/system/{Settings.GuardianName}").Tell(new CacheProvidedUsmUser(provided));
                HandleScopedPdu(datagram, admitted);
                break;
            case V3Waiting waiting:
                var id = PolicyWaits.Hold(new PolicyWait(datagram, message, waiting.Pending.Resume));
                waiting.Pending.Decision.PipeTo(Self, success: decision => new UsmDecisionArrived(id, decision));
                break;
            case V3Discovery discovery:
                if (discovery.Answer is { } answer)
                    Send(answer, datagram);
                Drops.Count(DropReason.Discovery);
                break;
            case V3Refused refused:
                if (refused.Warning is { } warning)
                    Log.Warning(warning);
                if (refused.Answer is { } report)
                    Send(report, datagram);
                Reject(datagram, refused.Reason, refused.ErrorCode, refused.Description);
                break;
        }
    }

    /// <summary>The PDU of an SNMPv3 message that USM or TSM accepted: a trap is delivered, an inform answered and delivered.</summary>
    private void HandleScopedPdu(InboundDatagram datagram, V3Admitted admitted)
    {
        if (Settings.Usm.DecryptLogPackets && admitted.DecryptedPdu.Length > 0)
            _services.Diagnostics.Trace(PacketDirection.Incoming, admitted.DecryptedPdu, datagram.Source, decrypted: true);
        var pdu = PduFrame.From(admitted.Pdu);
        CountLeniency(pdu.Leniencies);
        switch (admitted.Pdu.Type)
        {
            case PduType.TrapV2:
                DeliverTrap(datagram, NotificationFactory.FromV2Pdu(pdu, admitted.Origin, datagram.ReceivedAt));
                break;
            case PduType.InformRequest when admitted.Reply is { } reply:
                HandleInform(datagram, NotificationFactory.FromV2Pdu(pdu, admitted.Origin, datagram.ReceivedAt), reply);
                break;
            default:
                Reject(datagram, DropReason.UnsupportedPdu, TrapReceiverErrorCodes.UnknownPduType, $"{admitted.Pdu.Type} is not a notification PDU");
                break;
        }
    }

    private void CountLeniency(DecodeLeniency leniencies)
    {
        if (leniencies != DecodeLeniency.None)
            _services.Diagnostics.Counters.LenientlyDecoded();
    }

    private void DeliverTrap(InboundDatagram datagram, SnmpNotification notification)
    {
        if (IsAllowed(datagram, notification))
            Count(_services.Delivery.Offer(new TrapReceived(notification)), notification);
    }

    /// <summary>A refused inform gets no Response; a retransmission is never delivered twice.</summary>
    private void HandleInform(InboundDatagram datagram, SnmpNotification notification, InformReply reply)
    {
        if (!IsAllowed(datagram, notification))
            return;
        if (!Informs.TryAdmit(reply, notification, Self, out var acknowledgement))
        {
            Drops.Count(DropReason.DuplicateInform);
            return;
        }
        var outcome = _services.Delivery.Offer(new InformReceived(notification, acknowledgement));
        Count(outcome, notification);
        if (outcome != DeliveryOutcome.Delivered)
            Informs.Undelivered(acknowledgement);
    }

    /// <summary>The access rules (trap-actors.access): a notification they refuse is dropped.</summary>
    private bool IsAllowed(InboundDatagram datagram, SnmpNotification notification)
    {
        if (_security.IsAllowed(notification, out var reason))
            return true;
        Reject(datagram, DropReason.AccessDenied, TrapReceiverErrorCodes.SecurityLevelNotAccepted, reason);
        return false;
    }

    private void Count(DeliveryOutcome outcome, SnmpNotification notification)
    {
        switch (outcome)
        {
            case DeliveryOutcome.Delivered:
                _services.Diagnostics.Counters.Delivered();
                _services.Diagnostics.Latency.Record(notification.ReceivedAt);
                break;
            case DeliveryOutcome.QueueFull:
                Drops.Count(DropReason.SubscriberQueueFull);
                break;
            default:
                Drops.Count(DropReason.NoSubscriber);
                break;
        }
    }

    private void HandleInformDecisionTimedOut(InformDecisionTimedOut msg)
    {
        if (_informs?.TimedOut(msg.InformId) == true)
            Log.Debug("No subscriber decided on inform {0} from {1} within {2}", msg.InformId, _spec.Peer, Settings.Inform.DecisionTimeout);
    }

    /// <summary>From the local endpoint the inform arrived on (a wildcard-bound listener answers from that address).</summary>
    private void Respond(InformReply reply, System.Net.IPEndPoint? from, int errorStatus, int errorIndex)
    {
        if (_peerEndPoint.Port == 0)
            return;   // nothing can receive at port 0: not sealed, not sent, not counted as answered
        if (reply.Encode((SnmpErrorStatus)errorStatus, errorIndex, Math.Min(Settings.Inform.MaxResponseSize, _spec.MaxMessageSize)) is not { } response)
        {
            Log.Warning("Inform from {0} not answered: its USM user was replaced or removed before a subscriber decided", _spec.Peer);
            return;
        }
        _spec.Sender.Tell(new SendDatagram(response, _peerEndPoint, from ?? _spec.LocalEndPoint));
        _services.Diagnostics.Counters.InformAnswered();
    }

    private void Send(byte[] bytes, InboundDatagram datagram) =>
        _spec.Sender.Tell(new SendDatagram(bytes, datagram.Source, datagram.LocalEndPoint));

    private void Reject(InboundDatagram datagram, DropReason reason, int errorCode, string description) =>
        Drops.Reject(reason, errorCode, description, datagram.Data, datagram.Source);

    /// <summary>Creates the session directly (no reflection, no expression), with the shared deployment.</summary>
    private sealed class SessionProps(SessionServices services, SessionSpec spec) : Props(SessionDeploy, typeof(PeerSessionActor))
    {
        // This is the Props: Akka calls it when ActorOf creates the session, as Props.Create's producer would.
#pragma warning disable AK1000
        public override ActorBase NewActor() => new PeerSessionActor(services, spec);
#pragma warning restore AK1000
    }
}
