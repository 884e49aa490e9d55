using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using TrapActors.Transport;

namespace TrapActors.Listener;

internal sealed record ReceiveLoopFailed(Exception Cause) : INoSerializationVerificationNeeded;

/// <summary>Unbind, let every session finish what it was given, then stop (the guardian's Deactivate).</summary>
internal sealed record StopListening : INoSerializationVerificationNeeded
{
    public static readonly StopListening Instance = new();
}

/// <summary>Told to the guardian once the socket is bound or could not be.</summary>
internal sealed record ListenerBound(BoundEndpoint Endpoint) : INoSerializationVerificationNeeded;

internal sealed record ListenerBindFailed(TrapListenerBindFailed Failure) : INoSerializationVerificationNeeded;

/// <summary>
/// What the UDP and the DTLS listener share: binding the socket (or reporting why it cannot be bound), the in-flight
/// bound, pausing and resuming reads (<see cref="SetAcceptData"/>), unbinding on <see cref="StopListening"/>, and
/// failing (to be rebound by the guardian) when the receive thread fails.
/// </summary>
internal abstract class ListenerActorBase : ReceiveActor
{
    private readonly InMemoryEndpoint? _inMemory;
    private bool _accepting;

    // inMemory: listen on this in-memory endpoint instead of binding endpoint (decision 0034).
    protected ListenerActorBase(ListenerServices services, ListenEndpoint endpoint, bool accepting, InMemoryEndpoint? inMemory = null)
    {
        Services = services;
        Endpoint = endpoint;
        _accepting = accepting;
        _inMemory = inMemory;
        InFlight = new InFlightGate(services.Settings.Listener.MaxInFlight);
        Receive<InboundDatagram>(HandleDatagram);
        Receive<SetAcceptData>(HandleSetAcceptData);
        Receive<StopListening>(_ => HandleStopListening());
        Receive<ReceiveLoopFailed>(msg => throw new SocketException((int)SocketError.SocketError, $"receive loop on {Endpoint} failed: {msg.Cause.Message}"));
    }

    protected ListenerServices Services { get; }

    protected ListenEndpoint Endpoint { get; }

    protected ILoggingAdapter Log { get; } = Context.GetLogger();

    protected InFlightGate InFlight { get; }

    protected IListenerSocket? Socket { get; private set; }

    /// <summary>Unbound and finishing what it holds.</summary>
    protected bool Draining { get; private set; }

    /// <summary>Sessions and associations are cheap and rebuilt by the next datagram: a failing one is stopped, never restarted.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;

    protected override void PreStart()
    {
        if (Prepare() is { } refused)
        {
            ReportBindFailure(refused.ErrorCode, $"cannot listen on {Endpoint}: {refused.Reason}");
            return;
        }
        if (_inMemory is not null)
        {
            OpenInMemory(_inMemory);
            return;
        }
        try
        {
            Socket = ListenerSocket.Open(Services, Endpoint, Context, Log, InFlight, _accepting);
        }
        catch (SocketException e)
        {
            ReportBindFailure(UdpSocketFactory.ErrorCode(e), $"cannot bind {Endpoint}: {e.Message}");
        }
    }

    private void OpenInMemory(InMemoryEndpoint endpoint)
    {
        try
        {
            Socket = InMemorySocket.Open(Services, endpoint, Context, Log, InFlight, _accepting);
        }
        catch (InvalidOperationException e)
        {
            ReportBindFailure(0, $"cannot listen on {endpoint}: {e.Message}");
        }
    }

    protected override void PostStop()
    {
        Socket?.Dispose();
        InFlight.Dispose();
    }

    /// <summary>Before binding: what the transport needs besides the socket; the error code and reason when it cannot be had.</summary>
    protected virtual (int ErrorCode, string Reason)? Prepare() => null;

    protected abstract void HandleDatagram(InboundDatagram datagram);

    /// <summary>The socket is closed and every datagram it read is in the mailbox ahead of what this method sends itself.</summary>
    protected abstract void DrainAfterUnbind();

    private void HandleStopListening()
    {
        if (Draining)
            return;
        Draining = true;
        Socket?.Unbind();
        DrainAfterUnbind();
    }

    /// <summary>Confirmed only once the receive loop has switched, so no datagram sent after the reply slips through.</summary>
    private void HandleSetAcceptData(SetAcceptData msg)
    {
        _accepting = msg.Accept;
        Socket?.SetAccepting(msg.Accept);
        Sender.Tell(new AcceptDataSet(msg.Accept));
    }

    /// <summary>The endpoint cannot be opened: published, reported to the guardian (for <c>BoundEndpoints.Failures</c>), and this listener stops.</summary>
    private void ReportBindFailure(int errorCode, string reason)
    {
        var failure = new TrapListenerBindFailed(Endpoint.ToString(), errorCode, reason);
        Log.Info(failure.Reason);   // the caller gets it in BoundEndpoints and on the EventStream
        Services.Diagnostics.Publish(failure);
        Context.Parent.Tell(new ListenerBindFailed(failure));
        Context.Stop(Self);
    }
}
