using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;

namespace TrapActors.Listener;

/// <summary>
/// What the UDP and the DTLS listener share: the bound socket, its receive thread, its counters (kernel drops,
/// datagrams in flight) and the bound/unbound events. The owning actor is told every datagram as <c>DatagramReceived</c>.
/// </summary>
internal sealed class ListenerSocket : IDisposable
{
    private readonly ReceiverContext _ctx;
    private readonly IActorRef _owner;
    private readonly ILoggingAdapter _log;
    private readonly UdpReceiveLoop _loop;
    private bool _unbound;

    private ListenerSocket(ReceiverContext ctx, IActorRef owner, ILoggingAdapter log, Socket socket, BoundEndpoint bound, UdpReceiveLoop loop)
    {
        _ctx = ctx;
        _owner = owner;
        _log = log;
        Socket = socket;
        Bound = bound;
        _loop = loop;
    }

    public Socket Socket { get; }

    public BoundEndpoint Bound { get; }

    /// <summary>Binds <paramref name="endpoint"/> and starts reading; tells the parent <c>ListenerBound</c>. Throws <see cref="SocketException"/>.</summary>
    public static ListenerSocket Open(ReceiverContext ctx, ListenEndpoint endpoint, IActorContext owner, ILoggingAdapter log, InFlightGate inFlight, bool accepting)
    {
        var socket = UdpSocketFactory.Bind(endpoint, ctx.Settings.Listener);
        var local = (IPEndPoint)socket.LocalEndPoint!;
        ctx.Counters.AddSocket(owner.Self, new SocketDropCounter(socket).Read);
        ctx.Counters.AddInFlight(owner.Self, () => inFlight.Current);
        var bound = new BoundEndpoint(endpoint.ToString(), endpoint.Transport, local);
        var loop = new UdpReceiveLoop(socket, owner.Self, ctx.TimeProvider, inFlight, ctx.Subscriptions, accepting, $"trap-actors-{endpoint.Transport}-{local.Port}");
        loop.Start();
        log.Info("Listening on {0} {1}", endpoint.Transport, local);
        ctx.EventStream.Publish(new TrapListenerBound(bound));
        owner.Parent.Tell(new ListenerBound(bound));
        return new ListenerSocket(ctx, owner.Self, log, socket, bound, loop);
    }

    /// <summary>The endpoint could not be opened: published, reported to the parent (for <c>BoundEndpoints.Failures</c>), and the owner stops.</summary>
    public static void ReportFailure(ReceiverContext ctx, ListenEndpoint endpoint, IActorContext owner, ILoggingAdapter log, int errorCode, string reason)
    {
        var failure = new TrapListenerBindFailed(endpoint.ToString(), errorCode, reason);
        log.Info(failure.Reason);   // the caller gets it in BoundEndpoints and on the EventStream
        ctx.EventStream.Publish(failure);
        owner.Parent.Tell(new ListenerBindFailed(failure));
        owner.Stop(owner.Self);
    }

    public void SetAccepting(bool accepting) => _loop.SetAccepting(accepting);

    /// <summary>
    /// Reads the kernel's drop count while the socket still exists, then closes it and joins the receive thread, so
    /// every datagram it read is already in the owner's mailbox.
    /// </summary>
    public void Unbind()
    {
        if (_unbound)
            return;
        _unbound = true;
        _ctx.Counters.RemoveSocket(_owner);
        _loop.Dispose();
    }

    public void Dispose()
    {
        Unbind();
        _ctx.Counters.RemoveInFlight(_owner);
        _log.Info("Stopped listening on {0} {1}", Bound.Transport, Bound.LocalEndPoint);
        _ctx.EventStream.Publish(new TrapListenerUnbound(Bound));
    }
}
