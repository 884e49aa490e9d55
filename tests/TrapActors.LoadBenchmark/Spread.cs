using System.Globalization;
using System.Text;

namespace TrapActors.LoadBenchmark;

/// <summary>
/// With --repeat (or several --subscribers counts), one line per configuration: every run's figure in the order run,
/// the median, and the spread (min–max), so that a comparison rests on medians of interleaved runs and its noise shows.
/// </summary>
public static class Spread
{
    public static void Capacities(StringBuilder sb, IReadOnlyList<CapacitySearch> searches, double maxLossPercent)
    {
        sb.AppendLine("Capacity per configuration over the rounds (each figure one fresh search):");
        sb.AppendLine();
        sb.AppendLine("| Target | Kind | Rcvbuf | Capacity per run | Median | Min–max | CPU µs/trap at capacity, median |");
        sb.AppendLine("|---|---|---|---|--:|---|--:|");
        foreach (var group in searches.GroupBy(c => (c.Target, c.Kind, c.ReceiveBuffer, c.Subscribers)))
        {
            var best = group.Select(c => c.Capacity(maxLossPercent)).ToList();
            var rates = best.Select(b => b is null ? 0 : CapacitySearch.Effective(b)).ToList();
            var cpu = best.Where(b => b?.CpuMicrosPerTrap is not null).Select(b => b!.CpuMicrosPerTrap!.Value).ToList();
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {Report.TargetName(group.Key.Target, group.Key.Subscribers)} | {BenchmarkOptions.Name(group.Key.Kind)} | {Report.Buffer(group.Key.ReceiveBuffer)} | " +
                $"{string.Join(" · ", rates.Select(r => N(r)))} | {N(Median(rates))} | {N(rates.Min())}–{N(rates.Max())} | {F1(Median(cpu))} |");
        }
        sb.AppendLine();
    }

    public static void FixedRuns(StringBuilder sb, IReadOnlyList<RunResult> runs)
    {
        sb.AppendLine("Fixed-rate runs per configuration over the rounds:");
        sb.AppendLine();
        sb.AppendLine("| Target | Kind | Rcvbuf | Offered/s | Loss % per run | CPU µs/trap per run | CPU µs/trap median | Min–max |");
        sb.AppendLine("|---|---|---|--:|---|---|--:|---|");
        foreach (var group in runs.GroupBy(r => (r.Target, r.Kind, r.ReceiveBuffer, r.OfferedRate, r.Subscribers)))
        {
            var cpu = group.Where(r => r.CpuMicrosPerTrap is not null).Select(r => r.CpuMicrosPerTrap!.Value).ToList();
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {Report.TargetName(group.Key.Target, group.Key.Subscribers)} | {BenchmarkOptions.Name(group.Key.Kind)} | {Report.Buffer(group.Key.ReceiveBuffer)} | " +
                $"{(group.Key.OfferedRate is { } rate ? N(rate) : "flat out")} | {string.Join(" · ", group.Select(r => r.LossPercent.ToString("0.###", CultureInfo.InvariantCulture)))} | " +
                $"{string.Join(" · ", cpu.Select(c => F1(c)))} | {F1(Median(cpu))} | {(cpu.Count > 0 ? $"{F1(cpu.Min())}–{F1(cpu.Max())}" : "–")} |");
        }
        sb.AppendLine();
    }

    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string N(double? v) => v is { } x ? x.ToString("#,0", CultureInfo.InvariantCulture) : "–";
    private static string F1(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "–";
}
