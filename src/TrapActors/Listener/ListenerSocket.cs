using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using TrapActors.Transport;

namespace TrapActors.Listener;

/// <summary>
/// One bound socket with its receive thread, its counters (kernel drops, datagrams in flight) and the bound/unbound
/// events. The owning listener is told every datagram as an <see cref="InboundDatagram"/>.
/// </summary>
internal sealed class ListenerSocket : IListenerSocket
{
    private readonly ListenerServices _services;
    private readonly IActorRef _owner;
    private readonly ILoggingAdapter _log;
    private readonly UdpReceiveLoop _loop;
    private readonly bool _wildcard;
    private bool _unbound;

    private ListenerSocket(ListenerServices services, IActorRef owner, ILoggingAdapter log, Socket socket, BoundEndpoint bound, UdpReceiveLoop loop)
    {
        _services = services;
        _owner = owner;
        _log = log;
        Socket = socket;
        Bound = bound;
        _loop = loop;
        _wildcard = DatagramReader.IsWildcard(bound.LocalEndPoint.Address);
    }

    public Socket Socket { get; }

    public BoundEndpoint Bound { get; }

    /// <summary>Binds <paramref name="endpoint"/> and starts reading; tells the parent <c>ListenerBound</c>. Throws <see cref="SocketException"/>.</summary>
    public static ListenerSocket Open(ListenerServices services, ListenEndpoint endpoint, IActorContext owner, ILoggingAdapter log, InFlightGate inFlight, bool accepting)
    {
        var socket = UdpSocketFactory.Bind(endpoint, services.Settings.Listener);
        var local = (IPEndPoint)socket.LocalEndPoint!;
        var counters = services.Diagnostics.Counters;
        counters.AddSocket(owner.Self, new SocketDropCounter(socket).Read);
        counters.AddInFlight(owner.Self, () => inFlight.Current);
        var bound = new BoundEndpoint(endpoint.ToString(), endpoint.Transport, local) { ReceiveBufferSize = UdpSocketFactory.GrantedReceiveBufferSize(socket) };
        var loop = new UdpReceiveLoop(socket, owner.Self, services.TimeProvider, inFlight, services.Throttle, accepting, $"trap-actors-{endpoint.Transport}-{local.Port}");
        loop.Start();
        log.Info("Listening on {0} {1}", endpoint.Transport, local);
        services.Diagnostics.Publish(new TrapListenerBound(bound));
        owner.Parent.Tell(new ListenerBound(bound));
        return new ListenerSocket(services, owner.Self, log, socket, bound, loop);
    }

    public void SetAccepting(bool accepting) => _loop.SetAccepting(accepting);

    /// <summary>
    /// Sends <paramref name="data"/> to <paramref name="target"/>. A socket bound to a wildcard address sends from
    /// <paramref name="from"/> (the address the peer's datagram arrived on), so that a sender that checks where its
    /// answer comes from (a connected socket, a stateful firewall, a virtual IP) accepts it; on Linux, falling back to
    /// the address the system chooses when that fails. Safe to call from several threads. Throws <see cref="SocketException"/>.
    /// </summary>
    public void Send(byte[] data, IPEndPoint target, IPEndPoint? from)
    {
        if (_wildcard && from is not null && !DatagramReader.IsWildcard(from.Address) && LinuxPacketInfo.TrySend(Socket, data, target, from.Address))
            return;
        Socket.SendTo(data, target);
    }

    /// <summary>
    /// Reads the kernel's drop count while the socket still exists, then closes it and joins the receive thread, so
    /// every datagram it read is already in the owner's mailbox.
    /// </summary>
    public void Unbind()
    {
        if (_unbound)
            return;
        _unbound = true;
        _services.Diagnostics.Counters.RemoveSocket(_owner);
        _loop.Dispose();
    }

    public void Dispose()
    {
        Unbind();
        _services.Diagnostics.Counters.RemoveInFlight(_owner);
        _log.Info("Stopped listening on {0} {1}", Bound.Transport, Bound.LocalEndPoint);
        _services.Diagnostics.Publish(new TrapListenerUnbound(Bound));
    }
}
