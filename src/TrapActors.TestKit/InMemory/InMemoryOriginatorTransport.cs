using System.Net;

namespace TrapActors.TestKit;

/// <summary>
/// An <see cref="IOriginatorTransport"/> without a socket: it injects into an <see cref="InMemoryEndpoint"/> as if the
/// datagrams came from <see cref="Source"/>, and reads back only what the receiver sent to that source. Several
/// transports (with different sources) may share one endpoint; once one exists, the endpoint's answers are sorted by
/// target for them, so the test reads answers through the transports (or the originators), not from the endpoint.
/// </summary>
public sealed class InMemoryOriginatorTransport : IOriginatorTransport
{
    /// <summary>The source address used when none is given: 127.0.0.1:49152.</summary>
    public static readonly IPEndPoint DefaultSource = new(IPAddress.Loopback, 49152);

    private readonly SentDatagramDispatcher _dispatcher;

    /// <summary>A transport into <paramref name="endpoint"/> from <paramref name="source"/> (default <see cref="DefaultSource"/>).</summary>
    public InMemoryOriginatorTransport(InMemoryEndpoint endpoint, IPEndPoint? source = null)
    {
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        Source = source ?? DefaultSource;
        _dispatcher = SentDatagramDispatcher.For(endpoint);
    }

    /// <summary>The endpoint the receiver listens on.</summary>
    public InMemoryEndpoint Endpoint { get; }

    /// <summary>The address the datagrams come from (the notification's <c>Origin.Source</c> at the receiver).</summary>
    public IPEndPoint Source { get; }

    /// <inheritdoc />
    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Endpoint.Inject(datagram.Span, Source);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask<byte[]?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await _dispatcher.To(Source).ReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Nothing to release: the endpoint belongs to the test.</summary>
    public void Dispose()
    {
    }
}
