using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using TrapActors.Cluster;
using TrapActors.Cluster.Hosting;
using TrapActors.Cluster.Remoting;
using TrapActors.Hosting;
using TrapActors.Mib;
using TrapActors.Mib.Describing;

namespace TrapActors.Daemon;

/// <summary>
/// Runs the receiver in a generic host until SIGINT/SIGTERM. Shutdown order (CoordinatedShutdown):
/// service-unbind (the library deactivates the receiver: sockets closed, sessions drained into the printer's
/// mailbox) → service-requests-done (this daemon asks the printer to flush and waits, then takes the counters)
/// → the actor system terminates → the output queue is completed, the logs flushed, and the counters printed
/// as the last line of standard error. When standard output fails (its reader went away, a full disk) the daemon
/// shuts down the same way and exits with status 1; what was not written is counted, never as delivered.
/// </summary>
public sealed class DaemonHost
{
    public static readonly TimeSpan ActivationTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(25);
    public static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(5);

    private readonly DaemonOptions _options;
    private readonly Config _config;
    private readonly TrapReceiverSettings _settings;
    private readonly ImmutableArray<UsmUser> _users;
    private readonly TextWriter _stderr;
    private readonly Stream _stdout;
    private readonly ClusterTls? _clusterTls;
    private readonly MibSet? _mibs;
    private readonly DaemonLiveView _live;

    /// <param name="config">From <see cref="DaemonConfig.TryBuild"/>, with the <paramref name="settings"/> it was validated into.</param>
    /// <param name="users">SNMPv3 users from <see cref="UsersFile"/>; present before the receiver binds.</param>
    /// <param name="clusterTls">The cluster's mutual TLS (from <see cref="ClusterTlsFiles.Load"/>); null: none.</param>
    /// <param name="mibs">The MIB modules loaded and reported by <see cref="DaemonMibs"/>, the receiver's (its
    /// <see cref="TrapReceiverExtension.Mibs"/>) and the printer's names; null: OIDs only.</param>
    public DaemonHost(DaemonOptions options, Config config, TrapReceiverSettings settings, ImmutableArray<UsmUser> users, Stream stdout, TextWriter stderr,
        ClusterTls? clusterTls = null, MibSet? mibs = null)
    {
        _mibs = mibs;
        _clusterTls = clusterTls;
        _options = options;
        _config = config;
        _settings = settings;
        _users = users.IsDefault ? [] : users;
        _stdout = stdout;
        _stderr = stderr;
        _live = new DaemonLiveView(options, stderr);
    }

