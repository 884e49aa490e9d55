using Akka.Actor;

namespace TrapActors.Daemon;

/// <summary>
/// --stats-interval SECONDS: the receiver's counters as the stats JSON line (<see cref="StatsJson"/>, the object printed
/// at shutdown) on standard error every interval, until the daemon starts stopping. The shutdown line stays the last.
/// </summary>
public sealed class StatsTicker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    /// <param name="receiver">The receiver asked for <see cref="TrapReceiverStats"/>.</param>
    /// <param name="losses">What the printer lost so far (moved from delivered to the daemon's drop reasons, as at shutdown).</param>
    public StatsTicker(TimeSpan interval, IActorRef receiver, Func<PrinterLosses> losses, TextWriter stderr)
    {
        _loop = RunAsync(interval, receiver, losses, stderr, _stop.Token);
    }

    private static async Task RunAsync(TimeSpan interval, IActorRef receiver, Func<PrinterLosses> losses, TextWriter stderr, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                TrapReceiverStats stats;
                try
                {
                    stats = await receiver.Ask<TrapReceiverStats>(GetTrapReceiverStats.Instance, DaemonHost.StatsTimeout, stop).ConfigureAwait(false);
                }
                catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
                {
                    continue;   // a busy or stopping receiver: the next tick tries again
                }
                if (!stop.IsCancellationRequested)
                    stderr.WriteLine(StatsJson.Format(stats, losses()));
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    /// <summary>Stops the ticks; nothing is written after this returns.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
