using System.Net;
using Akka.Actor;
using Akka.Event;
using Org.BouncyCastle.Tls;
using TrapActors.Transport;

namespace TrapActors.Dtls;

/// <summary>Ask an association to end: it sends close_notify, drains its session, then stops.</summary>
internal sealed record CloseAssociation(string Reason) : INoSerializationVerificationNeeded;

/// <summary>
/// One DTLS association (RFC 6353), created by the listener only after the peer returned a valid cookie. BouncyCastle's
/// blocking handshake and record layer run on a thread of their own, fed through a <see cref="ChannelDatagramTransport"/>;
/// what they produce comes back as messages. Each SNMP message the association decrypts goes to a child
/// session (made by the <see cref="SessionFactory"/>) that knows the peer's securityName (TSM), and its Responses go back through the association.
/// </summary>
internal sealed class DtlsAssociationActor : ReceiveActor, IWithTimers
{
    private readonly DtlsServices _services;
    private readonly DtlsServerContext _server;
    private readonly PeerKey _peer;
    private readonly IPEndPoint _peerEndPoint;
    private readonly BoundEndpoint _local;
    private readonly DtlsRequest _request;
    private readonly ChannelDatagramTransport _transport;
    private readonly TrapDtlsServer _tls;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private DtlsTransport? _dtls;
    private IActorRef? _session;
    private long _lastActivity = Environment.TickCount64;
    private volatile string? _closeRequested;
    private bool _established;
    private bool _ended;

    private sealed record HandshakeCompleted(DtlsTransport Transport);
    private sealed record HandshakeFailed(DtlsRefusal Reason, string Detail);
    private sealed record PlaintextReceived(byte[] Data);
    private sealed record AssociationEnded(string Reason);
    private sealed record CheckIdle
    {
        public static readonly CheckIdle Instance = new();
    }

