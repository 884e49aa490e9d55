using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using TrapActors.Dtls;
using TrapActors.Listener;
using TrapActors.Security;
using TrapActors.Subscriptions;

namespace TrapActors;

/// <summary>
/// /system/trap-actors: the receiver's entry point. Owns the subscriptions actor and one listener per
/// configured endpoint; answers activation, delivery control and statistics commands.
/// </summary>
/// <summary>What the guardian uses: the state behind the statistics, and what its listeners are built with.</summary>
internal sealed record GuardianServices(SubscriptionTable Subscriptions, UsmRuntime Usm, DtlsServices Dtls)
{
    /// <summary>The setup's in-memory endpoints; when there are any, the receiver listens on them only (decision 0034).</summary>
    public ImmutableArray<InMemoryEndpoint> InMemoryEndpoints { get; init; } = [];

    /// <summary>Applies <see cref="ReconfigureTrapReceiver"/>; null: the command is refused.</summary>
    public ReceiverReconfiguration? Reconfiguration { get; init; }

    public ListenerServices Listener => Dtls.Listener;

    public TrapReceiverSettings Settings => Listener.Settings;
}

internal sealed class TrapActorsGuardian : ReceiveActor
{
    private readonly GuardianServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<IActorRef, ListenEndpoint> _listeners = [];
    private readonly Dictionary<IActorRef, BoundEndpoint> _bound = [];
    private readonly List<TrapListenerBindFailed> _failures = [];
    private readonly List<IActorRef> _activationWaiters = [];
    private readonly List<IActorRef> _deactivationWaiters = [];
    private IActorRef _subscriptions = ActorRefs.Nobody;
    private IActorRef _usm = ActorRefs.Nobody;
    private bool _accepting;
    private int _awaitingBind;

    public TrapActorsGuardian(GuardianServices services)
    {
        _services = services;
        _accepting = services.Settings.Listener.AcceptData;
        Receive<Subscribe>(msg => _subscriptions.Forward(msg));
        Receive<Unsubscribe>(msg => _subscriptions.Forward(msg));
        Receive<IUsmCommand>(msg => _usm.Forward(msg));
        Receive<ReconfigureTrapReceiver>(HandleReconfigure);
        Receive<Activate>(_ => HandleActivate());
        Receive<Deactivate>(_ => HandleDeactivate());
        Receive<SetAcceptData>(HandleSetAcceptData);
        Receive<GetBoundEndpoints>(_ => Sender.Tell(CurrentEndpoints()));
        Receive<GetTrapReceiverStats>(_ => Sender.Tell(Stats()));
        Receive<SubscriptionsSynced>(_ => HandleSubscriptionsSynced());
        Receive<ListenerBound>(HandleListenerBound);
        Receive<ListenerBindFailed>(HandleListenerBindFailed);
        Receive<Terminated>(HandleTerminated);
    }

    public static Props Props(GuardianServices services) => Akka.Actor.Props.Create(() => new TrapActorsGuardian(services));

