using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using TrapActors.Cluster.FanOut;

namespace TrapActors.Cluster;

/// <summary>A subscription to notifications from anywhere in the cluster; stop <see cref="Subscription"/> (or the subscriber) to end it.</summary>
/// <param name="Subscriber">The actor that receives the <see cref="TrapReceived"/> and <see cref="InformReceived"/> messages.</param>
/// <param name="Topic">The DistributedPubSub topic it listens to.</param>
/// <param name="Group">The group it belongs to (each notification goes to one member of a group); null: it gets every one.</param>
/// <param name="Subscription">The actor on this node that holds the subscription and filters for the subscriber.</param>
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

    /// <summary>Created by Akka.NET on the first <see cref="Get"/>; reads trap-actors.cluster. The system must use the cluster provider.</summary>
    /// <exception cref="Akka.Configuration.ConfigurationException">A trap-actors.cluster key has an invalid value; the message names the key.</exception>
    public TrapActorsCluster(ExtendedActorSystem system)
    {
        _system = system;
        Settings = ClusterFanOutSettings.Create(system.Settings.Config);
        Mediator = DistributedPubSub.Get(system).Mediator;
        _publisher = new Lazy<IActorRef>(() => system.SystemActorOf(
            ClusterPublisherActor.Props(TrapReceiverExtension.Get(system).Receiver, Mediator, Settings), "trap-actors-cluster-publisher"));
    }

    /// <summary>The topics in force (trap-actors.cluster).</summary>
    public ClusterFanOutSettings Settings { get; }

    /// <summary>This node's distributed publish-subscribe mediator.</summary>
    public IActorRef Mediator { get; }

    /// <summary>The extension of <paramref name="system"/>, created on first use.</summary>
    public static TrapActorsCluster Get(ActorSystem system) => system.WithExtension<TrapActorsCluster, TrapActorsClusterProvider>();

    /// <summary>On a receiver node: publish every notification of this node's receiver to the cluster. Idempotent.</summary>
    public IActorRef StartPublishing() => _publisher.Value;

    /// <summary>
    /// Delivers to <paramref name="subscriber"/> the notifications published anywhere in the cluster that
    /// <paramref name="filter"/> selects; with a <paramref name="group"/>, each notification goes to one member of the
    /// group. Completes once this node's mediator registered the subscription (other nodes learn of it by gossip).
    /// </summary>
    /// <param name="subscriber">The actor to deliver to: it receives <see cref="TrapReceived"/> and <see cref="InformReceived"/> messages without a sender.</param>
    /// <param name="filter">Which notifications it receives; null: every one on the topic.</param>
    /// <param name="group">A group name to share the load with other subscribers of the same group; null: alone.</param>
    /// <param name="topic">The topic; null: <see cref="ClusterFanOutSettings.Topic"/>.</param>
    /// <param name="timeout">How long to wait for the mediator's acknowledgement; null: 10 seconds.</param>
    /// <exception cref="TimeoutException">The mediator did not acknowledge in time.</exception>
    public async Task<ClusterSubscription> SubscribeAsync(IActorRef subscriber, TrapFilter? filter = null, string? group = null, string? topic = null, TimeSpan? timeout = null)
    {
        var subscribed = new TaskCompletionSource<ClusterSubscription>(TaskCreationOptions.RunContinuationsAsynchronously);
        var name = $"trap-actors-cluster-subscription-{Interlocked.Increment(ref _subscriptions)}";
        _system.SystemActorOf(ClusterSubscriptionActor.Props(subscriber, Mediator, filter ?? TrapFilter.All, topic ?? Settings.Topic, group, subscribed), name);
        return await subscribed.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }
}

/// <summary>The Akka.NET extension id of <see cref="TrapActorsCluster"/>.</summary>
public sealed class TrapActorsClusterProvider : ExtensionIdProvider<TrapActorsCluster>
{
    /// <summary>Creates the extension for <paramref name="system"/> (called by Akka.NET once per system).</summary>
    public override TrapActorsCluster CreateExtension(ExtendedActorSystem system) => new(system);
}