    public async Task<int> RunAsync()
    {
        var logger = DaemonLogging.Create(_options.Verbose);
        Log.Logger = logger;
        foreach (var warning in DaemonConfig.Warnings(_options, _settings))
            Log.Warning("{Warning}", warning);
        if (ClusterExposure.Warning(_options, _config) is { } insecure)
            Log.Warning("{Warning}", insecure);
        // Not disposed: the writer may report a failure until the very end (its last flush).
        var outputFailed = new CancellationTokenSource();
        var output = new LineWriter(_stdout, LineWriter.DefaultCapacity, e =>
        {
            Log.Error("Cannot write to standard output ({Reason}): stopping; notifications not written are counted as {Drop}", e.Message, StatsJson.OutputFailed);
            // Not on the writer's task: stopping the host runs callbacks.
            _ = Task.Run(outputFailed.Cancel);
        });
        var printer = new PrinterCounters();
        var report = new ShutdownReport();
        var exitCode = 0;
        var printStats = false;
        try
        {
            using var host = BuildHost(output, printer, report);
            try
            {
                await host.StartAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Log.Debug(e, "The host did not start");
                await StopQuietly(host).ConfigureAwait(false);
                await CloseLogs().ConfigureAwait(false);
                _stderr.WriteLine($"trapactors: cannot start: {DaemonConfig.OneLine(Innermost(e).Message)}");
                return 1;
            }

            using var stopWhenOutputFails = outputFailed.Token.Register(host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication);
            using var systemd = SystemdReadiness.FromEnvironment();
            systemd.StopWith(host.Services.GetRequiredService<IHostApplicationLifetime>());
            if (_options is { ClusterPort: not null, Role: ClusterRole.Subscriber })
            {
                // Subscribed during the host's start (WithClusterTrapSubscriber).
                var subscribed = $"subscribed cluster topic {TrapActorsCluster.Get(host.Services.GetRequiredService<ActorSystem>()).Settings.Topic}";
                _stderr.WriteLine(subscribed);
                systemd.Ready(subscribed);
                await host.WaitForShutdownAsync().ConfigureAwait(false);
                return await OutputExitCodeAsync(output).ConfigureAwait(false);
            }

            if (_settings.Listener.WarmUp)
                PrinterWarmUp.Run(NotificationPrinterActor.Formatter(_options.Format, Describer(host.Services.GetRequiredService<ActorSystem>())));
            // From before the bind: a SIGHUP once "listening" is printed reloads, never stops the daemon.
            using var reload = ConfigReload.OnSighup(_options, TrapReceiverExtension.Get(host.Services.GetRequiredService<ActorSystem>()).Receiver, _stderr);
            var bound = await ActivateAsync(host).ConfigureAwait(false);
            if (bound is null || !bound.AllBound)
            {
                exitCode = 1;
                await StopQuietly(host).ConfigureAwait(false);
                await CloseLogs().ConfigureAwait(false);
                if (bound is null)
                    _stderr.WriteLine($"trapactors: cannot bind: no answer from the receiver within {ActivationTimeout.TotalSeconds:0} s");
                else
                    foreach (var failure in bound.Failures)
                        _stderr.WriteLine($"trapactors: {BindFailureText(failure)}");
                return exitCode;
            }

            foreach (var endpoint in bound.Endpoints)
                _stderr.WriteLine($"listening {endpoint.Transport} {SnmpText.EndPoint(endpoint.LocalEndPoint)}");
            foreach (var endpoint in bound.Endpoints)
            {
                if (ReceiveBufferText.Line(endpoint) is { } line)
                    _stderr.WriteLine(line);
                if (ReceiveBufferText.Warning(endpoint, _settings.Listener.ReceiveBufferSize) is { } warning)
                    Log.Warning("{Warning}", warning);
            }
            if (await LocalEngineAsync(host).ConfigureAwait(false) is { } engine)
                _stderr.WriteLine(EngineLine(engine));
            // Publishing and the users' replication started with the host (WithTrapReceiverCluster), before the bind.
            if (_options.ClusterPort is not null)
                _stderr.WriteLine($"publishing cluster topic {TrapActorsCluster.Get(host.Services.GetRequiredService<ActorSystem>()).Settings.Topic}");
            printStats = true;
            if (_live.Start(host.Services.GetRequiredService<ActorSystem>(), bound,
                    () => _options.ClusterPort is null ? new PrinterLosses(output.LinesNotWritten, printer.FormatFailed) : default) is { } liveError)
            {
                await StopQuietly(host).ConfigureAwait(false);
                await CloseLogs().ConfigureAwait(false);
                _stderr.WriteLine($"trapactors: {liveError}");
                return 1;
            }
            // Every endpoint is bound and printed, metrics served: only now may systemd start what depends on this service (decision 0051).
            systemd.Ready(SystemdReadiness.ListeningStatus(bound.Endpoints));

            await host.WaitForShutdownAsync().ConfigureAwait(false);
        }
        finally
        {
            await _live.DisposeAsync().ConfigureAwait(false);
            // Anything still queued (e.g. when the flush task timed out) is written now.
            await output.CompleteAsync().ConfigureAwait(false);
        }

        if (!report.OutputDrained)
            Log.Warning("The printer did not confirm that its output was flushed during shutdown");
        var losses = new PrinterLosses(output.LinesNotWritten, printer.FormatFailed);
        if (losses.Total > 0)
            Log.Error("{Count} notification(s) taken by the printer were not written to standard output ({OutputFailed} {OutputFailedName}, {FormatFailed} {FormatFailedName})",
                losses.Total, losses.OutputFailed, StatsJson.OutputFailed, losses.FormatFailed, StatsJson.FormatFailed);
        if (output.Failure is not null)
            exitCode = 1;
        await CloseLogs().ConfigureAwait(false);
        if (printStats)
        {
            // On a cluster receiver node the printer is one subscriber of two: what it lost was still published.
            if (report.Stats is { } stats)
                _stderr.WriteLine(StatsJson.Format(stats, _options.ClusterPort is null ? losses : default));
            else
                _stderr.WriteLine("{\"error\":\"the receiver's counters could not be read during shutdown\"}");
        }
        _stderr.Flush();
        return exitCode;
    }

    /// <summary>A cluster subscriber node: 1 when standard output failed.</summary>
    private static async Task<int> OutputExitCodeAsync(LineWriter output)
    {
        await output.CompleteAsync().ConfigureAwait(false);
        return output.Failure is null ? 0 : 1;
    }

