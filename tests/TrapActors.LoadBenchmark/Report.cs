using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace TrapActors.LoadBenchmark;

/// <summary>Collects the results and renders them as Markdown.</summary>
public sealed class Report(BenchmarkOptions options, IReadOnlyList<string> args, string daemonDll)
{
    public List<RunResult> Runs { get; } = [];
    public List<CapacitySearch> Capacities { get; } = [];
    public List<CapacitySearch> ColdSearches { get; } = [];
    public Dictionary<TrapKind, (int Count, int MinLength, int MaxLength)> Packets { get; } = [];

    private readonly DateTime _started = DateTime.UtcNow;

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"### Load benchmark, {_started:yyyy-MM-dd HH:mm} UTC ({(DateTime.UtcNow - _started).TotalMinutes:0.0} min)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"Command: `dotnet run -c Release --project tests/TrapActors.LoadBenchmark --{string.Concat(args.Select(a => " " + Quote(a)))}`");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Machine()}");
        foreach (var (kind, p) in Packets)
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"- {BenchmarkOptions.Name(kind)} datagrams: {p.Count} distinct, {p.MinLength}–{p.MaxLength} bytes, each from `{PacketCapture.CommandLine(kind)}`");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"- Load: 127.0.0.1 only, from {options.Senders} source sockets, paced in batches every ~1 ms (deadline schedule); " +
            $"{options.Warmup} warm-up datagrams at 10,000/s before measuring; counts taken once the receiver drained (no change for {Measurement.Quiet.TotalSeconds:0} s).");
        sb.AppendLine("- Rcvbuf: the receive buffer each receiver asks for. OS default: none asked (`trap-actors.listener.receive-buffer-size = 0`, no `serverRecvBuf`), " +
                      "so net.core.rmem_default; 4 MiB: `trap-actors.listener.receive-buffer-size = 4194304` (the daemon through `--config`) and `[snmp] serverRecvBuf 4194304` for snmptrapd. " +
                      "Linux doubles the figure for its bookkeeping and charges each queued datagram its whole buffer (truesize), not its length.");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"- trapactors: `dotnet {Path.GetFileName(daemonDll)} --listen udp:127.0.0.1:0 --format json --users-file F --engine-id {TargetEnvironment.ReceiverEngineId} --state-dir D --config F`, stdout > file; delivered = lines in that file.");
        sb.AppendLine("- embedded: ActorSystem + TrapReceiverExtension + one counting subscriber in the benchmark process; latency = subscriber receipt − `SnmpNotification.ReceivedAt` (socket read), so it leaves out time spent in the kernel buffer.");
        if (options.Targets.Contains(TargetKind.Cluster))
            sb.AppendLine("- cluster: " + ClusterTarget.Description);
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"- snmptrapd: `{SnmptrapdTarget.CommandLine}`, CONF: `authCommunity log public`, `createUser -e {PacketCapture.SenderEngineId} user SHA authpass AES privpass`, `authUser log user`, `format2 TRAP %b %v\\n` (and `[snmp] serverRecvBuf N` when a buffer is set); delivered = `TRAP` lines in LOG.");
        sb.AppendLine("- Loss = sent − delivered. Socket drops = the receiving socket's `drops` in /proc/net/udp (receive buffer full); CPU = utime+stime of the receiver's process (/proc/PID/stat, 10 ms ticks; embedded: the benchmark process minus the generator thread) from the end of the warm-up to the drain, per delivered trap.");
        sb.AppendLine();

        var spread = options.Repeat > 1 || options.Subscribers.Count > 1;
        if (Runs.Count > 0)
        {
            FixedRuns(sb);
            if (spread)
                Spread.FixedRuns(sb, Runs);
        }
        if (Capacities.Count > 0)
        {
            CapacityTable(sb);
            if (spread)
                Spread.Capacities(sb, Capacities, options.MaxLossPercent);
        }
        ManySources.AppendMarkdown(sb);
        if (ColdSearches.Count > 0)
            ColdStartReport.Append(sb, options, ColdSearches, Capacities);
        return sb.ToString();
    }

    private void FixedRuns(StringBuilder sb)
    {
        sb.AppendLine("| Target | Kind | Rcvbuf | Offered/s | Sent | Delivered | Delivered/s | Loss % | Socket drops | Lag s | p50 ms | p99 ms | CPU µs/trap | Alloc B/trap | GC 0/1/2 | Peak RSS MiB |");
        sb.AppendLine("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in Runs)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {TargetName(r.Target, r.Subscribers)} | {BenchmarkOptions.Name(r.Kind)} | {Buffer(r.ReceiveBuffer)} | {Offered(r)} | {N(r.Send.Sent)} | {N(r.Delivered)} | " +
                $"{N(r.DeliveredPerSecond)} | {r.LossPercent:0.###} | {N(r.SocketDrops)} | {r.LagSeconds:0.00}{(r.DrainTimedOut ? " (timeout)" : "")} | " +
                $"{Ms(r.P50)} | {Ms(r.P99)} | {F1(r.CpuMicrosPerTrap)} | {F0(r.AllocBytesPerTrap)} | {Gc(r.GcCounts)} | {Mib(r.PeakRssKb)} |");
        }
        sb.AppendLine();

        var ratios = new List<string>();
        foreach (var group in Runs.GroupBy(r => (r.Kind, r.ReceiveBuffer, r.OfferedRate)))
        {
            var snmptrapd = group.FirstOrDefault(r => r.Target == TargetKind.Snmptrapd);
            if (snmptrapd is null)
                continue;
            foreach (var ours in group.Where(r => r.Target != TargetKind.Snmptrapd))
            {
                ratios.Add($"{BenchmarkOptions.Name(ours.Target)}/snmptrapd, {BenchmarkOptions.Name(group.Key.Kind)}, rcvbuf {Buffer(group.Key.ReceiveBuffer)}, " +
                           $"{(group.Key.OfferedRate is { } rate ? N(rate) + "/s" : "flat out")}: delivered/s ×{Ratio(ours.DeliveredPerSecond, snmptrapd.DeliveredPerSecond)}, " +
                           $"delivered ×{Ratio(ours.Delivered, snmptrapd.Delivered)}, CPU per trap ×{Ratio(ours.CpuMicrosPerTrap, snmptrapd.CpuMicrosPerTrap)}");
            }
        }
        if (ratios.Count > 0)
        {
            sb.AppendLine("Ratios:");
            sb.AppendLine();
            foreach (var line in ratios)
                sb.AppendLine("- " + line);
            sb.AppendLine();
        }

        sb.AppendLine("Details:");
        sb.AppendLine();
        foreach (var r in Runs)
            sb.AppendLine("- " + Details(r));
        sb.AppendLine();
    }

    private void CapacityTable(StringBuilder sb)
    {
        var loss = options.MaxLossPercent.ToString("0.###", CultureInfo.InvariantCulture);
        var lag = options.MaxLagSeconds.ToString("0.##", CultureInfo.InvariantCulture);
        var seconds = options.StepDurationSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        sb.AppendLine($"Capacity: {seconds} s per step, one receiver instance per search (warmed once, drained between steps); " +
                      $"rates go up until the first step above {loss} % loss, then {options.Refine} bisection steps between the last passing and the first failing rate. " +
                      "A step where the generator fell more than 5 % short of the rate (it shares the 2 cores with the receiver) counts at the rate it reached. " +
                      "Lag = time from the last send to the last delivery (backlog queued inside the receiver).");
        sb.AppendLine();
        sb.AppendLine($"| Target | Kind | Rcvbuf | Capacity (≤ {loss} % loss) | … and lag ≤ {lag} s | CPU µs/trap there | Steps: offered/s → loss %, lag s |");
        sb.AppendLine("|---|---|---|--:|--:|--:|---|");
        foreach (var c in Capacities)
        {
            var best = c.Capacity(options.MaxLossPercent);
            var bestLag = c.Capacity(options.MaxLossPercent, options.MaxLagSeconds);
            var steps = string.Join("; ", c.Steps.Select(s =>
                $"{N(s.OfferedRate ?? s.Send.AchievedRate)} → {s.LossPercent:0.##} %, {s.LagSeconds:0.0} s" +
                (s.SocketDrops is > 0 ? $" ({N(s.SocketDrops)} socket drops)" : "") +
                (CapacitySearch.GeneratorLimited(s) ? $" (generator reached only {N(s.Send.AchievedRate)}/s)" : "")));
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {TargetName(c.Target, c.Subscribers)} | {BenchmarkOptions.Name(c.Kind)} | {Buffer(c.ReceiveBuffer)} | {Capacity(c, best)} | " +
                $"{Capacity(c, bestLag)} | {F1(best?.CpuMicrosPerTrap)} | {steps} |");
        }
        sb.AppendLine();
        var ratios = new List<string>();
        foreach (var group in Capacities.GroupBy(c => (c.Kind, c.ReceiveBuffer)))
        {
            var snmptrapd = group.FirstOrDefault(c => c.Target == TargetKind.Snmptrapd)?.Capacity(options.MaxLossPercent);
            if (snmptrapd is null)
                continue;
            foreach (var ours in group.Where(c => c.Target != TargetKind.Snmptrapd))
            {
                var best = ours.Capacity(options.MaxLossPercent);
                ratios.Add($"{BenchmarkOptions.Name(ours.Target)}/snmptrapd, {BenchmarkOptions.Name(group.Key.Kind)}, rcvbuf {Buffer(group.Key.ReceiveBuffer)}: " +
                           $"capacity ×{Ratio(best is null ? null : CapacitySearch.Effective(best), CapacitySearch.Effective(snmptrapd))}" +
                           (best is not null && IsTop(ours, best) ? " (at least: the generator could offer no more)" : ""));
            }
        }
        if (ratios.Count > 0)
        {
            sb.AppendLine("Ratios (step rates, so only as fine as the steps):");
            sb.AppendLine();
            foreach (var line in ratios)
                sb.AppendLine("- " + line);
            sb.AppendLine();
        }
        sb.AppendLine("Details:");
        sb.AppendLine();
        foreach (var c in Capacities)
            foreach (var s in c.Steps)
                sb.AppendLine("- " + Details(s));
        sb.AppendLine();
    }

    /// <summary>One line per run for the progress output.</summary>
    public static string Summary(RunResult r) =>
        $"{TargetName(r.Target, r.Subscribers)} {BenchmarkOptions.Name(r.Kind)} rcvbuf={Buffer(r.ReceiveBuffer)} offered {Offered(r)}/s: " +
        $"sent {N(r.Send.Sent)} in {r.Send.Seconds:0.00} s, delivered {N(r.Delivered)} ({N(r.DeliveredPerSecond)}/s), loss {r.LossPercent:0.###} %, " +
        $"socket drops {N(r.SocketDrops)}, lag {r.LagSeconds:0.00} s{(r.DrainTimedOut ? " (drain timeout)" : "")}, CPU {F1(r.CpuMicrosPerTrap)} µs/trap" +
        (r.P50 is not null ? $", p50 {Ms(r.P50)} ms, p99 {Ms(r.P99)} ms" : "");

    private static string Details(RunResult r)
    {
        var sb = new StringBuilder(Summary(r));
        sb.Append(CultureInfo.InvariantCulture, $"; generator {r.GeneratorCpuMicrosPerPacket:0.0} µs CPU/packet");
        if (r.Send.SendErrors > 0)
            sb.Append(CultureInfo.InvariantCulture, $", {N(r.Send.SendErrors)} send errors");
        sb.Append(CultureInfo.InvariantCulture, $"; system-wide Udp RcvbufErrors +{N(r.GlobalRcvbufErrors)}");
        if (r.Max is not null)
            sb.Append(CultureInfo.InvariantCulture, $"; max latency {Ms(r.Max)} ms");
        if (r.Final is { } f)
        {
            if (r.Target != TargetKind.Snmptrapd && f.Received is not null)
                sb.Append(CultureInfo.InvariantCulture,
                    $"; {(r.Target == TargetKind.TrapActors ? "daemon" : "receiver")} stats (incl. {N(r.Warmup)} warm-up): received {N(f.Received)}, " +
                    $"delivered {N(f.Delivered)}, dropped {N(f.Dropped)}, socketBufferDrops {N(f.SocketBufferDrops)}");
            if (!string.IsNullOrWhiteSpace(f.Note))
                sb.Append("; ").Append(f.Note);
        }
        return sb.ToString();
    }

    private static string Machine()
    {
        var model = "";
        try
        {
            model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "";
        }
        catch (IOException)
        {
        }
        string Read(string path)
        {
            try
            {
                return File.ReadAllText(path).Trim();
            }
            catch (IOException)
            {
                return "?";
            }
        }
        return $"{Environment.ProcessorCount} cores ({model}), shared by the load generator and the receiver; {RuntimeInformation.OSDescription}; " +
               $".NET {Environment.Version}; net.core.rmem_default {Read("/proc/sys/net/core/rmem_default")}, rmem_max {Read("/proc/sys/net/core/rmem_max")}";
    }

    private static string Quote(string arg) => arg.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$') ? $"'{arg}'" : arg;
    /// <summary>"embedded (1,000 subscribers)" when there is more than one.</summary>
    public static string TargetName(TargetKind target, int subscribers) =>
        BenchmarkOptions.Name(target) + (subscribers > 1 ? $" ({N(subscribers)} subscribers)" : "");

    public static string Buffer(int bytes) => bytes == 0 ? "OS default" : bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB" : N(bytes);
    private static string Offered(RunResult r) => r.OfferedRate is { } rate ? N(rate) : $"flat out ({N(r.Send.AchievedRate)})";
    /// <summary>"80,000/s", or "≥ 218,811/s (generator limit)" when nothing failed above it because the generator could offer no more.</summary>
    private static string Capacity(CapacitySearch c, RunResult? best) =>
        best is null ? "–" : IsTop(c, best) ? $"≥ {N(CapacitySearch.Effective(best))}/s (generator limit)" : $"{N(CapacitySearch.Effective(best))}/s";

    private static bool IsTop(CapacitySearch c, RunResult best) =>
        CapacitySearch.GeneratorLimited(best) && !c.Steps.Any(s => CapacitySearch.Effective(s) > CapacitySearch.Effective(best));

    private static string N(double? v) => v is { } x ? x.ToString("#,0", CultureInfo.InvariantCulture) : "–";
    private static string N(long? v) => v is { } x ? x.ToString("#,0", CultureInfo.InvariantCulture) : "–";
    private static string F0(double? v) => v is { } x ? x.ToString("#,0", CultureInfo.InvariantCulture) : "–";
    private static string F1(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "–";
    private static string Ms(TimeSpan? t) => t is { } x ? x.TotalMilliseconds.ToString(x.TotalMilliseconds < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture) : "–";
    private static string Mib(long? kb) => kb is { } x ? (x / 1024.0).ToString("0", CultureInfo.InvariantCulture) : "–";
    private static string Gc(int[]? counts) => counts is null ? "–" : string.Join("/", counts);
    private static string Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? (x / y).ToString("0.00", CultureInfo.InvariantCulture) : "–";
}
