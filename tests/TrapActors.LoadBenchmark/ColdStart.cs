using System.Diagnostics;

namespace TrapActors.LoadBenchmark;

/// <summary>
/// Cold mode (--cold): every run, and every step of a capacity search, gets a freshly started target process with no
/// warm-up at all. Sending starts as soon as the target is seen listening (the daemon's <c>listening</c> line, polled
/// every 20 ms) and lasts <see cref="BenchmarkOptions.ColdSeconds"/>; then the target drains and is stopped.
/// Only child processes can be cold: the in-process targets (embedded, cluster) share this process's JIT.
/// </summary>
public sealed class ColdStart(BenchmarkOptions options, Report report)
{
    public static bool Supports(TargetKind target) => target is TargetKind.TrapActors or TargetKind.Snmptrapd;

    public async Task RunAsync(TargetKind targetKind, TrapKind kind, IReadOnlyList<byte[]> packets, TargetEnvironment env,
        CancellationToken cancellationToken)
    {
        if (!Supports(targetKind))
        {
            Runner.Progress($"cold: {BenchmarkOptions.Name(targetKind)} runs in this process and cannot start cold; skipped");
            return;
        }
        var search = new CapacitySearch(targetKind, kind, env.ReceiveBufferSize);
        report.ColdSearches.Add(search);
        Runner.Progress($"{BenchmarkOptions.Name(targetKind)} {BenchmarkOptions.Name(kind)} cold: a fresh target per " +
                 $"{(options.FindCapacity ? "step" : "run")}, {options.ColdSeconds:0.#} s from listening");
        if (!options.FindCapacity)
        {
            await ColdRunAsync(options.Rate);
            return;
        }
        await CapacitySearch.StepAndBisectAsync(options, ColdRunAsync, cancellationToken);

        async Task<RunResult> ColdRunAsync(double rate)
        {
            var count = Math.Min(BenchmarkOptions.MaxCount, (long)Math.Ceiling(rate * options.ColdSeconds));
            var duration = TimeSpan.FromSeconds(Math.Min(BenchmarkOptions.MaxDurationSeconds, options.ColdSeconds * 1.5));
            var started = Stopwatch.StartNew();
            await using var target = await TargetEnvironment.StartAsync(targetKind, env);
            var startup = started.Elapsed;
            using var generator = new LoadGenerator(packets, target.Port, options.Senders);
            var step = await Measurement.MeasureAsync(target, generator, kind, env.ReceiveBufferSize, rate, count, duration, warmup: 0);
            step = step with { Final = await target.StopAsync(), StartupSeconds = startup.TotalSeconds };
            search.Steps.Add(step);
            Runner.Progress($"  cold (listening after {startup.TotalSeconds:0.00} s) " + Report.Summary(step));
            return step;
        }
    }
}