    public DtlsAssociationActor(DtlsServices dtls, DtlsServerContext server, PeerKey peer, BoundEndpoint local, DtlsRequest request, Action<byte[], IPEndPoint> send)
    {
        _services = dtls;
        _server = server;
        _peer = peer;
        _peerEndPoint = peer.ToEndPoint();
        _local = local;
        _request = request;
        _transport = new ChannelDatagramTransport(server.Settings.MaxSendSize, bytes => send(bytes, _peerEndPoint));
        _tls = new TrapDtlsServer(server, _peerEndPoint);

        Receive<InboundDatagram>(d =>
        {
            _lastActivity = Environment.TickCount64;
            if (!_transport.Offer(d.Data))
                _services.Counters.Overflow();
        });
        Receive<HandshakeCompleted>(HandleHandshakeCompleted);
        Receive<HandshakeFailed>(HandleHandshakeFailed);
        Receive<PlaintextReceived>(HandlePlaintext);
        Receive<SendDatagram>(HandleSend);
        Receive<SessionIdle>(_ => { });   // the association's own idle timeout decides
        Receive<CheckIdle>(_ => HandleCheckIdle());
        Receive<CloseAssociation>(msg => RequestClose(msg.Reason));
        Receive<AssociationEnded>(HandleEnded);
        Receive<Terminated>(t => t.ActorRef.Equals(_session), _ => Context.Stop(Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(DtlsServices dtls, DtlsServerContext server, PeerKey peer, BoundEndpoint local, DtlsRequest request, Action<byte[], IPEndPoint> send) =>
        Akka.Actor.Props.Create(() => new DtlsAssociationActor(dtls, server, peer, local, request, send));

    protected override void PreStart()
    {
        _services.Counters.HandshakeStarted();
        Publish(new DtlsStatus(_peerEndPoint, "handshake started (cookie verified)"));
        var self = Self;
        new Thread(() => Run(self)) { IsBackground = true, Name = $"trap-actors-dtls-{_peer}" }.Start();
        Timers.StartPeriodicTimer(nameof(CheckIdle), CheckIdle.Instance, TimeSpan.FromTicks(Math.Max(_server.Settings.IdleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks)));
    }

    protected override void PostStop()
    {
        _closeRequested ??= "stopped";
        _transport.Close();
        if (!_ended)
            _services.Counters.Ended(_established);
    }

    /// <summary>On the association's own thread: the handshake, then reading records until closed.</summary>
    private void Run(IActorRef self)
    {
        DtlsTransport dtls;
        try
        {
            dtls = new DtlsServerProtocol().Accept(_tls, _transport, _request);
        }
        catch (Exception e)
        {
            var (refusal, detail) = _tls.Refusal ?? (e is TlsTimeoutException ? DtlsRefusal.HandshakeTimeout : DtlsRefusal.HandshakeFailed, HandshakeError(e));
            self.Tell(new HandshakeFailed(refusal, detail));
            return;
        }
        _transport.StopPacking();
        self.Tell(new HandshakeCompleted(dtls));

        var buffer = new byte[dtls.GetReceiveLimit()];
        string reason;
        try
        {
            while (_closeRequested is null)
            {
                var length = dtls.Receive(buffer, 0, buffer.Length, 250);
                if (length > 0)
                    self.Tell(new PlaintextReceived(buffer.AsSpan(0, length).ToArray()));
            }
            reason = _closeRequested;
            dtls.Close();   // close_notify
        }
        catch (DatagramTransportClosedException)
        {
            reason = _closeRequested ?? "closed by the peer (close_notify)";
        }
        catch (TlsFatalAlertReceived e)
        {
            reason = $"the peer sent a fatal alert: {AlertDescription.GetText(e.AlertDescription)}";
        }
        catch (Exception e)
        {
            reason = $"failed: {e.Message}";
        }
        self.Tell(new AssociationEnded(reason));
    }

    private string HandshakeError(Exception e) => e switch
    {
        TlsTimeoutException => $"handshake not finished within {_server.Settings.HandshakeTimeout}",
        TlsFatalAlertReceived received => $"the peer sent a fatal alert: {AlertDescription.GetText(received.AlertDescription)}",
        TlsFatalAlert alert => $"{AlertDescription.GetText(alert.AlertDescription)}: {alert.Message}",
        DatagramTransportClosedException => "closed during the handshake",
        _ => e.Message,
    };

    private void HandleHandshakeCompleted(HandshakeCompleted msg)
    {
        _dtls = msg.Transport;
        _established = true;
        _services.Counters.Established();
        var (leaf, securityName) = _tls.Client!.Value;
        _session = Context.ActorOf(_services.Listener.Sessions(new SessionSpec(_peer, _local.LocalEndPoint, "dtls", Self, securityName)), "session");
        Context.Watch(_session);
        Publish(new DtlsClientAuthenticated(_peerEndPoint, leaf.Subject, leaf.Issuer, Convert.ToHexStringLower(leaf.Fingerprint(FingerprintHash.Sha256)), securityName));
        Publish(new DtlsAssociationEstablished(_peerEndPoint, securityName));
        _log.Debug("DTLS association with {0} established: {1}", _peerEndPoint, securityName);
        if (_closeRequested is not null)
            RequestClose(_closeRequested);
    }

    private void HandleHandshakeFailed(HandshakeFailed msg)
    {
        _ended = true;
        _services.Counters.Refused(msg.Reason);
        _services.Counters.Ended(wasEstablished: false);
        Publish(new DtlsAssociationRefused(_peerEndPoint, msg.Reason, msg.Detail));
        Publish(new DtlsStatus(_peerEndPoint, $"handshake failed ({msg.Reason}): {msg.Detail}"));
        if (_log.IsDebugEnabled && _services.Listener.Diagnostics.LogLines.TryTake())
            _log.Debug("DTLS handshake with {0} refused: {1} {2}", _peerEndPoint, msg.Reason, msg.Detail);
        Context.Stop(Self);
    }

    private void HandlePlaintext(PlaintextReceived msg)
    {
        _lastActivity = Environment.TickCount64;
        _services.Listener.Diagnostics.Counters.Received();
        _session!.Tell(new InboundDatagram(msg.Data, _peerEndPoint, _local.LocalEndPoint, _services.Listener.TimeProvider.GetUtcNow()));
    }

    /// <summary>A Response from the session: over the association, if it fits one record.</summary>
    private void HandleSend(SendDatagram msg)
    {
        if (_dtls is null || _closeRequested is not null)
            return;
        if (msg.Data.Length > _dtls.GetSendLimit())
        {
            _log.Warning("Response of {0} bytes to {1} exceeds the DTLS record limit of {2}: not sent", msg.Data.Length, _peerEndPoint, _dtls.GetSendLimit());
            return;
        }
        try
        {
            _dtls.Send(msg.Data, 0, msg.Data.Length);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            _log.Debug("Cannot send to {0}: {1}", _peerEndPoint, e.Message);
        }
    }

    private void HandleCheckIdle()
    {
        if (Environment.TickCount64 - _lastActivity >= (long)_server.Settings.IdleTimeout.TotalMilliseconds)
            RequestClose($"idle for {_server.Settings.IdleTimeout}");
    }

    /// <summary>The reading thread sees the request within a quarter second, sends close_notify and reports the end.</summary>
    private void RequestClose(string reason) => _closeRequested ??= reason;

    /// <summary>The association is over: the session handles what it holds, then both stop.</summary>
    private void HandleEnded(AssociationEnded msg)
    {
        _ended = true;
        _services.Counters.Ended(_established);
        Publish(new DtlsAssociationClosed(_peerEndPoint, msg.Reason));
        Publish(new DtlsStatus(_peerEndPoint, $"association closed: {msg.Reason}"));
        if (_session is null)
            Context.Stop(Self);
        else
            _session.Tell(PoisonPill.Instance);
    }

    private void Publish(object dtlsEvent) => _services.Listener.Diagnostics.Publish(dtlsEvent);
}
