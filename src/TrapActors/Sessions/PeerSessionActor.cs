using System.Net;
using Akka.Actor;
using Akka.Event;
using TrapActors.Listener;
using TrapActors.Security;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Subscriptions;

namespace TrapActors.Sessions;

/// <summary>A datagram as read from the socket; <see cref="Data"/> is an owned copy.</summary>
internal sealed record DatagramReceived(byte[] Data, IPEndPoint Source, DateTimeOffset ReceivedAt) : INoSerializationVerificationNeeded;

internal sealed record InformDecisionTimedOut(long InformId) : INoSerializationVerificationNeeded;

/// <summary>The session's periodic look at how long it has been idle.</summary>
internal sealed record CheckIdle : INoSerializationVerificationNeeded
{
    public static readonly CheckIdle Instance = new();
}

/// <summary>A USM policy answered for a message this session is holding; processing resumes at <see cref="Resume"/>.</summary>
internal sealed record UsmDecisionArrived(DatagramReceived Datagram, V3Message Message, UsmResumePoint Resume, UsmDecision Decision) : INoSerializationVerificationNeeded;

/// <summary>A user the credential provider supplied is in the cache now; resume the message at its user lookup.</summary>
internal sealed record UsmUserCached(DatagramReceived Datagram, V3Message Message, UsmResumePoint Resume, UsmDecision Decision) : INoSerializationVerificationNeeded;

/// <summary>
/// One per source endpoint: decodes its datagrams, authorizes them, answers informs and hands
/// notifications to the subscribers. Stops after session.idle-timeout without traffic, through its listener.
/// </summary>
internal sealed partial class PeerSessionActor : ReceiveActor, IWithTimers
{
    private readonly ReceiverContext _ctx;
    private readonly PeerKey _peer;
    private readonly IPEndPoint _peerEndPoint;
    private readonly BoundEndpoint _local;
    private readonly IActorRef _listener;
    private readonly InFlightGate _inFlight;
    private readonly SessionLoad _load;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<long, PendingInform> _pendingInforms = [];
    private readonly RecentInforms _recentInforms;
    private readonly string? _tmSecurityName;
    private long _nextInformId;
    private long _lastDatagramAt = Environment.TickCount64;
    private int _pendingDecisions;
    private byte[] _lastCommunityBytes = [];
    private NotificationOrigin? _lastCommunityOrigin;

