using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using TrapActors.Diagnostics;
using TrapActors.Transport;

namespace TrapActors.Listener;

internal sealed record SessionStopped(PeerKey Peer) : INoSerializationVerificationNeeded;

/// <summary>The listener's periodic look for sessions idle for session.idle-timeout (decision 0040).</summary>
internal sealed record SweepIdleSessions : INoSerializationVerificationNeeded
{
    public static readonly SweepIdleSessions Instance = new();
}

/// <summary>Queued behind the last datagram the closed socket delivered: from here on, sessions can be drained.</summary>
internal sealed record DrainSessions : INoSerializationVerificationNeeded
{
    public static readonly DrainSessions Instance = new();
}

/// <summary>
/// Owns one bound UDP socket. Routes each datagram to the session of its source, creating sessions up to
/// session.max-sessions and beyond it evicting the least recently used one that holds no work (decision 0019), stops
/// the sessions idle for session.idle-timeout (decision 0040), and sends what sessions ask it to send.
/// </summary>
internal sealed class TrapListenerActor : ListenerActorBase, IWithTimers
{
    // A session still handling datagrams may be evicted: StopSession waits behind them and for any work they start.
    private readonly SessionTable<Route> _sessions = new(route => route.Lease.Activity, evictable: SessionActivity.Working);
    private readonly Dictionary<PeerKey, List<InboundDatagram>> _waitingForStop = [];
    private readonly Dictionary<PeerKey, Route> _stopping = [];
    private readonly LiveSessions _live = new();
    private readonly DropReporter _drops;
    private readonly List<(PeerKey Peer, Route Session)> _idle = [];

    private sealed record Route(IActorRef Actor, DatagramLease Lease);

    public TrapListenerActor(ListenerServices services, ListenEndpoint endpoint, bool accepting, InMemoryEndpoint? inMemory = null)
        : base(services, endpoint, accepting, inMemory)
    {
        _drops = new DropReporter(services.Diagnostics, Log);
        Receive<SendDatagram>(HandleSendDatagram);
        Receive<SweepIdleSessions>(_ => HandleSweepIdleSessions());
        Receive<SessionWorkFinished>(msg => _sessions.WorkFinished(msg.Peer));
        Receive<SessionStopped>(HandleSessionStopped);
        Receive<DrainSessions>(_ => HandleDrainSessions());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ListenerServices services, ListenEndpoint endpoint, bool accepting) =>
        Akka.Actor.Props.Create(() => new TrapListenerActor(services, endpoint, accepting, null));

    /// <summary>A listener on <paramref name="inMemory"/>, which binds no socket; its sessions are "udp" ones.</summary>
    public static Props InMemory(ListenerServices services, InMemoryEndpoint inMemory, bool accepting) =>
        Akka.Actor.Props.Create(() => new TrapListenerActor(services, new ListenEndpoint("udp", inMemory.LocalEndPoint.Address, inMemory.LocalEndPoint.Port), accepting, inMemory));

    /// <summary>
    /// One timer for all sessions instead of one per session (decision 0040), every quarter of session.idle-timeout: a
    /// session stops between 1 and 1.25 idle-timeouts after its last datagram, as when each timed itself (decision 0011).
    /// </summary>
    protected override void PreStart()
    {
        base.PreStart();
        var idle = Services.Settings.Session.IdleTimeout;
        Timers.StartPeriodicTimer(nameof(SweepIdleSessions), SweepIdleSessions.Instance,
            TimeSpan.FromTicks(Math.Max(idle.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks)));
    }

    /// <summary>
    /// The receive-path warm-up (listener.warm-up, decision 0039), before the socket is bound. It only saves time: one
    /// that fails (it should not) is logged and the listener binds all the same.
    /// </summary>
    protected override (int ErrorCode, string Reason)? Prepare()
    {
        if (Services.WarmUp is not { } warmUp)
            return null;
        try
        {
            Log.Debug("Receive-path warm-up for {0}: {1}", Endpoint, warmUp());
        }
        catch (Exception e)
        {
            Log.Warning("Receive-path warm-up for {0} failed (the first datagrams may be handled slowly): {1}", Endpoint, e.Message);
        }
        return null;
    }

    protected override void HandleDatagram(InboundDatagram datagram)
    {
        var diagnostics = Services.Diagnostics;
        diagnostics.Counters.Received();
        diagnostics.Trace(PacketDirection.Incoming, datagram.Data, datagram.Source);

        var peer = PeerKey.From(datagram.Source);
        if (_sessions.TryGet(peer, out var session))
        {
            session.Actor.Tell(datagram.LeasedTo(session.Lease));
            return;
        }
        if (_stopping.ContainsKey(peer))
        {
            HoldUntilStopped(peer, datagram);
            return;
        }
        if (MakeRoom() is { } refusal)
        {
            Refuse(peer, refusal);
            return;
        }
        session = StartSession(peer, datagram.LocalEndPoint);
        session.Actor.Tell(datagram.LeasedTo(session.Lease));
    }

