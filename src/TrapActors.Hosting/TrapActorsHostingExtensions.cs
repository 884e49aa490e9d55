using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Hosting;

namespace TrapActors.Hosting;

/// <summary>
/// Akka.Hosting extensions that start the SNMP trap receiver inside <c>AddAkka</c>:
/// <c>akka.WithTrapReceiver(o => { o.Port = 162; o.Communities.Add("public"); }).WithTrapSubscriber&lt;Alarms&gt;(...)</c>.
/// </summary>
public static class TrapActorsHostingExtensions
{
    /// <summary>How long the host's start waits for every endpoint to bind.</summary>
    public static readonly TimeSpan ActivationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Adds the receiver on one UDP endpoint, <paramref name="bindAddress"/>:<paramref name="port"/>; null keeps the configured endpoints.</summary>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="port">The UDP port; 162 (RFC 3417) when only the address is given, 0 for an ephemeral one.</param>
    /// <param name="bindAddress">The local address; 0.0.0.0 when only the port is given.</param>
    public static AkkaConfigurationBuilder WithTrapReceiver(this AkkaConfigurationBuilder builder, int? port = null, string? bindAddress = null) =>
        builder.WithTrapReceiver(new TrapReceiverOptions { Port = port, BindAddress = bindAddress });

    /// <summary>Adds the receiver with the options <paramref name="configure"/> sets (see <see cref="WithTrapReceiver(AkkaConfigurationBuilder, TrapReceiverOptions)"/>).</summary>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="configure">Sets the options: endpoints, communities, USM users, inform mode...</param>
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
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="options">The options; null knobs leave the configuration in force.</param>
    /// <exception cref="TrapReceiverBindException">
    /// Thrown by the host's start when an endpoint cannot be bound and <see cref="TrapReceiverOptions.FailOnBindError"/> is on.
    /// </exception>
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
    /// <typeparam name="TKey">The ActorRegistry key (usually the subscriber's class); also the actor's name under /user.</typeparam>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="propsFactory">Makes the subscriber's Props, e.g. <c>(system, registry, resolver) =&gt; resolver.Props&lt;Alarms&gt;()</c>.</param>
    /// <param name="filter">Which notifications it receives; null: every one.</param>
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

/// <summary>
/// The host could not bind every endpoint (thrown by its start when <see cref="TrapReceiverOptions.FailOnBindError"/> is on);
/// the message joins the reasons.
/// </summary>
/// <param name="failures">The endpoints that failed, as <see cref="BoundEndpoints.Failures"/> lists them.</param>
public sealed class TrapReceiverBindException(IReadOnlyList<TrapListenerBindFailed> failures)
    : Exception(string.Join("; ", failures.Select(f => f.Reason)))
{
    /// <summary>Each endpoint that failed, with its error code (e.g. 10048 address in use, 10013 access denied) and reason.</summary>
    public IReadOnlyList<TrapListenerBindFailed> Failures { get; } = failures;
}
