using System.Net;
using Akka.Actor;
using Akka.Event;
using Org.BouncyCastle.Tls;
using TrapActors.Listener;
using TrapActors.Transport;

namespace TrapActors.Dtls;

/// <summary>
/// Owns one DTLS socket (RFC 6353). A datagram from a peer with an association goes to it; any other is checked as a
/// ClientHello with BouncyCastle's stateless cookie exchange: without a valid cookie it gets a HelloVerifyRequest and
/// leaves no state, so spoofed sources cost nothing; with one, an association actor is created and its handshake
/// counts against dtls.max-handshakes and dtls.max-handshakes-per-address: beyond either, the handshake whose peer was
/// silent longest is abandoned (decision 0029). A finished handshake takes a place among dtls.max-associations, beyond
/// it the place of the least recently used idle association, which is closed (the peer handshakes again when it next
/// sends; decision 0019). So only a peer that finished its handshake can push an established association out.
/// </summary>
internal sealed class DtlsListenerActor : ListenerActorBase
{
    private readonly DtlsServices _dtls;
    private readonly DtlsDatagramSender _sender;
    private readonly SessionTable<Association> _associations = new(association => association.Thread.Activity);
    private readonly HandshakeTable<Association> _handshakes;
    private readonly Dictionary<PeerKey, Association> _closing = [];   // evicted or abandoned, until they stopped
    private DtlsServerContext? _server;
    private DtlsVerifier? _verifier;

    private sealed record AssociationStopped(PeerKey Peer);

    /// <summary>An association's actor, and the thread whose transport the peer's datagrams go to straight from here.</summary>
    private sealed record Association(IActorRef Actor, DtlsAssociationThread Thread);

    public DtlsListenerActor(DtlsServices dtls, ListenEndpoint endpoint, bool accepting)
        : base(dtls.Listener, endpoint, accepting)
    {
        _dtls = dtls;
        _sender = new DtlsDatagramSender(dtls.Listener.Diagnostics, Log);
        _handshakes = new HandshakeTable<Association>(Settings.MaxHandshakes, Settings.MaxHandshakesPerAddress);
        Receive<AssociationHandshakeDone>(HandleHandshakeDone);
        Receive<AssociationStopped>(HandleAssociationStopped);
        Receive<SessionWorkFinished>(msg => _associations.WorkFinished(msg.Peer));
    }

    /// <summary>
    /// On a thread of its own (Akka's pinned dispatcher, configured in every ActorSystem as akka.io.pinned-dispatcher):
    /// each step of a handshake waits for this actor (the cookie exchange, creating the association, handing it the
    /// client's flight), and net-snmp's one-shot tools give the whole handshake six 50 ms reads. On the thread pool its
    /// mailbox was seen waiting 0.5-1 s while the process ran (decision 0018). The warm-up blocks this thread, not the pool's.
    /// </summary>
    public static Props Props(DtlsServices dtls, ListenEndpoint endpoint, bool accepting) =>
        Akka.Actor.Props.Create(() => new DtlsListenerActor(dtls, endpoint, accepting)).WithDispatcher(ListenerDispatcher);

    /// <summary>Akka's own PinnedDispatcher definition (one dedicated thread per actor), present in every ActorSystem's configuration.</summary>
    public const string ListenerDispatcher = "akka.io.pinned-dispatcher";

    private DtlsSettings Settings => Services.Settings.Dtls;

    protected override (int ErrorCode, string Reason)? Prepare()
    {
        try
        {
            _server = DtlsServerContext.Load(Settings, _dtls.ServerIdentity, _dtls.ClientAuthentication, _dtls.CertMap);
            if (_server.IncompleteChain is { } incomplete)
                Log.Warning("DTLS endpoint {0}: {1}", Endpoint, incomplete);
            foreach (var warning in _server.MapWarnings)
                Log.Warning("DTLS endpoint {0}: certificate map: {1}", Endpoint, warning);
            _verifier = new DtlsVerifier(_server.Crypto);
            WarmUp(_server, _verifier);
            return null;
        }
        catch (DtlsConfigurationException e)
        {
            return (TrapReceiverErrorCodes.CannotOpenCertificateStore, e.Message);
        }
    }