    /// <summary>
    /// Room for one more session: below session.max-sessions, or by evicting the least recently used session that holds
    /// no work. Sessions out of the routing table and not yet stopped are bounded too, by as many again. Null when
    /// there is room, else why not.
    /// </summary>
    private string? MakeRoom()
    {
        var max = Services.Settings.Session.MaxSessions;
        var stopping = _live.Count - _sessions.Count;
        if (stopping >= max)
            return $"{stopping} sessions are still stopping";
        if (_sessions.Count < max)
            return null;
        if (!_sessions.TryEvict(out var peer, out var evicted))
            return $"all {max} sessions hold an inform or a USM policy wait";
        Stop(peer, evicted);
        Services.Diagnostics.Counters.SessionEvicted();
        return null;
    }

    private void Refuse(PeerKey peer, string description)
    {
        _drops.Refuse(DropReason.SessionLimit, peer, description);
        InFlight.Exit();
    }

    /// <summary>The session's spec names where the source's first datagram arrived; each datagram carries its own.</summary>
    private Route StartSession(PeerKey peer, IPEndPoint local)
    {
        var lease = new DatagramLease(InFlight, _live);
        _live.Started();
        var spec = new SessionSpec(peer, local, Endpoint.Transport, Self, Lease: lease);
        var actor = Context.ActorOf(Services.Sessions(spec), peer.ActorName);
        Context.WatchWith(actor, new SessionStopped(peer));
        var route = new Route(actor, lease);
        _sessions.Add(peer, route);
        return route;
    }

    private void HoldUntilStopped(PeerKey peer, InboundDatagram datagram)
    {
        if (!_waitingForStop.TryGetValue(peer, out var waiting))
            _waitingForStop[peer] = waiting = [];
        if (waiting.Count >= Services.Settings.Session.MaxPendingPerSource)
        {
            Refuse(peer, "too many datagrams wait for the source's stopping session");
            return;
        }
        waiting.Add(datagram);
    }

    /// <summary>
    /// Passivation without loss: an idle session leaves the routing table at once and is told to stop behind any
    /// datagrams already in its mailbox; datagrams that arrive meanwhile wait for a new session. One holding work
    /// is not idle (it is looked at again once its work is done).
    /// </summary>
    private void HandleSweepIdleSessions()
    {
        if (Draining)
            return;
        _sessions.TakeIdle((long)Services.Settings.Session.IdleTimeout.TotalMilliseconds, _idle);
        foreach (var (peer, session) in _idle)
            Stop(peer, session);
        _idle.Clear();
    }

    /// <summary>Out of the routing table (passivated or evicted): it stops once it handled what it was given and holds no work.</summary>
    private void Stop(PeerKey peer, Route session)
    {
        _stopping[peer] = session;
        session.Actor.Tell(StopSession.Instance);
    }

    /// <summary>
    /// A session that stopped normally handled everything routed to it; one that failed may leave datagrams in its
    /// mailbox, which Akka turns into dead letters: their leases are released here, so the in-flight bound never leaks.
    /// </summary>
    private void HandleSessionStopped(SessionStopped msg)
    {
        if (_sessions.Remove(msg.Peer, out var session))
            Ended(session.Lease);
        if (_stopping.Remove(msg.Peer, out var stopped))
            Ended(stopped.Lease);
        if (_waitingForStop.Remove(msg.Peer, out var waiting))
        {
            if (MakeRoom() is { } refusal)
            {
                foreach (var _ in waiting)
                    Refuse(msg.Peer, refusal);
                StopWhenDrained();
                return;
            }
            var restarted = StartSession(msg.Peer, waiting.Count > 0 ? waiting[0].LocalEndPoint : Socket!.Bound.LocalEndPoint);
            foreach (var datagram in waiting)
                restarted.Actor.Tell(datagram.LeasedTo(restarted.Lease));
            if (Draining)
                restarted.Actor.Tell(PoisonPill.Instance);
        }
        StopWhenDrained();
    }

    /// <summary>The session's actor is gone: no longer alive, and what it never handled is released and counted.</summary>
    private void Ended(DatagramLease lease)
    {
        lease.HolderStopped();
        var unhandled = lease.ReleaseRemaining();
        if (unhandled > 0)
            _drops.Count(DropReason.SessionFailed, unhandled);
    }

    private void HandleSendDatagram(SendDatagram msg)
    {
        if (Socket is null || msg.Target.Port == 0)
            return;   // port 0: nothing can receive there (Reports to it are not even built: UsmProcessor)
        try
        {
            Socket.Send(msg.Data, msg.Target, msg.From);
            Services.Diagnostics.Trace(PacketDirection.Outgoing, msg.Data, msg.Target);
        }
        catch (SocketException e)
        {
            SendFailures.Report(Services.Diagnostics, Log, e, msg.Data.Length, msg.Target);
        }
    }

    /// <summary>
    /// Closing the socket joined the receive thread, so every datagram it read is already in this mailbox
    /// ahead of <see cref="DrainSessions"/>: nothing received before the unbind is lost.
    /// </summary>
    protected override void DrainAfterUnbind() => Self.Tell(DrainSessions.Instance);

    private void HandleDrainSessions()
    {
        // Behind what each was given; a stopping session that still waits for an inform decision stops now too.
        foreach (var session in _sessions.Sessions.Concat(_stopping.Values))
            session.Actor.Tell(PoisonPill.Instance);
        StopWhenDrained();
    }

    private void StopWhenDrained()
    {
        if (Draining && _sessions.Count == 0 && _stopping.Count == 0 && _waitingForStop.Count == 0)
            Context.Stop(Self);
    }
}
