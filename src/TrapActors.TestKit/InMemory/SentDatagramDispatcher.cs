using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace TrapActors.TestKit;

/// <summary>
/// Sorts what a receiver sends from one <see cref="InMemoryEndpoint"/> by target, so that several
/// <see cref="InMemoryOriginatorTransport"/>s on the same endpoint each read only the answers to their own source.
/// The endpoint's <see cref="InMemoryEndpoint.Sent"/> channel has one stream of datagrams: once a transport exists for
/// an endpoint, this dispatcher is its only reader (a test must not read the endpoint itself as well). Datagrams for a
/// target no transport has asked for yet are kept for it.
/// </summary>
internal sealed class SentDatagramDispatcher
{
    private static readonly ConditionalWeakTable<InMemoryEndpoint, SentDatagramDispatcher> Dispatchers = new();

    private readonly ConcurrentDictionary<IPEndPoint, Channel<byte[]>> _byTarget = new();

    private SentDatagramDispatcher(InMemoryEndpoint endpoint) => _ = PumpAsync(endpoint.Sent);

    /// <summary>The dispatcher of <paramref name="endpoint"/>, started on first use.</summary>
    public static SentDatagramDispatcher For(InMemoryEndpoint endpoint) => Dispatchers.GetValue(endpoint, e => new SentDatagramDispatcher(e));

    /// <summary>What the receiver sent to <paramref name="target"/>, in order.</summary>
    public ChannelReader<byte[]> To(IPEndPoint target) => ChannelFor(target).Reader;

    private Channel<byte[]> ChannelFor(IPEndPoint target) =>
        _byTarget.GetOrAdd(Normalise(target), _ => Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleWriter = true }));

    // The receiver may answer an IPv4 source as an IPv4-mapped IPv6 address; both name the same originator.
    private static IPEndPoint Normalise(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    private async Task PumpAsync(ChannelReader<SentDatagram> sent)
    {
        await foreach (var datagram in sent.ReadAllAsync().ConfigureAwait(false))
            ChannelFor(datagram.Target).Writer.TryWrite(datagram.Data);
    }
}
