using System.Net;
using Akka.Actor;
using Org.BouncyCastle.Tls;
using TrapActors.Transport;

namespace TrapActors.Dtls;

/// <summary>
/// The thread of one association (decision 0015): BouncyCastle's blocking handshake, then reading records until the
/// association ends. The listener feeds its <see cref="Transport"/> with the peer's datagrams and starts it as soon as
/// it created the association actor, so neither the handshake nor a datagram waits for an actor to be scheduled: net-snmp's
/// one-shot tools give the whole handshake six 50 ms reads (decision 0018). What the thread produces goes to the
/// association actor as messages. Every record it decrypts is either told to the actor and handled there, or, once the
/// actor has stopped, counted as received and dropped (<see cref="DropReason.SessionFailed"/>).
/// </summary>
internal sealed class DtlsAssociationThread
{
    /// <summary>How long a read waits before the thread looks at a close request.</summary>
    private const int ReadMillis = 250;

    private readonly DtlsServices _services;
    private readonly DtlsRequest _request;
    private readonly object _handoff = new();
    private readonly InFlightGate _handedOn = new(int.MaxValue);   // counts only: the transport's queue is the bound
    private volatile string? _closeRequested;
    private volatile string? _abandoned;
    private volatile bool _established;
    private bool _actorStopped;
    private long _toldNotHandled;

    /// <summary>
    /// <c>local</c> is the local endpoint the peer's ClientHello arrived on: <c>send</c> sends every datagram to the
    /// peer from it.
    /// </summary>
    public DtlsAssociationThread(DtlsServices services, DtlsServerContext server, IPEndPoint peer, IPEndPoint local, DtlsRequest request,
        Action<byte[], IPEndPoint, IPEndPoint> send)
    {
        _services = services;
        _request = request;
        Peer = peer;
        Local = local;
        Transport = new ChannelDatagramTransport(server.Settings.MaxSendSize, bytes => send(bytes, peer, local));
        Tls = new TrapDtlsServer(server, peer);
        SessionLease = new DatagramLease(_handedOn);
    }

    public IPEndPoint Peer { get; }

    /// <summary>The association's local endpoint: where the peer sends, and where the receiver answers from.</summary>
    public IPEndPoint Local { get; }

    /// <summary>The peer's datagrams, offered by the listener.</summary>
    public ChannelDatagramTransport Transport { get; }

    /// <summary>The handshake's outcome: the refusal, or the client's certificate and securityName.</summary>
    public TrapDtlsServer Tls { get; }

    /// <summary>The lease the association hands decrypted messages to its session with; the session marks on it the work it holds.</summary>
    public DatagramLease SessionLease { get; }

    /// <summary>
    /// For the listener, which evicts only an idle association (decision 0019): one that is established and not
    /// closing, has no datagram queued and no decrypted message unhandled, and whose session holds no work.
    /// </summary>
    public SessionActivity Activity
    {
        get
        {
            if (!_established || _closeRequested is not null || Transport.Queued > 0)
                return SessionActivity.Working;
            lock (_handoff)
            {
                if (_toldNotHandled > 0)
                    return SessionActivity.Working;
            }
            return SessionLease.Activity;   // read after the lock: the actor takes the lease before it counts a message handled
        }
    }

    public sealed record HandshakeCompleted(DtlsTransport Transport);
    public sealed record HandshakeFailed(Exception Error);
    public sealed record PlaintextReceived(byte[] Data);
    public sealed record AssociationEnded(string Reason);

    public void Start(IActorRef association) =>
        new Thread(() => Run(association)) { IsBackground = true, Name = $"trap-actors-dtls-{Peer}" }.Start();

    /// <summary>The thread sends close_notify within <see cref="ReadMillis"/>, after reading what the peer had sent until then.</summary>
    public void RequestClose(string reason) => _closeRequested ??= reason;

    /// <summary>Why the listener abandoned the handshake (<see cref="AbandonHandshake"/>), if it did.</summary>
    public string? AbandonedBecause => _abandoned;

    /// <summary>
    /// From the listener, for a handshake displaced at dtls.max-handshakes(-per-address): closing the transport ends
    /// BouncyCastle's handshake at once (it fails as closed, <see cref="AbandonedBecause"/> tells why) instead of after
    /// dtls.handshake-timeout.
    /// </summary>
    public void AbandonHandshake(string reason)
    {
        _abandoned ??= reason;
        RequestClose(reason);
        Transport.Close();
    }

    /// <summary>By the actor, for each <see cref="PlaintextReceived"/> it handles.</summary>
    public void Handled()
    {
        lock (_handoff)
            _toldNotHandled--;
    }

    /// <summary>
    /// By the actor's PostStop: from now on the thread counts what it decrypts instead of telling it. Returns how many
    /// records were told and never handled (they went to dead letters).
    /// </summary>
    public long ActorStopped()
    {
        lock (_handoff)
        {
            _actorStopped = true;
            var lost = _toldNotHandled;
            _toldNotHandled = 0;
            _handedOn.Dispose();   // the session stopped before its parent: nothing is released any more
            return lost;
        }
    }

    private void Run(IActorRef association)
    {
        DtlsTransport dtls;
        try
        {
            dtls = new DtlsServerProtocol().Accept(Tls, Transport, _request);
        }
        catch (Exception e)
        {
            association.Tell(new HandshakeFailed(e));
            return;
        }
        Transport.StopPacking();
        _established = true;
        association.Tell(new HandshakeCompleted(dtls));

        var buffer = new byte[dtls.GetReceiveLimit()];
        string reason;
        try
        {
            while (_closeRequested is null)
                Forward(association, buffer, dtls.Receive(buffer, 0, buffer.Length, ReadMillis));
            ReadWhatArrived(association, dtls, buffer);
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
        association.Tell(new AssociationEnded(reason));
    }

    /// <summary>
    /// Closing from this side (idle, shutdown): the records already queued, and those left in a datagram already read,
    /// are decrypted and handed on before close_notify. What arrives after it is refused by the closed transport and
    /// counted by the listener (<see cref="DtlsStats.DatagramsDropped"/>).
    /// </summary>
    private void ReadWhatArrived(IActorRef association, DtlsTransport dtls, byte[] buffer)
    {
        for (var datagrams = Transport.Queued; ; datagrams--)
        {
            int length;
            while ((length = dtls.ReceivePending(buffer, 0, buffer.Length)) >= 0)
                Forward(association, buffer, length);
            if (datagrams <= 0 || Transport.Queued == 0)
                return;
            Forward(association, buffer, dtls.Receive(buffer, 0, buffer.Length, 1));
        }
    }

    private void Forward(IActorRef association, byte[] buffer, int length)
    {
        if (length <= 0)
            return;
        var data = buffer.AsSpan(0, length).ToArray();
        lock (_handoff)
        {
            if (!_actorStopped)
            {
                _toldNotHandled++;
                association.Tell(new PlaintextReceived(data));
                return;
            }
        }
        var counters = _services.Listener.Diagnostics.Counters;
        counters.Received();
        counters.Dropped(DropReason.SessionFailed);
    }
}
