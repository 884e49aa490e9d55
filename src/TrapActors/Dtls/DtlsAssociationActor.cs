using System.Net;
using Akka.Actor;
using Akka.Event;
using Org.BouncyCastle.Tls;
using TrapActors.Transport;

namespace TrapActors.Dtls;

/// <summary>Ask an association to end: it sends close_notify, drains its session, then stops.</summary>
internal sealed record CloseAssociation(string Reason) : INoSerializationVerificationNeeded;

/// <summary>To the listener: the association's handshake finished; it now needs a place among the established associations.</summary>
internal sealed record AssociationHandshakeDone(PeerKey Peer) : INoSerializationVerificationNeeded;

/// <summary>
/// One DTLS association (RFC 6353), created by the listener only after the peer returned a valid cookie. BouncyCastle's
/// blocking handshake and record layer run on a <see cref="DtlsAssociationThread"/>, which the listener feeds and
/// starts; what it produces comes back as messages. Each SNMP message the association decrypts goes to a child
/// session (made by the <see cref="SessionFactory"/>) that knows the peer's securityName (TSM), and its Responses go
/// back through the association. A session that fails is stopped, not restarted, and what was still queued for it is
/// counted (<see cref="DropReason.SessionFailed"/>), as for UDP.
/// </summary>
internal sealed class DtlsAssociationActor : ReceiveActor, IWithTimers
{
    private readonly DtlsServices _services;
    private readonly DtlsServerContext _server;
    private readonly PeerKey _peer;
    private readonly IPEndPoint _peerEndPoint;
    private readonly IPEndPoint _local;
    private readonly DtlsAssociationThread _thread;
    private readonly DatagramLease _lease;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private DtlsTransport? _dtls;
    private IActorRef? _session;
    private long _lastActivity = Environment.TickCount64;
    private string? _closeRequested;
    private bool _established;
    private bool _ended;

    private sealed record CheckIdle
    {
        public static readonly CheckIdle Instance = new();
    }

