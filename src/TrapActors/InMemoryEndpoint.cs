using System.Net;
using System.Threading.Channels;
using TrapActors.Listener;

namespace TrapActors;

/// <summary>
/// An endpoint without a socket, for tests: a receiver given it in <see cref="TrapReceiverSetup.InMemoryEndpoints"/>
/// listens on it (and on nothing else: no socket is bound), reports it as bound like a UDP endpoint, and handles what
/// <see cref="Inject"/> hands it exactly like a datagram read from a UDP socket (sessions, security, subscribers).
/// What the receiver sends back (Responses to informs, Reports) is read with <see cref="ReceiveAsync"/> or
/// <see cref="Sent"/>. Datagrams injected while no receiver listens on it (before activation, after
/// <see cref="Deactivate"/>, while data is paused with <see cref="SetAcceptData"/>) are held and delivered once one does.
/// Thread-safe; one receiver at a time.
/// </summary>
/// <param name="localEndPoint">The local address the endpoint stands for (default 127.0.0.1:162): the default destination of injected datagrams and the source of what is sent back.</param>
public sealed class InMemoryEndpoint(IPEndPoint? localEndPoint = null)
{
    private readonly Lock _lock = new();
    private readonly Queue<(byte[] Data, IPEndPoint Source, IPEndPoint Destination)> _held = new();
    private readonly Channel<SentDatagram> _sent = Channel.CreateUnbounded<SentDatagram>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private InMemorySocket? _listener;

    /// <summary>The local address and port the endpoint stands for.</summary>
    public IPEndPoint LocalEndPoint { get; } = localEndPoint ?? new IPEndPoint(IPAddress.Loopback, 162);

    /// <summary>True while a receiver listens on the endpoint.</summary>
    public bool IsListening
    {
        get
        {
            lock (_lock)
                return _listener is not null;
        }
    }

    /// <summary>Datagrams injected and not yet handed to a receiver (none listens, or data is paused).</summary>
    public int Held
    {
        get
        {
            lock (_lock)
                return _held.Count;
        }
    }

    /// <summary>What the receiver sent from this endpoint, in order (unbounded: read it, or let the endpoint go with the test).</summary>
    public ChannelReader<SentDatagram> Sent => _sent.Reader;

    /// <summary>
    /// Hands the receiver a datagram as if it had arrived from <paramref name="source"/> at <paramref name="destination"/>
    /// (default <see cref="LocalEndPoint"/>; any address, e.g. to test a receiver on a wildcard address). The bytes are
    /// copied; anything is accepted, malformed bytes included. Never blocks.
    /// </summary>
    public void Inject(ReadOnlySpan<byte> datagram, IPEndPoint source, IPEndPoint? destination = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var data = datagram.ToArray();
        var to = destination ?? LocalEndPoint;
        lock (_lock)
        {
            if (_listener is { Accepting: true } listener && _held.Count == 0)
                listener.Deliver(data, source, to);
            else
                _held.Enqueue((data, source, to));
        }
    }

    /// <summary>The next datagram the receiver sends; throws <see cref="TimeoutException"/> when none comes within <paramref name="timeout"/>.</summary>
    public async Task<SentDatagram> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await _sent.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the receiver sent nothing from {this} within {timeout}");
        }
    }

    /// <summary>"memory:" and the local endpoint.</summary>
    public override string ToString() => $"memory:{LocalEndPoint}";

    internal void Attach(InMemorySocket listener)
    {
        lock (_lock)
        {
            if (_listener is not null)
                throw new InvalidOperationException($"another receiver already listens on {this}");
            _listener = listener;
            DeliverHeld();
        }
    }

    internal void Detach(InMemorySocket listener)
    {
        lock (_lock)
        {
            if (_listener == listener)
                _listener = null;
        }
    }

    internal void SetAccepting(InMemorySocket listener, bool accepting)
    {
        lock (_lock)
        {
            listener.SetAcceptingLocked(accepting);
            if (_listener == listener)
                DeliverHeld();
        }
    }

    internal void Record(SentDatagram datagram) => _sent.Writer.TryWrite(datagram);

    private void DeliverHeld()
    {
        if (_listener is not { Accepting: true } listener)
            return;
        while (_held.TryDequeue(out var held))
            listener.Deliver(held.Data, held.Source, held.Destination);
    }
}

/// <summary>A datagram a receiver sent from an <see cref="InMemoryEndpoint"/>.</summary>
/// <param name="Data">The bytes (a Response or a Report, SNMP-encoded).</param>
/// <param name="Target">Where it was sent: the source of the datagram it answers.</param>
/// <param name="From">The local address it was sent from: the destination of the datagram it answers.</param>
public sealed record SentDatagram(byte[] Data, IPEndPoint Target, IPEndPoint From);
