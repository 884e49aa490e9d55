using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using TrapActors.Cluster.FanOut;

namespace TrapActors.Cluster;

/// <summary>A subscription to notifications from anywhere in the cluster; stop <see cref="Subscription"/> (or the subscriber) to end it.</summary>
public sealed record ClusterSubscription(IActorRef Subscriber, string Topic, string? Group, IActorRef Subscription);

/// <summary>
/// TrapActors over an Akka.NET cluster: receiver nodes publish their notifications to distributed publish-subscribe
/// topics (<see cref="StartPublishing"/>), and subscriber actors on any node receive them (<see cref="SubscribeAsync"/>),
/// alone or as members of a group that shares the load.
/// </summary>
public sealed class TrapActorsCluster : IExtension
{
    private readonly ExtendedActorSystem _system;
    private readonly Lazy<IActorRef> _publisher;
    private int _subscriptions;

    public TrapActorsCluster(ExtendedActorSystem system)
    {
        _system = system;
        Settings = ClusterFanOutSettings.Create(system.Settings.Config);
        Mediator = DistributedPubSub.Get(system).Mediator;
        _publisher = new Lazy<IActorRef>(() => system.SystemActorOf(
            ClusterPublisherActor.Props(TrapReceiverExtension.Get(system).Receiver, Mediator, Settings), "trap-actors-cluster-publisher"));
    }

    public ClusterFanOutSettings Settings { get; }

    /// <summary>This node's distributed publish-subscribe mediator.</summary>
    public IActorRef Mediator { get; }

    public static TrapActorsCluster Get(ActorSystem system) => system.WithExtension<TrapActorsCluster, TrapActorsClusterProvider>();

    /// <summary>On a receiver node: publish every notification of this node's receiver to the cluster. Idempotent.</summary>
    public IActorRef StartPublishing() => _publisher.Value;

    /// <summary>
    /// Delivers to <paramref name="subscriber"/> the notifications published anywhere in the cluster that
    /// <paramref name="filter"/> selects; with a <paramref name="group"/>, each notification goes to one member of the
    /// group. Completes once this node's mediator registered the subscription (other nodes learn of it by gossip).
    /// </summary>
    public async Task<ClusterSubscription> SubscribeAsync(IActorRef subscriber, TrapFilter? filter = null, string? group = null, string? topic = null, TimeSpan? timeout = null)
    {
        var subscribed = new TaskCompletionSource<ClusterSubscription>(TaskCreationOptions.RunContinuationsAsynchronously);
        var name = $"trap-actors-cluster-subscription-{Interlocked.Increment(ref _subscriptions)}";
        _system.SystemActorOf(ClusterSubscriptionActor.Props(subscriber, Mediator, filter ?? TrapFilter.All, topic ?? Settings.Topic, group, subscribed), name);
        return await subscribed.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }
}

public sealed class TrapActorsClusterProvider : ExtensionIdProvider<TrapActorsCluster>
{
    public override TrapActorsCluster CreateExtension(ExtendedActorSystem system) => new(system);
}