    public DtlsAssociationActor(DtlsServices dtls, DtlsServerContext server, PeerKey peer, DtlsAssociationThread thread)
    {
        _services = dtls;
        _server = server;
        _peer = peer;
        _peerEndPoint = thread.Peer;
        _local = thread.Local;
        _thread = thread;
        _lease = thread.SessionLease;

        Receive<DtlsAssociationThread.HandshakeCompleted>(HandleHandshakeCompleted);
        Receive<DtlsAssociationThread.HandshakeFailed>(HandleHandshakeFailed);
        Receive<DtlsAssociationThread.PlaintextReceived>(HandlePlaintext);
        Receive<SendDatagram>(HandleSend);
        Receive<SessionWorkFinished>(msg => Context.Parent.Tell(msg));   // the listener may evict this association again
        Receive<CheckIdle>(_ => HandleCheckIdle());
        Receive<CloseAssociation>(msg => RequestClose(msg.Reason));
        Receive<DtlsAssociationThread.AssociationEnded>(HandleEnded);
        Receive<Terminated>(t => t.ActorRef.Equals(_session), _ => HandleSessionStopped());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(DtlsServices dtls, DtlsServerContext server, PeerKey peer, DtlsAssociationThread thread) =>
        Akka.Actor.Props.Create(() => new DtlsAssociationActor(dtls, server, peer, thread));

    /// <summary>Sessions are cheap: a failing one is stopped, never restarted (its queue is counted when it terminates).</summary>
    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;

    protected override void PreStart()
    {
        _services.Counters.HandshakeStarted();
        PublishLimited(new DtlsStatus(_peerEndPoint, "handshake started (cookie verified)"));
        Timers.StartPeriodicTimer(nameof(CheckIdle), CheckIdle.Instance, TimeSpan.FromTicks(Math.Max(_server.Settings.IdleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks)));
    }

    protected override void PostStop()
    {
        // Records the thread told and this actor never handled went to dead letters: counted, as is any it decrypts from now on.
        var lost = _thread.ActorStopped();
        if (lost > 0)
        {
            var counters = _services.Listener.Diagnostics.Counters;
            for (var i = 0; i < lost; i++)
                counters.Received();
            counters.Dropped(DropReason.SessionFailed, lost);
        }
        _thread.RequestClose(_closeRequested ?? "stopped");
        _thread.Transport.Close();
        if (!_ended)
            _services.Counters.Ended(_established);
    }

    private string HandshakeError(Exception e) => e switch
    {
        TlsTimeoutException => $"handshake not finished within {_server.Settings.HandshakeTimeout}",
        TlsFatalAlertReceived received => $"the peer sent a fatal alert: {AlertDescription.GetText(received.AlertDescription)}",
        TlsFatalAlert alert => $"{AlertDescription.GetText(alert.AlertDescription)}: {alert.Message}",
        DatagramTransportClosedException => "closed during the handshake",
        _ => e.Message,
    };

    private void HandleHandshakeCompleted(DtlsAssociationThread.HandshakeCompleted msg)
    {
        _dtls = msg.Transport;
        _established = true;
        _services.Counters.Established();
        Context.Parent.Tell(new AssociationHandshakeDone(_peer));
        var (leaf, securityName) = _thread.Tls.Client!.Value;
        _session = Context.ActorOf(_services.Listener.Sessions(new SessionSpec(_peer, _local, "dtls", Self, securityName, _dtls.GetSendLimit(), _lease)), "session");
        Context.Watch(_session);
        Publish(new DtlsClientAuthenticated(_peerEndPoint, leaf.Subject, leaf.Issuer, Convert.ToHexStringLower(leaf.Fingerprint(FingerprintHash.Sha256)), securityName));
        Publish(new DtlsAssociationEstablished(_peerEndPoint, securityName));
        _log.Debug("DTLS association with {0} established: {1}", _peerEndPoint, Configuration.HoconWriter.Escape(securityName));
    }

    private void HandleHandshakeFailed(DtlsAssociationThread.HandshakeFailed msg)
    {
        var e = msg.Error;
        _ended = true;
        if (_thread.AbandonedBecause is { } abandoned && _thread.Tls.Refusal is null)
        {
            // Displaced by a newer handshake (counted by the listener, in HandshakesEvicted): not a refusal.
            PublishLimited(new DtlsStatus(_peerEndPoint, $"handshake abandoned: {abandoned}"));
            _services.Counters.Ended(wasEstablished: false);
            Context.Stop(Self);
            return;
        }
        var (refusal, detail) = _thread.Tls.Refusal ?? (e is TlsTimeoutException ? DtlsRefusal.HandshakeTimeout : DtlsRefusal.HandshakeFailed, HandshakeError(e));
        _services.Counters.Refused(refusal);
        PublishLimited(new DtlsAssociationRefused(_peerEndPoint, refusal, detail));
        PublishLimited(new DtlsStatus(_peerEndPoint, $"handshake failed ({refusal}): {detail}"));
        _services.Counters.Ended(wasEstablished: false);
        if (_log.IsDebugEnabled && _services.Listener.Diagnostics.LogLines.TryTake())
            _log.Debug("DTLS handshake with {0} refused: {1} {2}", _peerEndPoint, refusal, detail);
        Context.Stop(Self);
    }

    /// <summary>Always after <see cref="DtlsAssociationThread.HandshakeCompleted"/> (one thread tells both), so the session exists.</summary>
    private void HandlePlaintext(DtlsAssociationThread.PlaintextReceived msg)
    {
        // Leased before it counts as handled: the listener, reading the other way round, never sees the message in neither.
        var datagram = new InboundDatagram(msg.Data, _peerEndPoint, _local, _services.Listener.TimeProvider.GetUtcNow()).LeasedTo(_lease);
        _thread.Handled();
        _lastActivity = Environment.TickCount64;
        _services.Listener.Diagnostics.Counters.Received();
        _session!.Tell(datagram);
    }

    /// <summary>A Response from the session: over the association, if it fits one record.</summary>
    private void HandleSend(SendDatagram msg)
    {
        if (_dtls is null || _closeRequested is not null)
            return;
        if (msg.Data.Length > _dtls.GetSendLimit())
        {
            // Responses fit (the session's limit is the record's); only a Report could be larger. Never a log flood.
            if (_services.Listener.Diagnostics.LogLines.TryTake())
                _log.Warning("Message of {0} bytes to {1} exceeds the DTLS record limit of {2}: not sent", msg.Data.Length, _peerEndPoint, _dtls.GetSendLimit());
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
        var last = Math.Max(_lastActivity, _thread.Transport.LastOfferedAt);
        if (Environment.TickCount64 - last >= (long)_server.Settings.IdleTimeout.TotalMilliseconds)
            RequestClose($"idle for {_server.Settings.IdleTimeout}");
    }

    /// <summary>The thread sees the request within a quarter second, reads what already arrived, sends close_notify and reports the end.</summary>
    private void RequestClose(string reason)
    {
        _closeRequested ??= reason;
        _thread.RequestClose(reason);
    }

    /// <summary>The association is over: the session handles what it holds, then both stop.</summary>
    private void HandleEnded(DtlsAssociationThread.AssociationEnded msg)
    {
        _ended = true;
        _services.Counters.Ended(_established);
        Publish(new DtlsAssociationClosed(_peerEndPoint, msg.Reason));
        PublishLimited(new DtlsStatus(_peerEndPoint, $"association closed: {msg.Reason}"));
        if (_session is null)
            Context.Stop(Self);
        else
            _session.Tell(PoisonPill.Instance);
    }

    /// <summary>After a PoisonPill the session handled everything; a failed one leaves what was queued for it, counted here.</summary>
    private void HandleSessionStopped()
    {
        var unhandled = _lease.ReleaseRemaining();
        if (unhandled > 0)
            _services.Listener.Diagnostics.Counters.Dropped(DropReason.SessionFailed, unhandled);
        Context.Stop(Self);
    }

    private void Publish(object dtlsEvent) => _services.Listener.Diagnostics.Publish(dtlsEvent);

    /// <summary>
    /// Events any peer that passes the cookie exchange can cause, once per handshake: through events.max-per-second,
    /// the rest counted in <see cref="TrapReceiverStats.EventsSuppressed"/> (decision 0029).
    /// </summary>
    private void PublishLimited(object dtlsEvent)
    {
        if (_services.Listener.Diagnostics.Events.TryTake())
            Publish(dtlsEvent);
    }
}
