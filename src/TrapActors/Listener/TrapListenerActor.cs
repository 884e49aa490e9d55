using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using TrapActors.Diagnostics;
using TrapActors.Transport;

namespace TrapActors.Listener;

internal sealed record SessionStopped(PeerKey Peer) : INoSerializationVerificationNeeded;

/// <summary>Queued behind the last datagram the closed socket delivered: from here on, sessions can be drained.</summary>
internal sealed record DrainSessions : INoSerializationVerificationNeeded
{
    public static readonly DrainSessions Instance = new();
}

/// <summary>
/// Owns one bound UDP socket. Routes each datagram to the session of its source, creating sessions
/// up to session.max-sessions, and sends what sessions ask it to send.
/// </summary>
internal sealed class TrapListenerActor : ListenerActorBase
{
    private readonly Dictionary<PeerKey, (IActorRef Actor, DatagramLease Lease)> _sessions = [];
    private readonly Dictionary<PeerKey, List<InboundDatagram>> _waitingForStop = [];
    private readonly Dictionary<PeerKey, DatagramLease> _stopping = [];
    private readonly DropReporter _drops;

    public TrapListenerActor(ListenerServices services, ListenEndpoint endpoint, bool accepting)
        : base(services, endpoint, accepting)
    {
        _drops = new DropReporter(services.Diagnostics, Log);
        Receive<SendDatagram>(HandleSendDatagram);
        Receive<SessionIdle>(HandleSessionIdle);
        Receive<SessionStopped>(HandleSessionStopped);
        Receive<DrainSessions>(_ => HandleDrainSessions());
    }

    public static Props Props(ListenerServices services, ListenEndpoint endpoint, bool accepting) =>
        Akka.Actor.Props.Create(() => new TrapListenerActor(services, endpoint, accepting));

    protected override void HandleDatagram(InboundDatagram datagram)
    {
        var diagnostics = Services.Diagnostics;
        diagnostics.Counters.Received();
        diagnostics.Trace(PacketDirection.Incoming, datagram.Data, datagram.Source);

        var peer = PeerKey.From(datagram.Source);
        if (_sessions.TryGetValue(peer, out var session))
        {
            session.Actor.Tell(datagram.LeasedTo(session.Lease));
            return;
        }
        if (_stopping.ContainsKey(peer))
        {
            HoldUntilStopped(peer, datagram);
            return;
        }
        var max = Services.Settings.Session.MaxSessions;
        if (_sessions.Count + _stopping.Count >= max)
        {
            Refuse(peer, $"{max} sessions already active");
            return;
        }
        session = StartSession(peer, datagram.LocalEndPoint);
        session.Actor.Tell(datagram.LeasedTo(session.Lease));
    }

    private void Refuse(PeerKey peer, string description)
    {
        _drops.Refuse(DropReason.SessionLimit, peer, description);
        InFlight.Exit();
    }

    /// <summary>The session's spec names where the source's first datagram arrived; each datagram carries its own.</summary>
    private (IActorRef Actor, DatagramLease Lease) StartSession(PeerKey peer, IPEndPoint local)
    {
        var spec = new SessionSpec(peer, local, Endpoint.Transport, Self);
        var actor = Context.ActorOf(Services.Sessions(spec), peer.ActorName);
        Context.WatchWith(actor, new SessionStopped(peer));
        return _sessions[peer] = (actor, new DatagramLease(InFlight));
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
    /// Passivation without loss: the session leaves the routing table at once and is stopped with a
    /// PoisonPill behind any datagrams already in its mailbox; datagrams that arrive meanwhile wait for a new session.
    /// </summary>
    private void HandleSessionIdle(SessionIdle msg)
    {
        if (!_sessions.TryGetValue(msg.Peer, out var session) || !session.Actor.Equals(Sender))
            return;
        _sessions.Remove(msg.Peer);
        _stopping[msg.Peer] = session.Lease;
        session.Actor.Tell(PoisonPill.Instance);
    }

    /// <summary>
    /// A session that stopped normally handled everything routed to it; one that failed may leave datagrams in its
    /// mailbox, which Akka turns into dead letters: their leases are released here, so the in-flight bound never leaks.
    /// </summary>
    private void HandleSessionStopped(SessionStopped msg)
    {
        if (_sessions.Remove(msg.Peer, out var session))
            ReleaseUnhandled(session.Lease);
        if (_stopping.Remove(msg.Peer, out var lease))
            ReleaseUnhandled(lease);
        if (_waitingForStop.Remove(msg.Peer, out var waiting))
        {
            var restarted = StartSession(msg.Peer, waiting.Count > 0 ? waiting[0].LocalEndPoint : Socket!.Bound.LocalEndPoint);
            foreach (var datagram in waiting)
                restarted.Actor.Tell(datagram.LeasedTo(restarted.Lease));
            if (Draining)
                restarted.Actor.Tell(PoisonPill.Instance);
        }
        StopWhenDrained();
    }

    private void ReleaseUnhandled(DatagramLease lease)
    {
        var unhandled = lease.ReleaseRemaining();
        if (unhandled > 0)
            _drops.Count(DropReason.SessionFailed, unhandled);
    }

    private void HandleSendDatagram(SendDatagram msg)
    {
        if (Socket is null)
            return;
        try
        {
            Socket.Send(msg.Data, msg.Target, msg.From);
            Services.Diagnostics.Trace(PacketDirection.Outgoing, msg.Data, msg.Target);
        }
        catch (SocketException e)
        {
            Log.Warning("Cannot send {0} bytes to {1}: {2}", msg.Data.Length, msg.Target, e.Message);
            Services.Diagnostics.Publish(new TrapReceiverErrorOccurred(UdpSocketFactory.ErrorCode(e), $"cannot send to {msg.Target}: {e.Message}"));
        }
    }

    /// <summary>
    /// Closing the socket joined the receive thread, so every datagram it read is already in this mailbox
    /// ahead of <see cref="DrainSessions"/>: nothing received before the unbind is lost.
    /// </summary>
    protected override void DrainAfterUnbind() => Self.Tell(DrainSessions.Instance);

    private void HandleDrainSessions()
    {
        foreach (var session in _sessions.Values)
            session.Actor.Tell(PoisonPill.Instance);
        StopWhenDrained();
    }

    private void StopWhenDrained()
    {
        if (Draining && _sessions.Count == 0 && _stopping.Count == 0 && _waitingForStop.Count == 0)
            Context.Stop(Self);
    }
}