    private IHost BuildHost(LineWriter output, PrinterCounters printer, ShutdownReport report)
    {
        var options = _options;
        var config = _config;
        var users = _users;
        var clusterTls = _clusterTls;
        var mibs = _mibs;
        var live = _live;
        return new HostBuilder()
            .UseConsoleLifetime(o => o.SuppressStatusMessages = true)
            .ConfigureServices(services =>
            {
                services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(90));
                services.AddAkka(DaemonConfig.SystemName, builder =>
                {
                    // Command line > --config file > daemon defaults; WithTrapReceiver appends reference.conf below them.
                    builder.AddHocon(config, HoconAddMode.Append);
                    builder.ConfigureLoggers(loggers =>
                    {
                        loggers.LogLevel = DaemonLogging.AkkaLevel(options.Verbose);
                        loggers.ClearLoggers();
                        loggers.AddLogger<SerilogLogger>();
                    });
                    builder.WithTrapReceiver(receiver =>
                    {
                        // Bound below, so that the daemon prints the bound ports and reports failures its own way.
                        receiver.Activate = false;
                        foreach (var community in options.Communities)
                            receiver.Communities.Add(community);
                        // In the receiver's setup (never HOCON): passwords are hashed on each user's first message, once (decision 0038).
                        foreach (var user in users)
                            receiver.Users.Add(user);
                        receiver.Mibs = mibs;
                    });
                    // The cluster (provider, remoting, seeds, roles) comes from the configuration; TrapActors on it from its hosting extension.
                    if (options.ClusterPort is not null)
                    {
                        builder.WithTrapReceiverCluster(cluster =>
                        {
                            cluster.Publish = options.Role == ClusterRole.Receiver;
                            cluster.Tls = clusterTls;
                        });
                    }
                    Func<ActorSystem, IActorRegistry, Akka.DependencyInjection.IDependencyResolver, Props> printerProps =
                        (system, _, _) => NotificationPrinterActor.Props(output, options.Format, printer, Describer(system));
                    if (options is { ClusterPort: not null, Role: ClusterRole.Subscriber })
                        builder.WithClusterTrapSubscriber<NotificationPrinter>(printerProps);
                    else if (PrintsLocally(options))
                        builder.WithTrapSubscriber<NotificationPrinter>(printerProps);
                    else
                        builder.WithActors((system, registry, resolver) => registry.Register<NotificationPrinter>(system.ActorOf(printerProps(system, registry, resolver), nameof(NotificationPrinter))));
                    builder.AddStartup((system, registry) => AddDrainTask(system, registry, report));
                    builder.AddStartup((system, _) => live.Watch(system));
                });
            })
            .Build();
    }

    /// <summary>The receiver's describer of the daemon's MIB modules; null with --no-mibs, so that nothing is looked up.</summary>
    private MibDescriber? Describer(ActorSystem system) => _mibs is null ? null : TrapReceiverExtension.Get(system).Mibs.Describer;

    /// <summary>A cluster receiver node prints only when asked to with --format; every other daemon prints.</summary>
    private static bool PrintsLocally(DaemonOptions options) => options.ClusterPort is null || options.Role == ClusterRole.Subscriber || options.FormatGiven;

    /// <summary>After the library's service-unbind task: drain the printer, then read the counters.</summary>
    private static void AddDrainTask(ActorSystem system, IActorRegistry registry, ShutdownReport report)
    {
        var printer = registry.Get<NotificationPrinter>();
        var receiver = TrapReceiverExtension.Get(system).Receiver;
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "trapactors-drain-output", async () =>
        {
            try
            {
                await printer.Ask<OutputFlushed>(FlushOutput.Instance, FlushTimeout).ConfigureAwait(false);
                report.OutputDrained = true;
            }
            catch (Exception e)
            {
                Log.Warning("The printer did not flush in time: {Reason}", e.Message);
            }
            try
            {
                report.Stats = await receiver.Ask<TrapReceiverStats>(GetTrapReceiverStats.Instance, StatsTimeout).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Log.Warning("Cannot read the receiver's counters: {Reason}", e.Message);
            }
            return Akka.Done.Instance;
        });
    }

    private static async Task<BoundEndpoints?> ActivateAsync(IHost host)
    {
        var system = host.Services.GetRequiredService<ActorSystem>();
        var receiver = TrapReceiverExtension.Get(system).Receiver;
        try
        {
            return await receiver.Ask<BoundEndpoints>(Activate.Instance, ActivationTimeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    /// <summary>This receiver's SNMPv3 engine; null (and a warning) when the receiver does not answer.</summary>
    private static async Task<LocalEngineInfo?> LocalEngineAsync(IHost host)
    {
        var receiver = TrapReceiverExtension.Get(host.Services.GetRequiredService<ActorSystem>()).Receiver;
        try
        {
            return await receiver.Ask<LocalEngineInfo>(GetLocalEngine.Instance, StatsTimeout).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.Warning("Cannot read the local SNMPv3 engine: {Reason}", e.Message);
            return null;
        }
    }

    /// <summary>"engine 800000000501020304050607 boots 3".</summary>
    public static string EngineLine(LocalEngineInfo engine) =>
        $"engine {Snmp.EngineId.Format(engine.EngineId.AsSpan())} boots {engine.EngineBoots.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>"cannot bind udp:127.0.0.1:162: Address already in use".</summary>
    public static string BindFailureText(TrapListenerBindFailed failure)
    {
        var prefix = $"cannot bind {failure.Configured}: ";
        return failure.Reason.StartsWith(prefix, StringComparison.Ordinal) ? failure.Reason : prefix + failure.Reason;
    }

    private static async Task StopQuietly(IHost host)
    {
        try
        {
            await host.StopAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.Debug(e, "Stopping the host failed");
        }
    }

    private static async Task CloseLogs() => await Log.CloseAndFlushAsync().ConfigureAwait(false);

    private static Exception Innermost(Exception e)
    {
        while (e is AggregateException { InnerException: { } inner })
            e = inner;
        return e is TypeInitializationException or System.Reflection.TargetInvocationException && e.InnerException is { } cause ? cause : e;
    }
}
