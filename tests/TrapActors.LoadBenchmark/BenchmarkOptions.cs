using System.Globalization;

namespace TrapActors.LoadBenchmark;

public enum TrapKind
{
    V2c,

    /// <summary>authPriv, HMAC-96-SHA-1 and AES-128.</summary>
    V3,

    /// <summary>authPriv, HMAC-192-SHA-256 and AES-128.</summary>
    V3Sha256,
}

public enum TargetKind
{
    TrapActors,
    Embedded,
    Snmptrapd,

    /// <summary>Two ActorSystems in this process forming a cluster: the receiver publishes, a subscriber node counts.</summary>
    Cluster,
}

/// <summary>The benchmark's command line.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>Hard caps of one run (one target, one rate).</summary>
    public const long MaxCount = 5_000_000;
    public const double MaxDurationSeconds = 120;

    public const string Usage = """
        Usage: dotnet run -c Release --project tests/TrapActors.LoadBenchmark -- [OPTIONS]

        Replays SNMP traps captured from net-snmp's snmptrap over loopback UDP (127.0.0.1 only) to the
        trapactors daemon, an in-process receiver and net-snmp's snmptrapd, and prints Markdown tables.

        Load:
          --rate N                 Offered rate in datagrams per second (default 10000), sent in batches
                                   every millisecond.
          --flat-out               Send as fast as one thread can instead of --rate.
          --count N                Datagrams per run (default rate x duration; at most 5,000,000).
          --duration S             Longest sending time per run in seconds (default 10; at most 120).
          --kind v2c|v3|v3-sha256|both|all   v2c trap (community public), v3 authPriv SHA/AES or SHA-256/AES trap,
                           both (v2c and v3) or all three, comma-separated lists too (default v2c).
          --target LIST            trapactors, embedded, snmptrapd or all (default all); comma-separated.
                                   cluster (not in all): two ActorSystems in this process forming an Akka.NET
                                   cluster on 127.0.0.1, the receiver on one publishing, a subscriber on the other.
          --receive-buffer LIST    Receivers' socket receive buffer in bytes, 0 = OS default (default 0);
                                   comma-separated to run each, e.g. 0,4194304. Applied to all three targets.
          --packets N              Distinct datagrams captured and cycled through (default 64).
          --subscribers LIST       Embedded target only: N subscribers, the counting one (every notification) and
                                   N-1 with distinct trap-OID-prefix and source filters that select none (default 1);
                                   comma-separated to run each, e.g. 1,1000 (interleaved when repeated).
          --senders N              Source sockets (ports) the datagrams are spread over (default 4).
          --warmup N               Datagrams sent at a low rate before each measurement (default 5000).
          --repeat N               Run everything N times, interleaved (round 1 of every configuration, then
                                   round 2, ...), and add the median and the spread of each configuration (default 1).
          --sources N              After the warm-up, one datagram (of --kind) from each of N distinct sources
                                   (127.1.x.y, a socket each), paced at --sources-rate; reports delivered, RSS and
                                   (embedded) GC heap growth per source, then measures with the N sessions still
                                   known (session.max-sessions raised to N + 1000; at most 1,000,000).
          --sources-rate R         Pace of --sources in sources per second (default 10000).

        Capacity:
          --find-capacity          For each target, step the rate up (--steps) for --step-duration seconds
                                   each until more than --max-loss percent is lost; report the highest rate.
          --steps LIST             Rates to try (default 5000,10000,20000,40000,80000,160000,320000).
          --step-duration S        Seconds per step (default 3).
          --refine N               Then bisect N times between the last passing and the first failing
                                   rate (default 2).
          --max-loss P             Loss threshold in percent (default 0.1).
          --max-lag S              Also report the highest passing rate whose backlog drained within S
                                   seconds of the last send (default 1).

        Users (issue #15 item 2):
          --users N                Instead of the runs above: write a users file with N SNMPv3 users (SHA/AES),
                                   start the daemon with it, time start to 'listening', send v3 authPriv traps
                                   from 8 of the users at once and check none is lost; then the receiver's
                                   memory per user in this process, before and after the keys are derived.
        Cold start:
          --cold                   Also run each target cold: a fresh process per run (with --find-capacity: per
                                   step), no warm-up, sending from the moment it listens for --cold-seconds; the
                                   report puts the cold capacity next to the warm one (daemon and snmptrapd only).
          --cold-only              Only the cold runs (no warm ones).
          --cold-seconds S         Seconds of sending from listening in cold mode (default 5).

        Other:
          --daemon PATH            TrapActors.Daemon.dll (default: the build next to this one).
          --daemon-hocon TEXT      HOCON added to the daemon's --config file, e.g. 'trap-actors.listener.warm-up = off'.
          --daemon-args TEXT       More daemon options, separated by spaces, e.g. '--mib-dir DIR' or '--no-mibs'.
          --output FILE            Also write the Markdown report to FILE.
          --help                   This text.
        """;

    public double Rate { get; init; } = 10_000;
    public bool FlatOut { get; init; }
    public long? Count { get; init; }
    public double DurationSeconds { get; init; } = 10;
    public IReadOnlyList<TrapKind> Kinds { get; init; } = [TrapKind.V2c];
    public IReadOnlyList<TargetKind> Targets { get; init; } = [TargetKind.TrapActors, TargetKind.Embedded, TargetKind.Snmptrapd];
    public IReadOnlyList<int> ReceiveBuffers { get; init; } = [0];
    public int Packets { get; init; } = 64;
    public int Senders { get; init; } = 4;

    /// <summary>Subscriber counts of the embedded target, each run in turn: the counting one plus N - 1 whose filters select nothing.</summary>
    public IReadOnlyList<int> Subscribers { get; init; } = [1];

    /// <summary>Rounds of the whole set of runs, interleaved so that a slow period of the machine hits every configuration alike.</summary>
    public int Repeat { get; init; } = 1;
    public int Warmup { get; init; } = 5000;

    /// <summary>Distinct sources that each send one datagram before measuring (0: none).</summary>
    public int Sources { get; init; }
    public double SourcesRate { get; init; } = 10_000;
    public bool FindCapacity { get; init; }
    public IReadOnlyList<double> Steps { get; init; } = [5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000];
    public double StepDurationSeconds { get; init; } = 3;
    public int Refine { get; init; } = 2;
    public double MaxLossPercent { get; init; } = 0.1;
    public double MaxLagSeconds { get; init; } = 1;
    /// <summary>--users N: the start-up with N SNMPv3 users (UsersStartup) instead of the load runs.</summary>
    public int? Users { get; init; }
    public string? DaemonPath { get; init; }
    public string DaemonHocon { get; init; } = "";
    public string[] DaemonArgs { get; init; } = [];
    public string? OutputFile { get; init; }
    public bool Help { get; init; }
    public bool Cold { get; init; }
    public bool ColdOnly { get; init; }
    public double ColdSeconds { get; init; } = 5;

    /// <summary>Datagrams of one fixed-rate run: --count, else rate x duration, within the caps.</summary>
    public long RunCount(double? rate, double durationSeconds) =>
        Math.Min(MaxCount, Count ?? (rate is { } r ? (long)Math.Ceiling(r * durationSeconds) : MaxCount));

    public static bool TryParse(IReadOnlyList<string> args, out BenchmarkOptions options, out string error)
    {
        options = new BenchmarkOptions();
        error = "";
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Next()
            {
                if (i + 1 >= args.Count)
                    throw new FormatException($"option {name} requires a value");
                return args[++i];
            }
            try
            {
                options = name switch
                {
                    "--help" or "-h" => options with { Help = true },
                    "--rate" => options with { Rate = Positive(name, Double(Next())), FlatOut = false },
                    "--flat-out" => options with { FlatOut = true },
                    "--count" => options with { Count = (long)Positive(name, Double(Next())) },
                    "--duration" => options with { DurationSeconds = Positive(name, Double(Next())) },
                    "--kind" => options with { Kinds = ParseKinds(Next()) },
                    "--target" => options with { Targets = ParseTargets(Next()) },
                    "--receive-buffer" => options with { ReceiveBuffers = [.. Next().Split(',').Select(s => checked((int)Double(s)))] },
                    "--packets" => options with { Packets = (int)Positive(name, Double(Next())) },
                    "--senders" => options with { Senders = (int)Positive(name, Double(Next())) },
                    "--subscribers" => options with { Subscribers = [.. Next().Split(',').Select(s => (int)Positive(name, Double(s)))] },
                    "--repeat" => options with { Repeat = (int)Positive(name, Double(Next())) },
                    "--warmup" => options with { Warmup = (int)Double(Next()) },
                    "--sources" => options with { Sources = (int)Math.Min(ManySources.MaxSources, Positive(name, Double(Next()))) },
                    "--sources-rate" => options with { SourcesRate = Positive(name, Double(Next())) },
                    "--find-capacity" => options with { FindCapacity = true },
                    "--steps" => options with { Steps = [.. Next().Split(',').Select(s => Positive(name, Double(s)))] },
                    "--refine" => options with { Refine = (int)Double(Next()) },
                    "--step-duration" => options with { StepDurationSeconds = Positive(name, Double(Next())) },
                    "--max-loss" => options with { MaxLossPercent = Double(Next()) },
                    "--max-lag" => options with { MaxLagSeconds = Double(Next()) },
                    "--users" => options with { Users = (int)Positive(name, Double(Next())) },
                    "--cold" => options with { Cold = true },
                    "--cold-only" => options with { Cold = true, ColdOnly = true },
                    "--cold-seconds" => options with { ColdSeconds = Positive(name, Double(Next())) },
                    "--daemon-hocon" => options with { DaemonHocon = options.DaemonHocon + Next() + "\n" },
                    "--daemon-args" => options with { DaemonArgs = [.. options.DaemonArgs, .. Next().Split(' ', StringSplitOptions.RemoveEmptyEntries)] },
                    "--daemon" => options with { DaemonPath = Next() },
                    "--output" => options with { OutputFile = Next() },
                    _ => throw new FormatException($"unknown option '{name}' (see --help)"),
                };
            }
            catch (FormatException e)
            {
                error = e.Message;
                return false;
            }
        }
        if (options.Count > MaxCount)
            options = options with { Count = MaxCount };
        if (options.DurationSeconds > MaxDurationSeconds)
            options = options with { DurationSeconds = MaxDurationSeconds };
        if (options.StepDurationSeconds > MaxDurationSeconds)
            options = options with { StepDurationSeconds = MaxDurationSeconds };
        if (options.Senders > 64)
            options = options with { Senders = 64 };
        return true;
    }

    private static double Double(string text) =>
        double.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a number");

    private static double Positive(string name, double value) =>
        value > 0 ? value : throw new FormatException($"{name} must be positive");

    private static List<TrapKind> ParseKinds(string text)
    {
        var kinds = new List<TrapKind>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            kinds.AddRange(part switch
            {
                "v2c" => [TrapKind.V2c],
                "v3" => [TrapKind.V3],
                "v3-sha256" => [TrapKind.V3Sha256],
                "both" => [TrapKind.V2c, TrapKind.V3],
                "all" => [TrapKind.V2c, TrapKind.V3, TrapKind.V3Sha256],
                _ => throw new FormatException($"--kind: '{part}' (expected v2c, v3, v3-sha256, both or all)"),
            });
        }
        return kinds.Count == 0 ? throw new FormatException("--kind: empty") : [.. kinds.Distinct()];
    }

    private static List<TargetKind> ParseTargets(string text)
    {
        var targets = new List<TargetKind>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (part)
            {
                case "all":
                    targets.AddRange([TargetKind.TrapActors, TargetKind.Embedded, TargetKind.Snmptrapd]);
                    break;
                case "trapactors" or "daemon":
                    targets.Add(TargetKind.TrapActors);
                    break;
                case "embedded":
                    targets.Add(TargetKind.Embedded);
                    break;
                case "snmptrapd":
                    targets.Add(TargetKind.Snmptrapd);
                    break;
                case "cluster":
                    targets.Add(TargetKind.Cluster);
                    break;
                default:
                    throw new FormatException($"--target: '{part}' (expected trapactors, embedded, snmptrapd, cluster or all)");
            }
        }
        return targets.Count == 0 ? throw new FormatException("--target: empty") : [.. targets.Distinct()];
    }

    public static string Name(TrapKind kind) => kind switch
    {
        TrapKind.V2c => "v2c",
        TrapKind.V3 => "v3",
        _ => "v3-sha256",
    };

    public static string Name(TargetKind target) => target switch
    {
        TargetKind.TrapActors => "trapactors",
        TargetKind.Embedded => "embedded",
        TargetKind.Cluster => "cluster",
        _ => "snmptrapd",
    };
}
