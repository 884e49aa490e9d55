using System.Globalization;
using System.Reflection;

namespace TrapActors.LoadBenchmark;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (!BenchmarkOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine($"loadbench: {error}");
            return 2;
        }
        if (options.Help)
        {
            Console.Out.Write(BenchmarkOptions.Usage);
            return 0;
        }
        foreach (var tool in (string[])["/usr/bin/snmptrap", "/usr/sbin/snmptrapd"])
        {
            if (!File.Exists(tool))
            {
                Console.Error.WriteLine($"loadbench: {tool} is missing (apt-get install snmp snmptrapd)");
                return 1;
            }
        }
        var daemon = options.DaemonPath ?? DefaultDaemonPath();
        if (options.Targets.Contains(TargetKind.TrapActors) && !File.Exists(daemon))
        {
            Console.Error.WriteLine($"loadbench: {daemon} is missing (build src/TrapActors.Daemon, or pass --daemon)");
            return 1;
        }
        var configuration = typeof(Program).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
        if (configuration != "Release")
            Console.Error.WriteLine($"loadbench: warning: built in {configuration}, figures are not meaningful (use -c Release)");

        var work = Directory.CreateTempSubdirectory("trapactors-loadbench-");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        if (options.Users is { } users)
            return await UsersStartup.RunAsync(users, work, daemon, options.OutputFile, cancel.Token);   // deletes work
        var report = new Report(options, args, daemon);
        try
        {
            await new Runner(options, report, work.FullName, daemon).RunAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("loadbench: interrupted; partial results follow");
        }
        finally
        {
            work.Delete(recursive: true);
        }
        var markdown = report.ToMarkdown();
        Console.Out.Write(markdown);
        if (options.OutputFile is { } file)
            await File.WriteAllTextAsync(file, markdown);
        return 0;
    }

    /// <summary>src/TrapActors.Daemon/bin/CONFIGURATION/TFM/TrapActors.Daemon.dll next to this program's build.</summary>
    private static string DefaultDaemonPath()
    {
        // This program runs from tests/TrapActors.LoadBenchmark/bin/CONFIGURATION/TFM/.
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = bin.Name;
        var configuration = bin.Parent?.Name ?? "Release";
        for (var dir = bin; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrapActors.sln")))
                return Path.Combine(dir.FullName, "src", "TrapActors.Daemon", "bin", configuration, tfm, "TrapActors.Daemon.dll");
        }
        return Path.Combine("src", "TrapActors.Daemon", "bin", configuration, tfm, "TrapActors.Daemon.dll");
    }
}

/// <summary>Captures the datagrams, then runs every kind × receive buffer × target (fixed rate or capacity search).</summary>
public sealed class Runner(BenchmarkOptions options, Report report, string workDirectory, string daemonDll)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var kind in options.Kinds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Progress($"capturing {options.Packets} {BenchmarkOptions.Name(kind)} datagrams from snmptrap");
            var packets = await PacketCapture.CaptureAsync(kind, options.Packets, cancellationToken);
            report.Packets[kind] = (packets.Count, packets.Min(p => p.Length), packets.Max(p => p.Length));
            for (var round = 1; round <= options.Repeat; round++)
            {
                foreach (var buffer in options.ReceiveBuffers)
                {
                    foreach (var subscribers in options.Subscribers)
                    {
                        var env = new TargetEnvironment(workDirectory, daemonDll, buffer, subscribers, options.DaemonHocon)
                        {
                            MaxSessions = options.Sources > 0 ? options.Sources + 1000 : 0,
                            DaemonArgs = options.DaemonArgs,
                        };
                        foreach (var target in options.Targets)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            if (options.Repeat > 1)
                                Progress($"round {round} of {options.Repeat}");
                            if (options.Cold)
                                await new ColdStart(options, report).RunAsync(target, kind, packets, env, cancellationToken);
                            if (options.ColdOnly)
                                continue;
                            if (options.FindCapacity)
                                await FindCapacityAsync(target, kind, packets, env, cancellationToken);
                            else
                                await FixedRunAsync(target, kind, packets, env);
                        }
                    }
                }
            }
        }
    }

    private async Task FixedRunAsync(TargetKind targetKind, TrapKind kind, IReadOnlyList<byte[]> packets, TargetEnvironment env)
    {
        double? rate = options.FlatOut ? null : options.Rate;
        var count = options.RunCount(rate, options.DurationSeconds);
        Progress($"{Label(targetKind, kind, env.ReceiveBufferSize)}: {(rate is { } r ? $"{r:0}/s" : "flat out")}, up to {count} datagrams in {options.DurationSeconds:0.#} s");
        await using var target = await TargetEnvironment.StartAsync(targetKind, env);
        using var generator = new LoadGenerator(packets, target.Port, options.Senders);
        await Measurement.WarmUpAsync(target, generator, options.Warmup);
        if (options.Sources > 0)
            await ManySources.RunAsync(target, packets[0], options.Sources, options.SourcesRate);
        var result = await Measurement.MeasureAsync(target, generator, kind, env.ReceiveBufferSize, rate, count,
            TimeSpan.FromSeconds(options.DurationSeconds), options.Warmup);
        result = result with { Final = await target.StopAsync(), Subscribers = SubscribersOf(targetKind, env) };
        Progress("  " + Report.Summary(result));
        report.Runs.Add(result);
    }

    /// <summary>One target instance, warmed once; each step runs after the previous one drained. Stops at the first failing step.</summary>
    private async Task FindCapacityAsync(TargetKind targetKind, TrapKind kind, IReadOnlyList<byte[]> packets, TargetEnvironment env,
        CancellationToken cancellationToken)
    {
        Progress($"{Label(targetKind, kind, env.ReceiveBufferSize)}: capacity search, {options.StepDurationSeconds:0.#} s per step");
        var search = new CapacitySearch(targetKind, kind, env.ReceiveBufferSize) { Subscribers = SubscribersOf(targetKind, env) };
        report.Capacities.Add(search);
        await using var target = await TargetEnvironment.StartAsync(targetKind, env);
        using var generator = new LoadGenerator(packets, target.Port, options.Senders);
        await Measurement.WarmUpAsync(target, generator, options.Warmup);
        if (options.Sources > 0)
            await ManySources.RunAsync(target, packets[0], options.Sources, options.SourcesRate);
        await CapacitySearch.StepAndBisectAsync(options, StepAsync, cancellationToken);
        search.Final = await target.StopAsync();

        async Task<RunResult> StepAsync(double rate)
        {
            var count = Math.Min(BenchmarkOptions.MaxCount, (long)Math.Ceiling(rate * options.StepDurationSeconds));
            // The count ends the step; the duration only bounds a generator that cannot keep up.
            var duration = TimeSpan.FromSeconds(Math.Min(BenchmarkOptions.MaxDurationSeconds, options.StepDurationSeconds * 1.5));
            var step = await Measurement.MeasureAsync(target, generator, kind, env.ReceiveBufferSize, rate, count, duration, options.Warmup)
                with { Subscribers = search.Subscribers };
            search.Steps.Add(step);
            Progress("  " + Report.Summary(step));
            return step;
        }
    }

    /// <summary>Only the embedded target has more than one subscriber.</summary>
    private static int SubscribersOf(TargetKind target, TargetEnvironment env) => target == TargetKind.Embedded ? env.Subscribers : 1;

    private static string Label(TargetKind target, TrapKind kind, int buffer) =>
        $"{BenchmarkOptions.Name(target)} {BenchmarkOptions.Name(kind)} rcvbuf={(buffer == 0 ? "OS-default" : buffer.ToString(CultureInfo.InvariantCulture))}";

    /// <summary>A time-stamped progress line on stderr (the report goes to stdout).</summary>
    public static void Progress(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
}

