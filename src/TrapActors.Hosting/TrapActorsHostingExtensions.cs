using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Hosting;

namespace TrapActors.Hosting;

public static class TrapActorsHostingExtensions
{
    /// <summary>How long the host's start waits for every endpoint to bind.</summary>
    public static readonly TimeSpan ActivationTimeout = TimeSpan.FromSeconds(30);

    public static AkkaConfigurationBuilder WithTrapReceiver(this AkkaConfigurationBuilder builder, int? port = null, string? bindAddress = null) =>
        builder.WithTrapReceiver(new TrapReceiverOptions { Port = port, BindAddress = bindAddress });

    public static AkkaConfigurationBuilder WithTrapReceiver(this AkkaConfigurationBuilder builder, Action<TrapReceiverOptions> configure)
    {
        var options = new TrapReceiverOptions();
        configure(options);
        return builder.WithTrapReceiver(options);
    }

    /// <summary>
    /// Adds the receiver: its configuration layered over hocon/reference.conf, the receiver registered as
    /// <see cref="TrapReceiver"/>, and (with <see cref="TrapReceiverOptions.Activate"/>) the endpoints bound once every actor has started.
    /// </summary>
    public static AkkaConfigurationBuilder WithTrapReceiver(this AkkaConfigurationBuilder builder, TrapReceiverOptions options)
    {
        options.Apply(builder);
        builder.WithActors((system, registry) => registry.Register<TrapReceiver>(TrapReceiverExtension.Get(system).Receiver));
        if (!options.Activate)
            return builder;
        return builder.AddStartup(async (system, _) =>
        {
            var endpoints = await TrapReceiverExtension.Get(system).Receiver
                .Ask<BoundEndpoints>(Activate.Instance, ActivationTimeout).ConfigureAwait(false);
            if (!endpoints.AllBound && options.FailOnBindError)
                throw new TrapReceiverBindException(endpoints.Failures);
        });
    }

    /// <summary>
    /// Starts a subscriber actor, registers it under <typeparamref name="TKey"/> and subscribes it with
    /// <paramref name="filter"/> (default: everything) before the receiver binds.
    /// </summary>
    public static AkkaConfigurationBuilder WithTrapSubscriber<TKey>(
        this AkkaConfigurationBuilder builder,
        Func<ActorSystem, IActorRegistry, IDependencyResolver, Props> propsFactory,
        TrapFilter? filter = null) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var subscriber = system.ActorOf(propsFactory(system, registry, resolver), typeof(TKey).Name);
            registry.Register<TKey>(subscriber);
            TrapReceiverExtension.Get(system).Receiver.Tell(new Subscribe(subscriber, filter ?? TrapFilter.All));
        });
}

/// <summary>The host could not bind every endpoint.</summary>
public sealed class TrapReceiverBindException(IReadOnlyList<TrapListenerBindFailed> failures)
    : Exception(string.Join("; ", failures.Select(f => f.Reason)))
{
    public IReadOnlyList<TrapListenerBindFailed> Failures { get; } = failures;
}
