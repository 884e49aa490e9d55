using System.Globalization;
using System.Text;

namespace TrapActors.LoadBenchmark;

/// <summary>The cold-start section of the report: each cold run, and the cold capacity beside the warm one.</summary>
public static class ColdStartReport
{
    public static void Append(StringBuilder sb, BenchmarkOptions options, IReadOnlyList<CapacitySearch> cold, IReadOnlyList<CapacitySearch> warm)
    {
        var loss = options.MaxLossPercent.ToString("0.###", CultureInfo.InvariantCulture);
        var refine = options.FindCapacity ? $" (same steps and {options.Refine} bisection steps as the warm search)." : ".";
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"Cold start: a fresh process per {(options.FindCapacity ? "step" : "run")}, no warm-up, sending from the moment it listens " +
            $"(the daemon's `listening` line, polled every 20 ms) for {options.ColdSeconds:0.#} s, then drained and stopped. " +
            $"Capacity = the highest rate with ≤ {loss} % loss below the lowest failing one{refine}");
        sb.AppendLine();
        sb.AppendLine($"| Target | Kind | Rcvbuf | Cold capacity (≤ {loss} % loss) | Warm capacity | Cold / warm | Cold steps: offered/s → loss % (socket drops), listening after s |");
        sb.AppendLine("|---|---|---|--:|--:|--:|---|");
        foreach (var c in cold)
        {
            var coldBest = c.Capacity(options.MaxLossPercent);
            var warmBest = warm.FirstOrDefault(w => w.Target == c.Target && w.Kind == c.Kind && w.ReceiveBuffer == c.ReceiveBuffer)
                ?.Capacity(options.MaxLossPercent);
            double? coldRate = coldBest is null ? null : CapacitySearch.Effective(coldBest);
            double? warmRate = warmBest is null ? null : CapacitySearch.Effective(warmBest);
            var steps = string.Join("; ", c.Steps.Select(s =>
                $"{N(s.OfferedRate ?? s.Send.AchievedRate)} → {s.LossPercent:0.##} %" +
                (s.SocketDrops is > 0 ? $" ({N(s.SocketDrops)})" : "") +
                (CapacitySearch.GeneratorLimited(s) ? $" (generator reached {N(s.Send.AchievedRate)}/s)" : "") +
                (s.StartupSeconds is { } up ? $", {up:0.00} s" : "")));
            var ratio = coldRate is { } x && warmRate is { } y && y > 0 ? $"{100 * x / y:0} %" : "–";
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {BenchmarkOptions.Name(c.Target)} | {BenchmarkOptions.Name(c.Kind)} | {Buffer(c.ReceiveBuffer)} | {Rate(coldRate)} | " +
                $"{Rate(warmRate)} | {ratio} | {steps} |");
        }
        sb.AppendLine();
        sb.AppendLine("Cold details:");
        sb.AppendLine();
        foreach (var s in cold.SelectMany(c => c.Steps))
        {
            var final = s.Final is { } f
                ? $"; stats: received {N(f.Received)}, delivered {N(f.Delivered)}, dropped {N(f.Dropped)}, socketBufferDrops {N(f.SocketBufferDrops)}" +
                  (string.IsNullOrWhiteSpace(f.Note) ? "" : "; " + f.Note)
                : "";
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"- listening after {s.StartupSeconds:0.00} s; {Report.Summary(s)}{final}");
        }
        sb.AppendLine();
    }

    private static string Rate(double? rate) => rate is { } r ? N(r) + "/s" : "–";
    private static string Buffer(int bytes) => bytes == 0 ? "OS default" : bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB" : N(bytes);
    private static string N(double? v) => v is { } x ? x.ToString("#,0", CultureInfo.InvariantCulture) : "–";
    private static string N(long? v) => v is { } x ? x.ToString("#,0", CultureInfo.InvariantCulture) : "–";
}