    /// <param name="tmSecurityName">For a session behind a DTLS association: the securityName its certificate mapped to
    /// (RFC 5591 tmSecurityName); SNMPv3 messages with the transport security model are then accepted as authPriv.</param>
    public PeerSessionActor(ReceiverContext ctx, PeerKey peer, BoundEndpoint local, IActorRef listener, InFlightGate inFlight, SessionLoad load, string? tmSecurityName = null)
    {
        _tmSecurityName = tmSecurityName;
        _inFlight = inFlight;
        _load = load;
        _recentInforms = new RecentInforms(ctx.Settings.Inform.DuplicateWindow);
        _ctx = ctx;
        _peer = peer;
        _peerEndPoint = peer.ToEndPoint();
        _local = local;
        _listener = listener;
        Receive<DatagramReceived>(HandleDatagram);
        Receive<RespondToInform>(HandleRespondToInform);
        Receive<SuppressInformResponse>(HandleSuppressInformResponse);
        Receive<InformDecisionTimedOut>(HandleInformDecisionTimedOut);
        Receive<CheckIdle>(_ => HandleCheckIdle());
        Receive<UsmDecisionArrived>(HandleUsmDecisionArrived);
        Receive<UsmUserCached>(msg =>
        {
            _pendingDecisions--;
            HandleUsmOutcome(msg.Datagram, msg.Message, _ctx.UsmProcessor.Resume(msg.Message, msg.Datagram.Source, msg.Resume, msg.Decision));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ReceiverContext ctx, PeerKey peer, BoundEndpoint local, IActorRef listener, InFlightGate inFlight, SessionLoad load, string? tmSecurityName = null) =>
        Akka.Actor.Props.Create(() => new PeerSessionActor(ctx, peer, local, listener, inFlight, load, tmSecurityName));

    protected override void PreStart()
    {
        _ctx.Counters.SessionStarted();
        Timers.StartPeriodicTimer(nameof(CheckIdle), CheckIdle.Instance, IdleCheckInterval(_ctx.Settings.Session.IdleTimeout));
    }

    /// <summary>
    /// A session stops only when idle or at shutdown. A message still waiting for a USM policy is counted; a pending
    /// inform was already delivered, and without its Response the sender retransmits to the next receiver.
    /// </summary>
    protected override void PostStop()
    {
        if (_pendingDecisions > 0)
            _ctx.Counters.Dropped(DropReason.StoppedWhilePending, _pendingDecisions);
        _ctx.Counters.SessionStopped();
    }

    private void HandleDatagram(DatagramReceived datagram)
    {
        _lastDatagramAt = Environment.TickCount64;
        try
        {
            Process(datagram);
        }
        finally
        {
            _load.OneHandled();
            _inFlight.Exit();
        }
    }

    private void Process(DatagramReceived datagram)
    {
        if (!SnmpMessageDecoder.TryDecodeFrame(datagram.Data, _ctx.Settings.Codec, out var community, out var message, out var error))
        {
            var (reason, code) = Classify(error.Code);
            Reject(datagram, reason, code, $"cannot decode: {error}");
            return;
        }
        _ctx.Counters.Decoded();
        switch (message)
        {
            case null:
                HandleCommunityMessage(datagram, community);
                break;
            case { SecurityModel: SecurityModels.Usm } v3:
                HandleUsmOutcome(datagram, v3, _ctx.UsmProcessor.Process(v3, datagram.Source));
                break;
            case { SecurityModel: SecurityModels.Tsm } tsm when _tmSecurityName is not null:
                HandleTsmMessage(datagram, tsm, _tmSecurityName);
                break;
            default:
                Reject(datagram, DropReason.UnsupportedSecurity, TrapReceiverErrorCodes.SecurityModelNotSupported, "the transport security model (TSM) needs a DTLS transport");
                break;
        }
    }

    private void HandleCommunityMessage(DatagramReceived datagram, in CommunityFrame message)
    {
        if (!_ctx.Communities.IsAccepted(message.Community.Span))
        {
            Reject(datagram, DropReason.UnknownCommunity, TrapReceiverErrorCodes.BadPacket, $"{message.Version} community not accepted");
            return;
        }
        var origin = CommunityOrigin(message.Version, message.Community.Span);
        var pdu = message.Pdu;
        switch (pdu.Type)
        {
            case PduType.TrapV1:
                DeliverTrap(datagram, NotificationFactory.FromV1Trap(pdu, origin, datagram.ReceivedAt, _ctx.Settings.V1TrapOidRule));
                break;
            case PduType.TrapV2:
                DeliverTrap(datagram, NotificationFactory.FromV2Pdu(pdu, origin, datagram.ReceivedAt));
                break;
            case PduType.InformRequest:
                var inform = NotificationFactory.FromV2Pdu(pdu, origin, datagram.ReceivedAt);
                if (IsAllowed(datagram, inform))
                    HandleInform(new CommunityInformReply(message.ToMessage()), inform);
                break;
            default:
                Reject(datagram, DropReason.UnsupportedPdu, TrapReceiverErrorCodes.UnknownPduType, $"{pdu.Type} is not a notification PDU");
                break;
        }
    }

    /// <summary>
    /// A source sends the same version and community every time, and an origin is immutable: build it once,
    /// not per datagram (decision 0011).
    /// </summary>
    private NotificationOrigin CommunityOrigin(SnmpVersion version, ReadOnlySpan<byte> community)
    {
        if (_lastCommunityOrigin is null || _lastCommunityOrigin.Version != version || !community.SequenceEqual(_lastCommunityBytes))
        {
            _lastCommunityBytes = community.ToArray();
            _lastCommunityOrigin = NotificationFactory.CommunityOrigin(_peerEndPoint, _local.LocalEndPoint, version, System.Text.Encoding.UTF8.GetString(community));
        }
        return _lastCommunityOrigin;
    }

    private void HandleUsmOutcome(DatagramReceived datagram, V3Message message, UsmOutcome outcome)
    {
        switch (outcome)
        {
            case UsmPending pending:
                _pendingDecisions++;
                pending.Decision.PipeTo(Self, success: decision => new UsmDecisionArrived(datagram, message, pending.Resume, decision));
                break;
            case UsmDiscovery discovery:
                if (discovery.Report is { } answer)
                    Send(answer);
                _ctx.Counters.Dropped(DropReason.Discovery);
                break;
            case UsmRejected rejected:
                if (rejected.Report is { } report)
                    Send(report);
                Reject(datagram, rejected.Reason, rejected.ErrorCode, rejected.Description);
                break;
            case UsmAccepted accepted:
                HandleUsmPdu(datagram, message, accepted);
                break;
        }
    }

    private void HandleUsmDecisionArrived(UsmDecisionArrived msg)
    {
        _pendingDecisions--;
        if (msg.Decision is not UserProvided { User: { } user })
        {
            HandleUsmOutcome(msg.Datagram, msg.Message, _ctx.UsmProcessor.Resume(msg.Message, msg.Datagram.Source, msg.Resume, msg.Decision));
            return;
        }
        // The security actor stays the only writer of the user table: it adds the user, then the message resumes at its user lookup.
        _pendingDecisions++;
        Context.System.ActorSelection($"/system/{_ctx.Settings.GuardianName}")
            .Ask<UsmUserAdded>(new AddUsmUser(user), TimeSpan.FromSeconds(10))
            .PipeTo(Self, success: _ => new UsmUserCached(msg.Datagram, msg.Message, msg.Resume, msg.Decision),
                failure: _ => new UsmUserCached(msg.Datagram, msg.Message, msg.Resume, msg.Decision));
    }

    private void HandleUsmPdu(DatagramReceived datagram, V3Message message, UsmAccepted accepted)
    {
        if (_ctx.Settings.Usm.DecryptLogPackets && _ctx.Settings.Events.PacketTrace && accepted.DecryptedPdu.Length > 0)
            _ctx.EventStream.Publish(new PacketTraced(PacketDirection.Incoming, accepted.DecryptedPdu, datagram.Source) { Decrypted = true });
        var scoped = accepted.ScopedPdu;
        var origin = new NotificationOrigin(datagram.Source, "udp", SnmpVersion.V3, accepted.Level)
        {
            User = accepted.UserName,
            EngineId = [.. message.Usm!.EngineId.Span],
            ContextEngineId = [.. scoped.ContextEngineId.Span],
            ContextName = System.Text.Encoding.UTF8.GetString(scoped.ContextName.Span),
            LocalEndPoint = _local.LocalEndPoint,
        };
        var request = scoped.Pdu.Type == PduType.InformRequest ? new UsmInformReply(message, accepted, _ctx.Usm.Local, _ctx.Usm.Time) : null;
        HandleScopedPdu(datagram, scoped.Pdu, origin, accepted.LocallyAuthoritative, request);
    }

    /// <summary>
    /// The PDU of an SNMPv3 message that USM or TSM accepted: a trap is delivered; an inform only when addressed to this
    /// engine (it is the authoritative one for informs), else it is dropped (and, under USM, counted as usmStatsUnknownEngineIDs).
    /// <paramref name="request"/> is what answers an inform (null for other PDUs).
    /// </summary>
    private void HandleScopedPdu(DatagramReceived datagram, Pdu pdu, NotificationOrigin origin, bool addressedHere, InformReply? request)
    {
        switch (pdu.Type)
        {
            case PduType.TrapV2:
                DeliverTrap(datagram, NotificationFactory.FromV2Pdu(PduFrame.From(pdu), origin, datagram.ReceivedAt));
                break;
            case PduType.InformRequest when addressedHere:
                var inform = NotificationFactory.FromV2Pdu(PduFrame.From(pdu), origin, datagram.ReceivedAt);
                if (IsAllowed(datagram, inform))
                    HandleInform(request!, inform);
                break;
            case PduType.InformRequest:
                if (request is UsmInformReply)
                    _ctx.Usm.Counters.UnknownEngineId();
                Reject(datagram, DropReason.UnknownEngine, TrapReceiverErrorCodes.BadEngineId, "an inform must be addressed to this receiver's engine ID");
                break;
            default:
                Reject(datagram, DropReason.UnsupportedPdu, TrapReceiverErrorCodes.UnknownPduType, $"{pdu.Type} is not a notification PDU");
                break;
        }
    }

    private void DeliverTrap(DatagramReceived datagram, SnmpNotification notification)
    {
        if (IsAllowed(datagram, notification))
            Deliver(new TrapReceived(notification));
    }

    /// <summary>The access rules (trap-actors.access): a notification they refuse is dropped, and an inform gets no Response.</summary>
    private bool IsAllowed(DatagramReceived datagram, SnmpNotification notification)
    {
        if (_ctx.Access.IsAllowed(notification, out var reason))
            return true;
        Reject(datagram, DropReason.AccessDenied, TrapReceiverErrorCodes.SecurityLevelNotAccepted, reason);
        return false;
    }

    private void HandleInform(InformReply request, SnmpNotification notification)
    {
        var key = RecentInforms.KeyOf(notification);
        if (_recentInforms.TryGet(key, out var seen))
        {
            HandleRetransmission(request, seen);
            return;
        }
        var mode = _ctx.Settings.Inform.Acknowledge;
        if (mode == InformAcknowledgeMode.OnReceipt)
        {
            SendResponse(request, 0, 0);
            _recentInforms.Answered(key, 0, 0);
            Deliver(new InformReceived(notification, InformAcknowledgement.AlreadySent));
            return;
        }

        var id = ++_nextInformId;
        _pendingInforms[id] = new PendingInform(request, key);
        _recentInforms.Pending(key, id);
        Timers.StartSingleTimer(id, new InformDecisionTimedOut(id), _ctx.Settings.Inform.DecisionTimeout);
        if (!Deliver(new InformReceived(notification, new InformAcknowledgement(Self, id))))
            Decide(id, ResponseWithoutDecision());
    }

    /// <summary>
    /// The sender did not get (or not yet) our Response: answer again as before, or, while the first is still
    /// pending, let the eventual Response answer this latest copy. It is never delivered twice.
    /// </summary>
    private void HandleRetransmission(InformReply request, RecentInforms.Entry seen)
    {
        _ctx.Counters.Dropped(DropReason.DuplicateInform);
        if (seen.Answer is { } answer)
            SendResponse(request, answer.Status, answer.Index);
        else if (_pendingInforms.TryGetValue(seen.PendingId, out var pending))
            _pendingInforms[seen.PendingId] = pending with { Request = request };
    }

    /// <summary>After-delivery never answers what no subscriber confirmed; by-subscriber follows inform.on-timeout.</summary>
    private (int, int)? ResponseWithoutDecision() =>
        _ctx.Settings.Inform.Acknowledge == InformAcknowledgeMode.BySubscriber && _ctx.Settings.Inform.OnTimeout == InformTimeoutAction.Respond
            ? (0, 0)
            : null;

    private void HandleRespondToInform(RespondToInform msg) => Decide(msg.InformId, (msg.ErrorStatus, msg.ErrorIndex));

    private void HandleSuppressInformResponse(SuppressInformResponse msg) => Decide(msg.InformId, null);

    private void HandleInformDecisionTimedOut(InformDecisionTimedOut msg)
    {
        if (_pendingInforms.ContainsKey(msg.InformId))
            _log.Debug("No subscriber decided on inform {0} from {1} within {2}", msg.InformId, _peer, _ctx.Settings.Inform.DecisionTimeout);
        Decide(msg.InformId, ResponseWithoutDecision());
    }

    /// <summary>The first decision on a pending inform wins; a null status means no Response.</summary>
    private void Decide(long informId, (int Status, int Index)? response)
    {
        if (!_pendingInforms.Remove(informId, out var pending))
            return;
        Timers.Cancel(informId);
        if (response is { } r)
        {
            SendResponse(pending.Request, r.Status, r.Index);
            _recentInforms.Answered(pending.Key, r.Status, r.Index);
        }
        else
        {
            _recentInforms.Forget(pending.Key);
        }
    }

    private void SendResponse(InformReply request, int errorStatus, int errorIndex)
    {
        Send(request.Encode((SnmpErrorStatus)errorStatus, errorIndex, _ctx.Settings.Inform.MaxResponseSize));
        _ctx.Counters.InformAnswered();
    }

    private void Send(byte[] bytes) => _listener.Tell(new SendDatagram(bytes, _peerEndPoint));

    /// <summary>
    /// Offers the notification to every subscriber whose filter selects it, each through its bounded queue;
    /// false when none took it (no subscriber matched, or every matching one dropped it).
    /// </summary>
    private bool Deliver(object envelope)
    {
        var notification = envelope is TrapReceived t ? t.Notification : ((InformReceived)envelope).Notification;
        var matched = false;
        var delivered = false;
        foreach (var subscription in _ctx.Subscriptions.Snapshot)
        {
            if (!subscription.Filter.Matches(notification))
                continue;
            matched = true;
            var outlet = subscription.Outlet;
            if (!outlet.Offer(envelope))
                continue;
            delivered = true;
            if (outlet.Queue.Overflow == SubscriberOverflow.BackPressure && outlet.IsFull)
                _ctx.Subscriptions.RaiseBackPressure();
        }
        if (delivered)
            _ctx.Counters.Delivered();
        else
            _ctx.Counters.Dropped(matched ? DropReason.SubscriberQueueFull : DropReason.NoSubscriber);
        return delivered;
    }

    private void Reject(DatagramReceived datagram, DropReason reason, int errorCode, string description)
    {
        _ctx.Counters.Dropped(reason);
        if (_log.IsDebugEnabled && _ctx.LogLines.TryTake())
            _log.Debug("Dropped datagram from {0}: {1}", _peer, description);
        if (_ctx.Settings.Events.BadPacket && _ctx.Events.TryTake())
            _ctx.EventStream.Publish(new BadPacketReceived(datagram.Data, datagram.Source, errorCode, description, reason));
    }

    /// <summary>
    /// A periodic check instead of a receive timeout: Akka re-arms a receive timeout on every message, which cost
    /// a scheduler registration (about 330 bytes) per datagram (decision 0011). The session stops between one and
    /// one and a quarter idle-timeouts after its last datagram.
    /// </summary>
    private void HandleCheckIdle()
    {
        var idle = TimeSpan.FromMilliseconds(Environment.TickCount64 - _lastDatagramAt);
        if (idle >= _ctx.Settings.Session.IdleTimeout && _pendingInforms.Count == 0 && _pendingDecisions == 0)
            _listener.Tell(new SessionIdle(_peer));
    }

    private static TimeSpan IdleCheckInterval(TimeSpan idleTimeout) =>
        TimeSpan.FromTicks(Math.Max(idleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks));

    private static (DropReason Reason, int Code) Classify(SnmpDecodeError error) => error switch
    {
        SnmpDecodeError.UnsupportedVersion => (DropReason.UnsupportedVersion, TrapReceiverErrorCodes.UnsupportedVersion),
        SnmpDecodeError.UnsupportedPduType => (DropReason.UnsupportedPdu, TrapReceiverErrorCodes.UnknownPduType),
        SnmpDecodeError.UnsupportedSecurityModel => (DropReason.UnsupportedSecurity, TrapReceiverErrorCodes.SecurityModelNotSupported),
        SnmpDecodeError.DatagramTooLarge => (DropReason.TooLarge, TrapReceiverErrorCodes.MessageTooLong),
        _ => (DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket),
    };

    private sealed record PendingInform(InformReply Request, RecentInforms.Key Key);
}