    /// <summary>
    /// Listeners that fail at run time rebind (restart), at most 10 times a minute; the subscriptions actor
    /// restarts from its snapshot. A child that cannot even be constructed is a configuration error: stop it.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(10, TimeSpan.FromMinutes(1), e =>
    {
        if (e is ActorInitializationException)
            return Directive.Stop;
        _log.Error(e, "A receiver actor failed; restarting it");
        return Directive.Restart;
    });

    protected override void PreStart()
    {
        _subscriptions = Context.ActorOf(SubscriptionsActor.Props(_services.Subscriptions, _services.Settings.Subscribers), "subscriptions");
        _usm = Context.ActorOf(UsmSecurityActor.Props(_services.Usm), "usm");
        if (_services.Settings.AutoActivate)
            StartListeners();
    }

    private void HandleActivate()
    {
        if (_deactivationWaiters.Count > 0)
        {
            // Still unbinding: bind again once every listener has stopped.
            _activationWaiters.Add(Sender);
            return;
        }
        if (_listeners.Count > 0 && _awaitingBind == 0)
        {
            Sender.Tell(CurrentEndpoints());
            return;
        }
        _activationWaiters.Add(Sender);
        if (_listeners.Count == 0)
            _subscriptions.Tell(SyncSubscriptions.Instance);
    }

    /// <summary>Every Subscribe sent before Activate is in force before anything is bound.</summary>
    private void HandleSubscriptionsSynced()
    {
        if (_listeners.Count == 0 && _activationWaiters.Count > 0)
            StartListeners();
    }

    private void StartListeners()
    {
        _failures.Clear();
        if (!_services.InMemoryEndpoints.IsEmpty)
        {
            StartInMemoryListeners();
            return;
        }
        foreach (var endpoint in _services.Settings.Listener.Endpoints.Distinct())
        {
            var name = $"listener-{endpoint.Transport}-{endpoint.Address.ToString().Replace('%', '_')}-{endpoint.Port}";
            var props = endpoint.Transport == "dtls"
                ? DtlsListenerActor.Props(_services.Dtls, endpoint, _accepting)
                : TrapListenerActor.Props(_services.Listener, endpoint, _accepting);
            var listener = Context.ActorOf(props, name);
            Context.Watch(listener);
            _listeners[listener] = endpoint;
            _awaitingBind++;
        }
        ReplyToActivationWaitersWhenDone();
    }

    /// <summary>Instead of the configured endpoints: the receiver binds no socket.</summary>
    private void StartInMemoryListeners()
    {
        foreach (var (inMemory, index) in _services.InMemoryEndpoints.Distinct().Select((e, i) => (e, i)))
        {
            var listener = Context.ActorOf(TrapListenerActor.InMemory(_services.Listener, inMemory, _accepting), $"listener-memory-{index}");
            Context.Watch(listener);
            _listeners[listener] = new ListenEndpoint("udp", inMemory.LocalEndPoint.Address, inMemory.LocalEndPoint.Port);
            _awaitingBind++;
        }
        ReplyToActivationWaitersWhenDone();
    }

    private void HandleDeactivate()
    {
        if (_listeners.Count == 0)
        {
            Sender.Tell(Deactivated.Instance);
            return;
        }
        _deactivationWaiters.Add(Sender);
        foreach (var listener in _listeners.Keys)
            listener.Tell(StopListening.Instance);
    }

    /// <summary>Replies once every listener has switched its receive loop.</summary>
    private void HandleSetAcceptData(SetAcceptData msg)
    {
        _accepting = msg.Accept;
        var switched = _listeners.Keys.Select(l => l.Ask<AcceptDataSet>(msg, TimeSpan.FromSeconds(10)));
        Task.WhenAll(switched).PipeTo(Sender, success: _ => new AcceptDataSet(msg.Accept));
    }

    private void HandleReconfigure(ReconfigureTrapReceiver msg)
    {
        if (_services.Reconfiguration is { } reconfiguration)
            reconfiguration.Handle(msg, Sender, _usm);
        else
            Sender.Tell(new Status.Failure(new NotSupportedException("this receiver cannot be reconfigured")));
    }

    private void HandleListenerBound(ListenerBound msg)
    {
        var firstReport = !_bound.ContainsKey(Sender);
        _bound[Sender] = msg.Endpoint;
        if (firstReport)
            BindReported();
    }

    private void HandleListenerBindFailed(ListenerBindFailed msg)
    {
        _failures.Add(msg.Failure);
        BindReported();
    }

    private void HandleTerminated(Terminated msg)
    {
        if (!_listeners.Remove(msg.ActorRef, out var endpoint))
            return;
        var neverReported = !_bound.Remove(msg.ActorRef) && !_failures.Any(f => f.Configured == endpoint.ToString());
        if (neverReported)
        {
            _failures.Add(new TrapListenerBindFailed(endpoint.ToString(), 0, $"the listener for {endpoint} stopped before it bound"));
            BindReported();
        }
        if (_listeners.Count > 0)
            return;
        foreach (var waiter in _deactivationWaiters)
            waiter.Tell(Deactivated.Instance);
        _deactivationWaiters.Clear();
        if (_activationWaiters.Count > 0)
            _subscriptions.Tell(SyncSubscriptions.Instance);
    }

    private void BindReported()
    {
        _awaitingBind = Math.Max(0, _awaitingBind - 1);
        ReplyToActivationWaitersWhenDone();
    }

    private void ReplyToActivationWaitersWhenDone()
    {
        if (_awaitingBind > 0)
            return;
        var endpoints = CurrentEndpoints();
        foreach (var waiter in _activationWaiters)
            waiter.Tell(endpoints);
        _activationWaiters.Clear();
    }

    private TrapReceiverStats Stats()
    {
        var diagnostics = _services.Listener.Diagnostics;
        return diagnostics.Counters.Snapshot() with
        {
            Usm = _services.Usm.Counters.Snapshot(_services.Usm.Reports.Refused),
            Subscribers = _services.Subscriptions.Stats(),
            Dtls = _services.Dtls.Counters.Snapshot(),
            EventsSuppressed = diagnostics.Events.Refused,
            LogLinesSuppressed = diagnostics.LogLines.Refused,
        };
    }

    private BoundEndpoints CurrentEndpoints() => new([.. _bound.Values], [.. _failures]);
}
