using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using TrapActors.Sessions;

namespace TrapActors.Listener;

/// <summary>Send a datagram from this listener's socket.</summary>
internal sealed record SendDatagram(byte[] Data, IPEndPoint Target) : INoSerializationVerificationNeeded;

/// <summary>A session had no traffic for session.idle-timeout and asks to be stopped.</summary>
internal sealed record SessionIdle(PeerKey Peer) : INoSerializationVerificationNeeded;

internal sealed record SessionStopped(PeerKey Peer) : INoSerializationVerificationNeeded;

internal sealed record ReceiveLoopFailed(Exception Cause) : INoSerializationVerificationNeeded;

/// <summary>Unbind, let every session finish what it was given, then stop (the guardian's Deactivate).</summary>
internal sealed record StopListening : INoSerializationVerificationNeeded
{
    public static readonly StopListening Instance = new();
}

/// <summary>Queued behind the last datagram the closed socket delivered: from here on, sessions can be drained.</summary>
internal sealed record DrainSessions : INoSerializationVerificationNeeded
{
    public static readonly DrainSessions Instance = new();
}

/// <summary>Told to the guardian once the socket is bound or could not be.</summary>
internal sealed record ListenerBound(BoundEndpoint Endpoint) : INoSerializationVerificationNeeded;

internal sealed record ListenerBindFailed(TrapListenerBindFailed Failure) : INoSerializationVerificationNeeded;

/// <summary>
/// Owns one bound UDP socket. Routes each datagram to the session of its source, creating sessions
/// up to session.max-sessions, and sends what sessions ask it to send.
/// </summary>
internal sealed class TrapListenerActor : ReceiveActor
{
    private readonly ReceiverContext _ctx;
    private readonly ListenEndpoint _endpoint;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<PeerKey, (IActorRef Actor, SessionLoad Load)> _sessions = [];
    private readonly Dictionary<PeerKey, List<DatagramReceived>> _waitingForStop = [];
    private readonly Dictionary<PeerKey, SessionLoad> _stopping = [];
    private readonly InFlightGate _inFlight;
    private ListenerSocket? _socket;
    private bool _accepting;
    private bool _draining;

    public TrapListenerActor(ReceiverContext ctx, ListenEndpoint endpoint, bool accepting)
    {
        _ctx = ctx;
        _endpoint = endpoint;
        _accepting = accepting;
        _inFlight = new InFlightGate(ctx.Settings.Listener.MaxInFlight);
        Receive<DatagramReceived>(HandleDatagram);
        Receive<SendDatagram>(HandleSendDatagram);
        Receive<SessionIdle>(HandleSessionIdle);
        Receive<SessionStopped>(HandleSessionStopped);
        Receive<SetAcceptData>(HandleSetAcceptData);
        Receive<StopListening>(_ => HandleStopListening());
        Receive<DrainSessions>(_ => HandleDrainSessions());
        Receive<ReceiveLoopFailed>(msg => throw new SocketException((int)SocketError.SocketError, $"receive loop on {_endpoint} failed: {msg.Cause.Message}"));
    }

    public static Props Props(ReceiverContext ctx, ListenEndpoint endpoint, bool accepting) =>
        Akka.Actor.Props.Create(() => new TrapListenerActor(ctx, endpoint, accepting));

    /// <summary>Sessions are cheap and rebuilt by the next datagram: a failing one is stopped, never restarted.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;

    protected override void PreStart()
    {
        try
        {
            _socket = ListenerSocket.Open(_ctx, _endpoint, Context, _log, _inFlight, _accepting);
        }
        catch (SocketException e)
        {
            ListenerSocket.ReportFailure(_ctx, _endpoint, Context, _log, UdpSocketFactory.ErrorCode(e), $"cannot bind {_endpoint}: {e.Message}");
        }
    }

    protected override void PostStop()
    {
        _socket?.Dispose();
        _inFlight.Dispose();
    }

    private void HandleDatagram(DatagramReceived datagram)
    {
        _ctx.Counters.Received();
        if (_ctx.Settings.Events.PacketTrace && _ctx.Events.TryTake())
            _ctx.EventStream.Publish(new PacketTraced(PacketDirection.Incoming, datagram.Data, datagram.Source));

        var peer = PeerKey.From(datagram.Source);
        if (_sessions.TryGetValue(peer, out var session))
        {
            Route(session, datagram);
            return;
        }
        if (_stopping.ContainsKey(peer))
        {
            HoldUntilStopped(peer, datagram);
            return;
        }
        if (_sessions.Count + _stopping.Count >= _ctx.Settings.Session.MaxSessions)
        {
            DropHere(DropReason.SessionLimit);
            if (_log.IsDebugEnabled && _ctx.LogLines.TryTake())
                _log.Debug("Dropped datagram from {0}: {1} sessions already active", peer, _ctx.Settings.Session.MaxSessions);
            return;
        }
        Route(StartSession(peer), datagram);
    }

