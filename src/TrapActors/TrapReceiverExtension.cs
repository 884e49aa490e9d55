using Akka.Actor;
using Akka.Configuration;
using TrapActors.Diagnostics;
using TrapActors.Dtls;
using TrapActors.Listener;
using TrapActors.Security;
using TrapActors.Sessions;
using TrapActors.Subscriptions;
using TrapActors.Transport;

namespace TrapActors;

/// <summary>
/// Starts one trap receiver per ActorSystem: injects the embedded reference.conf as fallback, reads
/// the settings and <see cref="TrapReceiverSetup"/>, and creates /system/trap-actors.
/// </summary>
public sealed class TrapReceiverExtension : IExtension
{
    /// <summary>
    /// Created by Akka.NET on the first <see cref="Get"/> (or by the Akka.Hosting <c>WithTrapReceiver</c>); do not call it
    /// yourself. Reads the settings, takes the setup users (their passwords are hashed on first use) and starts /system/trap-actors, which binds the endpoints
    /// unless trap-actors.auto-activate is off. Coordinated shutdown unbinds them (service-unbind phase) and zeroes the keys.
    /// </summary>
    /// <exception cref="ConfigurationException">A trap-actors key has an invalid value; the message names the key.</exception>
    public TrapReceiverExtension(ExtendedActorSystem system)
    {
        system.Settings.InjectTopLevelFallback(DefaultConfig());
        // Akka starts its timer thread lazily and blocks pool threads until it runs; thousands of sessions
        // starting their idle timers at once on a cold scheduler can starve the pool. Start it now.
        system.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(1), static () => { });
        var setup = system.Settings.Setup.Get<TrapReceiverSetup>().GetOrElse(new TrapReceiverSetup());
        var settings = TrapReceiverSettings.Create(system.Settings.Config);
        if (setup.ConfigureSettings is { } configure)
            settings = configure(settings);
        Settings = settings;
        Mibs = TrapReceiverMibs.Load(setup, system.Log);

        var communities = new CommunityAuthorizer(settings.Community.Accepted.Concat(setup.Communities), settings.Community.AcceptAny);
        var (engineId, boots) = EngineStateStore.LoadAndIncrement(settings.Usm.StateDirectory, settings.Usm.LocalEngineId,
            () => LocalEngine.GenerateEngineId(settings.Usm.EngineEnterpriseNumber));
        var local = new LocalEngine(engineId, boots, setup.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        var usm = new UsmRuntime(settings.Usm, local, setup.TimeProvider, setup.UsmPolicies);
        usm.Publish(new UsmTable(setup.Users.Select(usm.CreateDeferredEntry)));   // passwords hashed on first use (decision 0038)
        StartupKeyDerivation.Run(usm, settings.Usm.HashBeforeBinding);   // ... except those hashed within the budget now
        RemoteEngineSaver.Restore(usm, system.Log);
        var metrics = new ReceiverMetrics(system.Name, setup.TimeProvider);
        system.RegisterOnTermination(metrics.Dispose);
        var diagnostics = new ReceiverDiagnostics(settings.Events, new ReceiverCounters(), system.EventStream) { Latency = metrics.Latency };
        var subscriptions = new SubscriptionTable();
        var throttle = new IngressThrottle();
        var processor = new UsmProcessor(usm, settings.Codec);
        diagnostics.Counters.AddInFlight(processor.Waiting, () => processor.Waiting.Current);   // messages waiting for a USM policy
        var security = new SecurityServices(communities, usm, processor, NotificationAccess.FromSettings(settings.Access));
        var sessions = new SessionServices(settings, diagnostics, security, new NotificationDelivery(subscriptions, throttle));
        var listener = new ListenerServices(settings, diagnostics, throttle, setup.TimeProvider, spec => PeerSessionActor.Props(sessions, spec))
        {
            WarmUp = settings.Listener.WarmUp ? () => ReceivePathWarmUp.Run(settings).ToString() : null,
        };
        var dtls = new DtlsServices(listener, new DtlsCounters(), setup.DtlsServerIdentity, setup.DtlsClientAuthentication);
        RegisterInstruments(metrics, diagnostics, usm, dtls, subscriptions);
        Metrics = metrics;
        var reconfiguration = new ReceiverReconfiguration(system.Settings.Config, settings, setup, security, dtls.CertMap);
        Receiver = system.SystemActorOf(TrapActorsGuardian.Props(new GuardianServices(subscriptions, usm, dtls)
        {
            InMemoryEndpoints = setup.InMemoryEndpoints,
            Reconfiguration = reconfiguration,
        }), settings.GuardianName);

        var shutdown = CoordinatedShutdown.Get(system);
        var unbindTimeout = shutdown.Timeout(CoordinatedShutdown.PhaseServiceUnbind);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "trap-actors-unbind", async () =>
        {
            await Receiver.Ask<Deactivated>(Deactivate.Instance, unbindTimeout).ConfigureAwait(false);
            return Akka.Done.Instance;
        });
        // Unbound and drained by now: no session uses the keys any more.
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "trap-actors-zero-keys", () =>
        {
            foreach (var entry in usm.Table.Entries)
                entry.Retire();
            return Task.FromResult(Akka.Done.Instance);
        });
    }

    /// <summary>This receiver's meter and its instruments (docs/metrics.md); disposed when the ActorSystem terminates.</summary>
    internal ReceiverMetrics Metrics { get; }

    /// <summary>The receiver, /system/trap-actors: send it <see cref="ITrapReceiverCommand"/>s (Subscribe, Activate, GetTrapReceiverStats, USM commands...).</summary>
    public IActorRef Receiver { get; }

    /// <summary>The settings in force: trap-actors from the configuration, after <see cref="TrapReceiverSetup.ConfigureSettings"/>.</summary>
    public TrapReceiverSettings Settings { get; }

    /// <summary>The MIB modules loaded at start (<see cref="TrapReceiverSetup.MibDirectories"/>); <see cref="TrapReceiverMibs.Empty"/> when none are configured.</summary>
    public TrapReceiverMibs Mibs { get; }

    /// <summary>The receiver of <paramref name="system"/>, started on first use: <c>TrapReceiverExtension.Get(system).Receiver.Tell(new Subscribe(Self))</c>.</summary>
    public static TrapReceiverExtension Get(ActorSystem system) => system.WithExtension<TrapReceiverExtension, TrapReceiverExtensionProvider>();

    /// <summary>Every instrument reads counters that exist already, when a listener collects.</summary>
    private static void RegisterInstruments(ReceiverMetrics metrics, ReceiverDiagnostics diagnostics, UsmRuntime usm, DtlsServices dtls, SubscriptionTable subscriptions)
    {
        ReceiverInstruments.Register(metrics, diagnostics);
        UsmInstruments.Register(metrics, usm);
        DtlsInstruments.Register(metrics, dtls.Counters);
        SubscriberInstruments.Register(metrics, subscriptions);
    }

    /// <summary>The embedded defaults of every trap-actors key (hocon/reference.conf), already a fallback of the system's configuration once the extension started.</summary>
    public static Config DefaultConfig() => ConfigurationFactory.FromResource<TrapReceiverExtension>("TrapActors.reference.conf");
}

/// <summary>The Akka.NET extension id of <see cref="TrapReceiverExtension"/>; also usable in akka.extensions to start the receiver with the system.</summary>
public sealed class TrapReceiverExtensionProvider : ExtensionIdProvider<TrapReceiverExtension>
{
    /// <summary>Creates the extension for <paramref name="system"/> (called by Akka.NET once per system).</summary>
    public override TrapReceiverExtension CreateExtension(ExtendedActorSystem system) => new(system);
}