/// <summary>The steps of one capacity search.</summary>
public sealed class CapacitySearch(TargetKind target, TrapKind kind, int receiveBuffer)
{
    public TargetKind Target { get; } = target;
    public TrapKind Kind { get; } = kind;
    public int ReceiveBuffer { get; } = receiveBuffer;
    public int Subscribers { get; init; } = 1;
    public List<RunResult> Steps { get; } = [];
    public TargetFinal? Final { get; set; }

    /// <summary>The rate a step really offered: the requested one, or what the generator reached when it fell more than 5 % short.</summary>
    public static double Effective(RunResult step) =>
        GeneratorLimited(step) ? step.Send.AchievedRate : step.OfferedRate ?? step.Send.AchievedRate;

    public static bool GeneratorLimited(RunResult step) => step.OfferedRate is { } rate && step.Send.AchievedRate < 0.95 * rate;

    /// <summary>
    /// Steps the rate up through --steps until a step loses more than --max-loss, then bisects --refine times between
    /// the last passing and the first failing rate (rounded to 1,000/s). A step whose generator fell short of the rate
    /// (2 cores shared with the receiver) counts at the rate it reached.
    /// </summary>
    public static async Task StepAndBisectAsync(BenchmarkOptions options, Func<double, Task<RunResult>> step, CancellationToken cancellationToken)
    {
        double? passed = null, failed = null;
        foreach (var rate in options.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await step(rate);
            if (Failed(result))
            {
                failed = Effective(result);
                break;
            }
            passed = Effective(result);
            if (GeneratorLimited(result))
                break;   // cannot offer more
        }
        for (var i = 0; i < options.Refine && passed is { } lo && failed is { } hi; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var mid = Math.Round((lo + hi) / 2 / 1000) * 1000;
            if (mid <= lo || mid >= hi)
                break;
            var result = await step(mid);
            if (Failed(result))
                failed = Math.Min(hi, Effective(result));
            else
                passed = Math.Max(lo, Effective(result));
        }

        bool Failed(RunResult r) => r.LossPercent > options.MaxLossPercent || r.DrainTimedOut;
    }

    /// <summary>
    /// The step with the highest (effective) rate that passed (loss within the threshold, and lag within
    /// <paramref name="maxLagSeconds"/> when given) below the lowest rate that failed.
    /// </summary>
    public RunResult? Capacity(double maxLossPercent, double? maxLagSeconds = null)
    {
        bool Passed(RunResult s) =>
            s.LossPercent <= maxLossPercent && !s.DrainTimedOut && (maxLagSeconds is not { } lag || s.LagSeconds <= lag);
        var lowestFail = Steps.Where(s => !Passed(s)).Select(Effective).DefaultIfEmpty(double.MaxValue).Min();
        return Steps.Where(s => Passed(s) && Effective(s) < lowestFail).MaxBy(Effective);
    }
}