    private static void Route((IActorRef Actor, SessionLoad Load) session, DatagramReceived datagram)
    {
        session.Load.Routed++;
        session.Actor.Tell(datagram);
    }

    private void DropHere(DropReason reason)
    {
        _ctx.Counters.Dropped(reason);
        _inFlight.Exit();
    }

    private (IActorRef Actor, SessionLoad Load) StartSession(PeerKey peer)
    {
        var load = new SessionLoad();
        var actor = Context.ActorOf(PeerSessionActor.Props(_ctx, peer, _socket!.Bound, Self, _inFlight, load), peer.ActorName);
        Context.WatchWith(actor, new SessionStopped(peer));
        return _sessions[peer] = (actor, load);
    }

    private void HoldUntilStopped(PeerKey peer, DatagramReceived datagram)
    {
        if (!_waitingForStop.TryGetValue(peer, out var waiting))
            _waitingForStop[peer] = waiting = [];
        if (waiting.Count >= _ctx.Settings.Session.MaxPendingPerSource)
        {
            DropHere(DropReason.SessionLimit);
            return;
        }
        waiting.Add(datagram);
    }

    /// <summary>
    /// Passivation without loss: the session leaves the routing table at once and is stopped with a
    /// PoisonPill behind any datagrams already in its mailbox; datagrams that arrive meanwhile wait for a new session.
    /// </summary>
    private void HandleSessionIdle(SessionIdle msg)
    {
        if (!_sessions.TryGetValue(msg.Peer, out var session) || !session.Actor.Equals(Sender))
            return;
        _sessions.Remove(msg.Peer);
        _stopping[msg.Peer] = session.Load;
        session.Actor.Tell(PoisonPill.Instance);
    }

    /// <summary>
    /// A session that stopped normally handled everything routed to it; one that failed may leave datagrams in its
    /// mailbox, which Akka turns into dead letters: they leave the in-flight count here, so the gate never leaks.
    /// </summary>
    private void HandleSessionStopped(SessionStopped msg)
    {
        if (_sessions.Remove(msg.Peer, out var session))
            ReleaseUnhandled(session.Load);
        if (_stopping.Remove(msg.Peer, out var load))
            ReleaseUnhandled(load);
        if (_waitingForStop.Remove(msg.Peer, out var waiting))
        {
            var restarted = StartSession(msg.Peer);
            foreach (var datagram in waiting)
                Route(restarted, datagram);
            if (_draining)
                restarted.Actor.Tell(PoisonPill.Instance);
        }
        StopWhenDrained();
    }

    private void ReleaseUnhandled(SessionLoad load)
    {
        var unhandled = load.Routed - load.Handled;
        if (unhandled <= 0)
            return;
        _ctx.Counters.Dropped(DropReason.SessionFailed, unhandled);
        _inFlight.Exit(unhandled);
    }

    private void HandleSendDatagram(SendDatagram msg)
    {
        if (_socket is null)
            return;
        try
        {
            _socket.Socket.SendTo(msg.Data, msg.Target);
            if (_ctx.Settings.Events.PacketTrace && _ctx.Events.TryTake())
                _ctx.EventStream.Publish(new PacketTraced(PacketDirection.Outgoing, msg.Data, msg.Target));
        }
        catch (SocketException e)
        {
            _log.Warning("Cannot send {0} bytes to {1}: {2}", msg.Data.Length, msg.Target, e.Message);
            _ctx.EventStream.Publish(new TrapReceiverErrorOccurred(UdpSocketFactory.ErrorCode(e), $"cannot send to {msg.Target}: {e.Message}"));
        }
    }

    /// <summary>
    /// Closing the socket joins the receive thread, so every datagram it read is already in this mailbox
    /// ahead of <see cref="DrainSessions"/>: nothing received before the unbind is lost.
    /// </summary>
    private void HandleStopListening()
    {
        if (_draining)
            return;
        _draining = true;
        _socket?.Unbind();
        Self.Tell(DrainSessions.Instance);
    }

    private void HandleDrainSessions()
    {
        foreach (var session in _sessions.Values)
            session.Actor.Tell(PoisonPill.Instance);
        StopWhenDrained();
    }

    private void StopWhenDrained()
    {
        if (_draining && _sessions.Count == 0 && _stopping.Count == 0 && _waitingForStop.Count == 0)
            Context.Stop(Self);
    }

    /// <summary>Confirmed only once the receive loop has switched, so no datagram sent after the reply slips through.</summary>
    private void HandleSetAcceptData(SetAcceptData msg)
    {
        _accepting = msg.Accept;
        _socket?.SetAccepting(msg.Accept);
        Sender.Tell(new AcceptDataSet(msg.Accept));
    }
}
