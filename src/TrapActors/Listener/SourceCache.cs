using System.Net;
using System.Net.Sockets;

namespace TrapActors.Listener;

/// <summary>
/// Source endpoints by raw socket address, so that a busy peer costs no IPEndPoint per datagram. Dual-stack
/// sockets report IPv4 peers as ::ffff:a.b.c.d; the cached endpoint is already folded to IPv4. Bounded: cleared when
/// full. Used by the receive thread only.
/// </summary>
internal sealed class SourceCache(AddressFamily family)
{
    private const int Capacity = 4096;
    private readonly Dictionary<SocketAddress, IPEndPoint> _endpoints = [];
    private readonly IPEndPoint _template = new(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);

    public IPEndPoint Get(SocketAddress address)
    {
        if (_endpoints.TryGetValue(address, out var cached))
            return cached;
        if (_endpoints.Count >= Capacity)
            _endpoints.Clear();
        var endpoint = (IPEndPoint)_template.Create(address);
        if (endpoint.Address.IsIPv4MappedToIPv6)
            endpoint = new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port);
        var key = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(key.Buffer.Span);
        _endpoints[key] = endpoint;
        return endpoint;
    }
}

/// <summary>
/// The local endpoint of each destination address a wildcard-bound socket received on (its bound port), so that a
/// datagram costs no IPEndPoint. A host has few addresses; bounded anyway (cleared when full). Receive thread only.
/// </summary>
internal sealed class DestinationCache(IPEndPoint bound)
{
    private const int Capacity = 256;
    private readonly Dictionary<PacketDestination, IPEndPoint> _endpoints = [];

    /// <summary>The endpoint of <paramref name="destination"/>; the bound (wildcard) endpoint when the kernel reported none.</summary>
    public IPEndPoint Get(in PacketDestination destination)
    {
        if (!destination.IsKnown)
            return bound;
        if (_endpoints.TryGetValue(destination, out var cached))
            return cached;
        if (_endpoints.Count >= Capacity)
            _endpoints.Clear();
        return _endpoints[destination] = new IPEndPoint(destination.ToAddress(), bound.Port);
    }
}