    protected override void HandleDatagram(InboundDatagram datagram)
    {
        InFlight.Exit();   // an association queues ciphertext itself, bounded per peer
        Services.Diagnostics.Trace(PacketDirection.Incoming, datagram.Data, datagram.Source);
        var peer = PeerKey.From(datagram.Source);
        if (_associations.TryGet(peer, out var association) || _handshakes.TryGet(peer, out association) || _closing.TryGetValue(peer, out association))
        {
            // Straight to BouncyCastle's queue, not through the actor's mailbox: a handshake flight waits for no dispatch.
            if (!association.Thread.Transport.Offer(datagram.Data))
                CountOverflow();
            return;
        }
        if (Draining)
            return;

        var clientId = ClientId(datagram.Source);
        var request = _verifier!.VerifyRequest(clientId, datagram.Data, 0, datagram.Data.Length, new HelloVerifySender(this, datagram.Source, datagram.LocalEndPoint));
        if (request is null)
            return;   // not a ClientHello, or one without a valid cookie (answered with a HelloVerifyRequest): no state
        if (_closing.Count >= MaxClosing)
        {
            RefuseAtLimit(datagram.Source, $"{_closing.Count} evicted associations and abandoned handshakes are still closing");
            return;
        }
        // The association answers from the address its ClientHello was sent to, for its whole life.
        var thread = new DtlsAssociationThread(_dtls, _server!, peer.ToEndPoint(), datagram.LocalEndPoint, request, Send);
        var created = Context.ActorOf(DtlsAssociationActor.Props(_dtls, _server!, peer, thread), peer.ActorName);
        thread.Start(created);   // the handshake runs while the actor is being started; what it tells waits in the mailbox
        Context.WatchWith(created, new AssociationStopped(peer));
        foreach (var (displacedPeer, displaced, ofAddress) in _handshakes.Add(peer, new Association(created, thread)))
        {
            _closing[displacedPeer] = displaced;
            displaced.Thread.AbandonHandshake(ofAddress
                ? $"evicted: dtls.max-handshakes-per-address ({Settings.MaxHandshakesPerAddress}) reached for {displacedPeer.Address} and its peer was silent longest"
                : $"evicted: dtls.max-handshakes ({Settings.MaxHandshakes}) reached and its peer was silent longest");
            _dtls.Counters.HandshakeEvicted();
        }
    }

    /// <summary>Associations evicted and handshakes abandoned that may still be closing before new ClientHellos are refused.</summary>
    private int MaxClosing => Settings.MaxAssociations + Settings.MaxHandshakes;

    /// <summary>The handshake finished: the association takes a place among the established ones, or is closed when none is free.</summary>
    private void HandleHandshakeDone(AssociationHandshakeDone msg)
    {
        if (!_handshakes.Remove(msg.Peer, out var association))
            return;   // abandoned meanwhile: it is closing
        if (MakeRoom() is { } refusal)
        {
            _closing[msg.Peer] = association;
            association.Actor.Tell(new CloseAssociation($"association-limit: {refusal}"));
            RefuseAtLimit(association.Thread.Peer, refusal);
            return;
        }
        _associations.Add(msg.Peer, association);
    }

    private void RefuseAtLimit(IPEndPoint peer, string why)
    {
        _dtls.Counters.Refused(DtlsRefusal.AssociationLimit);
        if (Services.Diagnostics.Events.TryTake())
            Services.Diagnostics.Publish(new DtlsAssociationRefused(peer, DtlsRefusal.AssociationLimit, why));
    }

