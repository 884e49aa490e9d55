using System.Net;
using Akka.Actor;
using Akka.Event;
using TrapActors.Transport;

namespace TrapActors.Listener;

/// <summary>
/// A listener's side of an <see cref="InMemoryEndpoint"/>: no socket; the datagrams the application injects are told
/// to the listener as if read from a socket, and what the listener sends is handed to the endpoint. Injection never
/// blocks the injecting thread: datagrams count as in flight but do not wait for listener.max-in-flight or the
/// subscribers' back-pressure (decision 0034).
/// </summary>
internal sealed class InMemorySocket : IListenerSocket
{
    private readonly ListenerServices _services;
    private readonly InMemoryEndpoint _endpoint;
    private readonly IActorRef _owner;
    private readonly ILoggingAdapter _log;
    private readonly InFlightGate _inFlight;
    private bool _unbound;

    private InMemorySocket(ListenerServices services, InMemoryEndpoint endpoint, IActorRef owner, ILoggingAdapter log, InFlightGate inFlight, bool accepting)
    {
        _services = services;
        _endpoint = endpoint;
        _owner = owner;
        _log = log;
        _inFlight = inFlight;
        Accepting = accepting;
        Bound = new BoundEndpoint(endpoint.ToString(), "udp", endpoint.LocalEndPoint);
    }

    public BoundEndpoint Bound { get; }

    /// <summary>Read and written under the endpoint's lock.</summary>
    internal bool Accepting { get; private set; }

    /// <summary>Attaches to <paramref name="endpoint"/>; tells the parent <c>ListenerBound</c>. Throws <see cref="InvalidOperationException"/> when another receiver listens on it.</summary>
    public static InMemorySocket Open(ListenerServices services, InMemoryEndpoint endpoint, IActorContext owner, ILoggingAdapter log, InFlightGate inFlight, bool accepting)
    {
        var socket = new InMemorySocket(services, endpoint, owner.Self, log, inFlight, accepting);
        endpoint.Attach(socket);
        services.Diagnostics.Counters.AddInFlight(owner.Self, () => inFlight.Current);
        log.Info("Listening on {0} (no socket)", endpoint);
        services.Diagnostics.Publish(new TrapListenerBound(socket.Bound));
        owner.Parent.Tell(new ListenerBound(socket.Bound));
        return socket;
    }

    /// <summary>Under the endpoint's lock, so that <see cref="Unbind"/> returns only after every delivery it let through.</summary>
    internal void Deliver(byte[] data, IPEndPoint source, IPEndPoint destination)
    {
        _inFlight.Enter();
        _owner.Tell(new InboundDatagram(data, source, destination, _services.TimeProvider.GetUtcNow()), ActorRefs.NoSender);
    }

    public void Send(byte[] data, IPEndPoint target, IPEndPoint? from) =>
        _endpoint.Record(new SentDatagram(data, target, from ?? _endpoint.LocalEndPoint));

    public void SetAccepting(bool accepting) => _endpoint.SetAccepting(this, accepting);

    internal void SetAcceptingLocked(bool accepting) => Accepting = accepting;

    public void Unbind()
    {
        if (_unbound)
            return;
        _unbound = true;
        _endpoint.Detach(this);
    }

    public void Dispose()
    {
        Unbind();
        _services.Diagnostics.Counters.RemoveInFlight(_owner);
        _log.Info("Stopped listening on {0}", _endpoint);
        _services.Diagnostics.Publish(new TrapListenerUnbound(Bound));
    }
}
