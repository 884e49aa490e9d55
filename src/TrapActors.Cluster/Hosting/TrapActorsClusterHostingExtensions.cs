using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Hosting;
using TrapActors.Cluster.Remoting;
using TrapActors.Configuration;
using TrapActors.Serialization;

namespace TrapActors.Cluster.Hosting;

/// <summary>What <see cref="TrapActorsClusterHostingExtensions.WithTrapReceiverCluster"/> sets up.</summary>
public sealed class TrapReceiverClusterOptions
{
    /// <summary>Publish this node's notifications to the cluster (a receiver node). Default true.</summary>
    public bool Publish { get; set; } = true;

    /// <summary>The default topic (trap-actors.cluster.topic); null keeps the configured one.</summary>
    public string? Topic { get; set; }

    /// <summary>Replicate the USM user table with the other receiver nodes (DistributedData). Default: with <see cref="Publish"/>.</summary>
    public bool? ReplicateUsers { get; set; }

    /// <summary>
    /// Mutual TLS for the cluster's remoting (<see cref="ClusterTls.FromPemFiles"/>, <see cref="ClusterTls.FromPkcs12File"/>):
    /// every node of the cluster needs it, or nodes without it cannot connect. Null (the default): remoting as configured,
    /// in clear unless the configuration says otherwise; the replicated users' keys and every notification then cross the
    /// network readable by anyone on the path, and any host that reaches the port can join.
    /// </summary>
    public ClusterTls? Tls { get; set; }
}

/// <summary>Akka.Hosting extensions for TrapActors on an Akka.NET cluster: fan-out of notifications and replicated USM users.</summary>
public static class TrapActorsClusterHostingExtensions
{
    /// <summary>
    /// TrapActors on an Akka.NET cluster: the notifications' serializer and the fan-out defaults, and (with
    /// <see cref="TrapReceiverClusterOptions.Publish"/>) this node's receiver publishing to the cluster once the host
    /// started. The cluster itself (provider, remoting, seed nodes) is configured as usual, e.g. with Akka.Cluster.Hosting.
    /// </summary>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="configure">Sets the options; null: publish and replicate users (a receiver node) on the configured topic.</param>
    public static AkkaConfigurationBuilder WithTrapReceiverCluster(this AkkaConfigurationBuilder builder, Action<TrapReceiverClusterOptions>? configure = null)
    {
        var options = new TrapReceiverClusterOptions();
        configure?.Invoke(options);
        if (options.Topic is { } topic)
            builder.AddHocon(new HoconWriter().String("trap-actors.cluster.topic", topic).ToString(), HoconAddMode.Prepend);
        if (options.Tls is { } tls)
        {
            builder.AddHocon(ClusterTls.Hocon, HoconAddMode.Prepend);
            builder.AddSetup(tls.ToSetup());
        }
        builder.AddHocon(ClusterFanOutSettings.DefaultConfig(), HoconAddMode.Append);
        builder.AddHocon(TrapActorsSerialization.Config, HoconAddMode.Append);
        builder.AddHocon(UsmReplication.UsmUserReplication.Config, HoconAddMode.Append);
        if (options.Publish)
            builder.AddStartup((system, _) => TrapActorsCluster.Get(system).StartPublishing());
        if (options.ReplicateUsers ?? options.Publish)
            builder.AddStartup((system, _) => UsmReplication.UsmUserReplication.Start(system, TrapReceiverExtension.Get(system).Receiver));
        return builder;
    }

    /// <summary>
    /// Starts a subscriber actor, registers it under <typeparamref name="TKey"/>, and subscribes it to the notifications
    /// published anywhere in the cluster that <paramref name="filter"/> selects; with a <paramref name="group"/>, each
    /// notification goes to one member of the group.
    /// </summary>
    /// <typeparam name="TKey">The ActorRegistry key (usually the subscriber's class); also the actor's name under /user.</typeparam>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="propsFactory">Makes the subscriber's Props.</param>
    /// <param name="filter">Which notifications it receives; null: every one on the default topic.</param>
    /// <param name="group">A group name to share the load with other subscribers of the group; null: alone.</param>
    public static AkkaConfigurationBuilder WithClusterTrapSubscriber<TKey>(
        this AkkaConfigurationBuilder builder,
        Func<ActorSystem, IActorRegistry, IDependencyResolver, Props> propsFactory,
        TrapFilter? filter = null,
        string? group = null) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var subscriber = system.ActorOf(propsFactory(system, registry, resolver), typeof(TKey).Name);
            registry.Register<TKey>(subscriber);
        }).AddStartup(async (system, registry) =>
            await TrapActorsCluster.Get(system).SubscribeAsync(registry.Get<TKey>(), filter, group).ConfigureAwait(false));
}
