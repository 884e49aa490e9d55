using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using TrapActors.Transport;

namespace TrapActors.Listener;

/// <summary>
/// Reads datagrams on a dedicated thread and tells each to the listener as an owned copy. While
/// paused, while listener.max-in-flight datagrams are still being handled, or while the ingress throttle is closed
/// (a back-pressure subscriber catches up), it stops reading, so datagrams wait in the socket's receive buffer.
/// </summary>
internal sealed class UdpReceiveLoop : IDisposable
{
    /// <summary>Large enough for any UDP payload, so no datagram is ever truncated.</summary>
    private const int BufferSize = 65536;

    private readonly Socket _socket;
    private readonly IActorRef _listener;
    private readonly TimeProvider _time;
    private readonly ManualResetEventSlim _accepting;
    private readonly InFlightGate _inFlight;
    private readonly IngressThrottle _throttle;
    private readonly IPEndPoint _local;
    private readonly Thread _thread;
    private volatile bool _closed;

    /// <summary>One delegate for the loop's whole life: a lambda per datagram would allocate 64 bytes each time.</summary>
    private readonly Func<bool> _isClosed;

    public UdpReceiveLoop(Socket socket, IActorRef listener, TimeProvider time, InFlightGate inFlight, IngressThrottle throttle, bool accepting, string name)
    {
        _inFlight = inFlight;
        _throttle = throttle;
        _local = (IPEndPoint)socket.LocalEndPoint!;
        _isClosed = () => _closed;
        _socket = socket;
        _listener = listener;
        _time = time;
        _accepting = new ManualResetEventSlim(accepting);
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    public void Start() => _thread.Start();

    public void SetAccepting(bool accepting)
    {
        if (accepting)
            _accepting.Set();
        else
            _accepting.Reset();
    }

    private void Run()
    {
        var buffer = new byte[BufferSize];
        var address = new SocketAddress(_socket.AddressFamily);
        var sources = new SourceCache(_socket.AddressFamily);
        while (!_closed)
        {
            try
            {
                _accepting.Wait();
                _inFlight.WaitForRoom(_isClosed);
                _throttle.WaitWhileClosed(_isClosed);
                var length = _socket.ReceiveFrom(buffer, SocketFlags.None, address);
                var data = buffer.AsSpan(0, length).ToArray();
                var receivedAt = _time.GetUtcNow();
                _accepting.Wait();
                if (_closed)
                    return;
                _inFlight.Enter();
                _listener.Tell(new InboundDatagram(data, sources.Get(address), _local, receivedAt), ActorRefs.NoSender);
            }
            catch (SocketException e) when (!_closed && e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // ICMP errors reported on the socket and oversize datagrams concern one peer, not the listener.
            }
            catch (Exception e) when (_closed && e is SocketException or ObjectDisposedException)
            {
                return;
            }
            catch (Exception e)
            {
                _listener.Tell(new ReceiveLoopFailed(e), ActorRefs.NoSender);
                return;
            }
        }
    }

    /// <summary>
    /// Source endpoints by raw socket address, so that a busy peer costs no IPEndPoint per datagram. Dual-stack
    /// sockets report IPv4 peers as ::ffff:a.b.c.d; the cached endpoint is already folded to IPv4. Bounded: cleared when full.
    /// </summary>
    private sealed class SourceCache(AddressFamily family)
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

    public void Dispose()
    {
        _closed = true;
        _socket.Dispose();
        _accepting.Set();
        if (_thread.IsAlive && Thread.CurrentThread != _thread)
            _thread.Join(TimeSpan.FromSeconds(5));
        _accepting.Dispose();
    }
}
