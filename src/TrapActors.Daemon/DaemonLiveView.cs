using Akka.Actor;
using Serilog;

namespace TrapActors.Daemon;

/// <summary>
/// What an operator watches while the daemon runs: the metrics endpoint (--metrics) and the periodic stats line
/// (--stats-interval). Both start once every endpoint is bound; the ticks stop when shutdown begins, the endpoint
/// (answering 503 on /healthz meanwhile) after the host has stopped. Without either option nothing is started.
/// </summary>
public sealed class DaemonLiveView : IAsyncDisposable
{
    private readonly DaemonOptions _options;
    private readonly TextWriter _stderr;
    private readonly ReceiverHealth _health = new();
    private MetricsEndpoint? _metrics;
    private StatsTicker? _ticker;

    /// <param name="options">--metrics and --stats-interval.</param>
    /// <param name="stderr">Where the metrics address and the stats lines go.</param>
    public DaemonLiveView(DaemonOptions options, TextWriter stderr)
    {
        _options = options;
        _stderr = stderr;
    }

    /// <summary>During the host's start, before the receiver binds: follow its endpoints, and stop the ticks at shutdown.</summary>
    public void Watch(ActorSystem system)
    {
        if (_options.Metrics is not null)
            _health.Watch(system);
        if (_options.StatsInterval is not null)
        {
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "trapactors-stats-interval-stop", async () =>
            {
                if (_ticker is { } ticker)
                    await ticker.DisposeAsync().ConfigureAwait(false);
                return Akka.Done.Instance;
            });
        }
    }

    /// <summary>Once every endpoint is bound. Null, or why the metrics endpoint cannot start (one line).</summary>
    public string? Start(ActorSystem system, BoundEndpoints bound, Func<PrinterLosses> losses)
    {
        var receiver = TrapReceiverExtension.Get(system).Receiver;
        if (_options.Metrics is { } address)
        {
            _health.Activated(bound.Endpoints);
            try
            {
                _metrics = MetricsEndpoint.Start(address, () => (_health.Healthy, _health.Describe()));
            }
            catch (MetricsEndpointException e)
            {
                Log.Debug(e, "The metrics endpoint did not start");
                return e.Message;
            }
            _stderr.WriteLine(_metrics.Line);
        }
        if (_options.StatsInterval is { } interval)
            _ticker = new StatsTicker(interval, receiver, losses, _stderr);
        return null;
    }

    /// <summary>After the host has stopped: no more stats lines, the endpoint closed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ticker is { } ticker)
            await ticker.DisposeAsync().ConfigureAwait(false);
        _metrics?.Dispose();
        _metrics = null;
    }
}
