using System.Diagnostics;

namespace TrapActors.LoadBenchmark;

/// <summary>The figures of one measured load run against one target.</summary>
public sealed record RunResult
{
    public required TargetKind Target { get; init; }
    public required TrapKind Kind { get; init; }
    public required int ReceiveBuffer { get; init; }
    /// <summary>Requested rate; null when flat out.</summary>
    public double? OfferedRate { get; init; }
    public required SendResult Send { get; init; }
    public long Delivered { get; init; }
    /// <summary>From the first send to the last delivery seen.</summary>
    public double DeliverySeconds { get; init; }
    /// <summary>From the last send to the last delivery seen (the backlog the receiver had to work off).</summary>
    public double LagSeconds { get; init; }
    public bool DrainTimedOut { get; init; }
    public long? SocketDrops { get; init; }
    public long GlobalRcvbufErrors { get; init; }
    public TimeSpan? P50 { get; init; }
    public TimeSpan? P99 { get; init; }
    public TimeSpan? Max { get; init; }
    public double? CpuSeconds { get; init; }
    public long? AllocatedBytes { get; init; }
    public int[]? GcCounts { get; init; }
    public long? PeakRssKb { get; init; }
    public TargetFinal? Final { get; init; }
    public long Warmup { get; init; }
    public int Subscribers { get; init; } = 1;
    /// <summary>Cold mode: from starting the target's process to seeing it listen.</summary>
    public double? StartupSeconds { get; init; }

    public long Lost => Send.Sent - Delivered;
    public double LossPercent => Send.Sent == 0 ? 0 : 100.0 * Lost / Send.Sent;
    public double DeliveredPerSecond => DeliverySeconds > 0 ? Delivered / DeliverySeconds : 0;
    public double? CpuMicrosPerTrap => CpuSeconds is { } c && Delivered > 0 ? c * 1e6 / Delivered : null;
    public double? AllocBytesPerTrap => AllocatedBytes is { } a && Delivered > 0 ? (double)a / Delivered : null;
    public double GeneratorCpuMicrosPerPacket => Send.Sent > 0 ? Send.GeneratorCpuSeconds * 1e6 / Send.Sent : 0;
}

/// <summary>Runs load against a started target and measures what it delivered and what it cost.</summary>
public static class Measurement
{
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A short low-rate run so that JIT, tiering and (v3) key localization are done before measuring.</summary>
    public static async Task WarmUpAsync(ITargetInstance target, LoadGenerator generator, int count)
    {
        if (count <= 0)
            return;
        var before = target.Delivered();
        var send = await RunAsync(generator, 10_000, count, TimeSpan.FromSeconds(30));
        await WaitDrainedAsync(target, before + send.Sent, Stopwatch.StartNew(), TimeSpan.FromMilliseconds(500));
    }

    public static async Task<RunResult> MeasureAsync(ITargetInstance target, LoadGenerator generator, TrapKind kind, int receiveBuffer,
        double? rate, long count, TimeSpan duration, int warmup)
    {
        if (target.InProcess)
        {
            ProcFs.ResetOwnPeakRss();
            // Garbage left by earlier runs in this process is not this run's.
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        target.Latency?.Reset();
        var delivered0 = target.Delivered();
        var socket0 = ProcFs.UdpSocket(target.Port);
        var udp0 = ProcFs.UdpCounters();
        var snap0 = target.Snapshot();

        var clock = Stopwatch.StartNew();
        var send = await RunAsync(generator, rate, count, duration);
        var (delivered1, lastChange, timedOut) = await WaitDrainedAsync(target, delivered0 + send.Sent, clock, Quiet);

        var snap1 = target.Snapshot();
        var socket1 = ProcFs.UdpSocket(target.Port);
        var udp1 = ProcFs.UdpCounters();
        var peak = target.PeakRssKb();
        var latency = target.Latency;

        double? cpu = snap0.CpuSeconds is { } c0 && snap1.CpuSeconds is { } c1 ? c1 - c0 : null;
        if (cpu is not null && target.InProcess)
            cpu -= send.GeneratorCpuSeconds;   // the load generator's thread runs in this process too
        return new RunResult
        {
            Target = target.Kind,
            Kind = kind,
            ReceiveBuffer = receiveBuffer,
            OfferedRate = rate,
            Send = send,
            Delivered = delivered1 - delivered0,
            DeliverySeconds = lastChange.TotalSeconds,
            LagSeconds = Math.Max(0, lastChange.TotalSeconds - send.Seconds),
            DrainTimedOut = timedOut,
            SocketDrops = socket0 is { } s0 && socket1 is { } s1 ? s1.Drops - s0.Drops : null,
            GlobalRcvbufErrors = udp1.GetValueOrDefault("RcvbufErrors") - udp0.GetValueOrDefault("RcvbufErrors"),
            P50 = latency?.Quantile(0.50),
            P99 = latency?.Quantile(0.99),
            Max = latency?.Quantile(1.0),
            CpuSeconds = cpu,
            AllocatedBytes = snap0.AllocatedBytes is { } a0 && snap1.AllocatedBytes is { } a1 ? a1 - a0 : null,
            GcCounts = snap0.GcCounts is { } g0 && snap1.GcCounts is { } g1 ? [.. g1.Zip(g0, (x, y) => x - y)] : null,
            PeakRssKb = peak,
            Warmup = warmup,
        };
    }

    /// <summary>The generator on its own thread, awaited without blocking a pool thread.</summary>
    private static Task<SendResult> RunAsync(LoadGenerator generator, double? rate, long count, TimeSpan duration)
    {
        var done = new TaskCompletionSource<SendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(generator.Run(rate, count, duration));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "load-run" };
        thread.Start();
        return done.Task;
    }

    /// <summary>
    /// Polls the delivered count (only once sending is over, so that polling takes no CPU from the receiver under
    /// load) until it reaches <paramref name="expected"/> or stops changing for <paramref name="quiet"/>.
    /// Returns the count and when (on <paramref name="clock"/>) it last changed.
    /// </summary>
    public static async Task<(long Count, TimeSpan LastChange, bool TimedOut)> WaitDrainedAsync(ITargetInstance target, long expected,
        Stopwatch clock, TimeSpan quiet)
    {
        var start = clock.Elapsed;
        var last = target.Delivered();
        var lastChange = clock.Elapsed;
        while (last < expected)
        {
            if (clock.Elapsed - lastChange >= quiet)
                return (last, lastChange, false);
            if (clock.Elapsed - start >= DrainTimeout)
                return (last, lastChange, true);
            await Task.Delay(20);
            var now = target.Delivered();
            if (now != last)
            {
                last = now;
                lastChange = clock.Elapsed;
            }
        }
        return (last, lastChange, false);
    }
}
