using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using Org.BouncyCastle.Tls;
using TrapActors.Listener;
using TrapActors.Sessions;

namespace TrapActors.Dtls;

/// <summary>
/// Owns one DTLS socket (RFC 6353). A datagram from a peer with an association goes to it; any other is checked as a
/// ClientHello with BouncyCastle's stateless cookie exchange: without a valid cookie it gets a HelloVerifyRequest and
/// leaves no state, so spoofed sources cost nothing; with one, an association actor is created, up to
/// dtls.max-associations.
/// </summary>
internal sealed class DtlsListenerActor : ReceiveActor
{
    private readonly ReceiverContext _ctx;
    private readonly ListenEndpoint _endpoint;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<PeerKey, IActorRef> _associations = [];
    private readonly InFlightGate _inFlight;
    private ListenerSocket? _socket;
    private DtlsServerContext? _server;
    private DtlsVerifier? _verifier;
    private bool _accepting;
    private bool _draining;

    private sealed record AssociationStopped(PeerKey Peer);

    public DtlsListenerActor(ReceiverContext ctx, ListenEndpoint endpoint, bool accepting)
    {
        _ctx = ctx;
        _endpoint = endpoint;
        _accepting = accepting;
        _inFlight = new InFlightGate(ctx.Settings.Listener.MaxInFlight);
        Receive<DatagramReceived>(HandleDatagram);
        Receive<AssociationStopped>(HandleAssociationStopped);
        Receive<SetAcceptData>(msg =>
        {
            _accepting = msg.Accept;
            _socket?.SetAccepting(msg.Accept);
            Sender.Tell(new AcceptDataSet(msg.Accept));
        });
        Receive<StopListening>(_ => HandleStopListening());
        Receive<ReceiveLoopFailed>(msg => throw new SocketException((int)SocketError.SocketError, $"receive loop on {_endpoint} failed: {msg.Cause.Message}"));
    }

    public static Props Props(ReceiverContext ctx, ListenEndpoint endpoint, bool accepting) =>
        Akka.Actor.Props.Create(() => new DtlsListenerActor(ctx, endpoint, accepting));

    /// <summary>An association that fails is gone; the peer starts a new one.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;

    protected override void PreStart()
    {
        try
        {
            _server = DtlsServerContext.Load(_ctx.Settings.Dtls, _ctx.DtlsServerIdentity, _ctx.DtlsClientAuthentication);
            _verifier = new DtlsVerifier(_server.Crypto);
            _socket = ListenerSocket.Open(_ctx, _endpoint, Context, _log, _inFlight, _accepting);
        }
        catch (DtlsConfigurationException e)
        {
            ListenerSocket.ReportFailure(_ctx, _endpoint, Context, _log, TrapReceiverErrorCodes.CannotOpenCertificateStore, $"cannot listen on {_endpoint}: {e.Message}");
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
        _inFlight.Exit();   // an association queues ciphertext itself, bounded per peer
        if (_ctx.Settings.Events.PacketTrace && _ctx.Events.TryTake())
            _ctx.EventStream.Publish(new PacketTraced(PacketDirection.Incoming, datagram.Data, datagram.Source));
        var peer = PeerKey.From(datagram.Source);
        if (_associations.TryGetValue(peer, out var association))
        {
            association.Tell(datagram);
            return;
        }
        if (_draining)
            return;

        var clientId = ClientId(datagram.Source);
        var request = _verifier!.VerifyRequest(clientId, datagram.Data, 0, datagram.Data.Length, new HelloVerifySender(this, datagram.Source));
        if (request is null)
            return;   // not a ClientHello, or one without a valid cookie (answered with a HelloVerifyRequest): no state
        if (_associations.Count >= _ctx.Settings.Dtls.MaxAssociations)
        {
            _ctx.Dtls.Refused(DtlsRefusal.AssociationLimit);
            if (_ctx.Events.TryTake())
                _ctx.EventStream.Publish(new DtlsAssociationRefused(datagram.Source, DtlsRefusal.AssociationLimit, $"{_ctx.Settings.Dtls.MaxAssociations} associations open"));
            return;
        }
        var created = Context.ActorOf(DtlsAssociationActor.Props(_ctx, _server!, peer, _socket!.Bound, request, Send), peer.ActorName);
        Context.WatchWith(created, new AssociationStopped(peer));
        _associations[peer] = created;
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
    private void Send(byte[] datagram, IPEndPoint target)
    {
        try
        {
            _socket?.Socket.SendTo(datagram, target);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The peer's ICMP errors, or the socket closing at shutdown: DTLS retransmits or the association ends.
        }
    }

    private void HandleAssociationStopped(AssociationStopped msg)
    {
        _associations.Remove(msg.Peer);
        StopWhenDrained();
    }

    /// <summary>Unbind, then close every association (close_notify) after its session delivered what it holds.</summary>
    private void HandleStopListening()
    {
        if (_draining)
            return;
        _draining = true;
        _socket?.Unbind();
        foreach (var association in _associations.Values)
            association.Tell(new CloseAssociation("the receiver is shutting down"));
        StopWhenDrained();
    }

    private void StopWhenDrained()
    {
        if (_draining && _associations.Count == 0)
            Context.Stop(Self);
    }

    /// <summary>Sends the verifier's HelloVerifyRequest straight back, and counts it.</summary>
    private sealed class HelloVerifySender(DtlsListenerActor listener, IPEndPoint peer) : DatagramSender
    {
        public int GetSendLimit() => listener._ctx.Settings.Dtls.MaxSendSize;

        public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

        public void Send(ReadOnlySpan<byte> buffer)
        {
            listener._ctx.Dtls.HelloVerifyRequest();
            listener.Send(buffer.ToArray(), peer);
        }
    }
}