    /// <summary>
    /// Room for one more established association: below dtls.max-associations, or by closing the least recently used
    /// idle one. Null when there is room, else why not.
    /// </summary>
    private string? MakeRoom()
    {
        var max = Settings.MaxAssociations;
        if (_associations.Count < max)
            return null;
        if (!_associations.TryEvict(out var peer, out var evicted))
            return $"all {max} associations are busy (carrying messages)";
        _closing[peer] = evicted;
        evicted.Actor.Tell(new CloseAssociation($"evicted: dtls.max-associations ({max}) reached and it was the least recently used idle association"));
        _dtls.Counters.Evicted();
        return null;
    }

    /// <summary>
    /// Not decrypted, so perhaps an SNMP message: counted as received and dropped, so that received = delivered + dropped
    /// holds for DTLS too.
    /// </summary>
    private void CountOverflow()
    {
        _dtls.Counters.Overflow();
        var counters = Services.Diagnostics.Counters;
        counters.Received();
        counters.Dropped(DropReason.DtlsQueueFull);
    }

    /// <summary>
    /// Before the socket is bound, so the first client's handshake is as fast as any later one (decision 0018). A failure
    /// is logged and binding goes on: the warm-up only saves time.
    /// </summary>
    private void WarmUp(DtlsServerContext server, DtlsVerifier verifier)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan elapsed;
        string? failure;
        try
        {
            (elapsed, failure) = DtlsWarmUp.Run(server, verifier, Settings.HandshakeTimeout);
        }
        catch (Exception e)
        {
            (elapsed, failure) = (clock.Elapsed, $"{e.GetType().Name}: {e.Message}");
        }
        if (failure is null)
            Log.Debug("DTLS warm-up for {0} took {1} ms", Endpoint, (long)elapsed.TotalMilliseconds);
        else
            Log.Warning("DTLS warm-up for {0} failed after {1} ms (the first handshake may be slow): {2}", Endpoint, (long)elapsed.TotalMilliseconds, failure);
    }

    /// <summary>What the verifier's cookie binds a ClientHello to: the peer's address and port.</summary>
    private static byte[] ClientId(IPEndPoint source)
    {
        var address = source.Address.GetAddressBytes();
        var id = new byte[address.Length + 2];
        address.CopyTo(id, 0);
        id[^2] = (byte)(source.Port >> 8);
        id[^1] = (byte)source.Port;
        return id;
    }

    /// <summary>Called from association threads too: a socket may be sent on concurrently.</summary>
    private void Send(byte[] datagram, IPEndPoint target, IPEndPoint from) => _sender.Send(Socket, datagram, target, from);

    private void HandleAssociationStopped(AssociationStopped msg)
    {
        if (!_associations.Remove(msg.Peer, out _) && !_handshakes.Remove(msg.Peer, out _))
            _closing.Remove(msg.Peer);
        StopWhenDrained();
    }

    /// <summary>Unbound: close every association (close_notify) after its session delivered what it holds.</summary>
    protected override void DrainAfterUnbind()
    {
        foreach (var association in _associations.Sessions.Concat(_handshakes.Values).Concat(_closing.Values))
            association.Actor.Tell(new CloseAssociation("the receiver is shutting down"));
        StopWhenDrained();
    }

    private void StopWhenDrained()
    {
        if (Draining && _associations.Count == 0 && _handshakes.Count == 0 && _closing.Count == 0)
            Context.Stop(Self);
    }

    /// <summary>Sends the verifier's HelloVerifyRequest straight back, and counts it.</summary>
    private sealed class HelloVerifySender(DtlsListenerActor listener, IPEndPoint peer, IPEndPoint local) : DatagramSender
    {
        public int GetSendLimit() => listener.Settings.MaxSendSize;

        public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

        public void Send(ReadOnlySpan<byte> buffer)
        {
            listener._dtls.Counters.HelloVerifyRequest();
            listener.Send(buffer.ToArray(), peer, local);
        }
    }
}
