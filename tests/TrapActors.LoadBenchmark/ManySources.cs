using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TrapActors.LoadBenchmark;

/// <summary>What the --sources phase measured on one target.</summary>
public sealed record ManySourcesResult(TargetKind Target, int Sources, long Sent, long SendErrors, double SendSeconds, long Delivered,
    long? RssBeforeKb, long? RssAfterKb, long? HeapBefore, long? HeapAfter, long? ActiveSessions, long? Evicted)
{
    public double? RssBytesPerSource => RssBeforeKb is { } b && RssAfterKb is { } a && Sources > 0 ? (a - b) * 1024.0 / Sources : null;
    public double? HeapBytesPerSource => HeapBefore is { } b && HeapAfter is { } a && Sources > 0 ? (double)(a - b) / Sources : null;
}

/// <summary>
/// --sources N: after the warm-up, one datagram from each of N distinct sources (a socket bound to its own loopback
/// address 127.1.x.y, port 0: send, close), paced at --sources-rate. Checks that all N are delivered and measures
/// the receiver's resident set (VmRSS) and, in process, its GC heap after a full collection, before and after; the
/// capacity search that follows then runs with the N sessions still known.
/// </summary>
public static class ManySources
{
    public const int MaxSources = 1_000_000;

    public static List<ManySourcesResult> Results { get; } = [];

    public static async Task RunAsync(ITargetInstance target, byte[] packet, int sources, double rate)
    {
        Runner.Progress($"  {sources:#,0} distinct sources, one datagram each at {rate:#,0}/s");
        var heapBefore = Heap(target);
        var rssBefore = target.RssKb();
        var delivered0 = target.Delivered();
        var send = await Task.Factory.StartNew(() => Send(target.Port, packet, sources, rate), TaskCreationOptions.LongRunning);
        var (delivered1, _, _) = await Measurement.WaitDrainedAsync(target, delivered0 + send.Sent, Stopwatch.StartNew(), TimeSpan.FromSeconds(5));
        var heapAfter = Heap(target);
        var rssAfter = target.RssKb();
        var stats = target is EmbeddedTarget embedded ? await embedded.StatsAsync() : null;
        var result = new ManySourcesResult(target.Kind, sources, send.Sent, send.SendErrors, send.Seconds, delivered1 - delivered0,
            rssBefore, rssAfter, heapBefore, heapAfter, stats?.ActiveSessions, stats?.SessionsEvicted);
        Results.Add(result);
        Runner.Progress($"  delivered {result.Delivered:#,0} of {result.Sent:#,0} in {result.SendSeconds:0.0} s; RSS +{F0(result.RssBytesPerSource)} B/source, " +
                 $"GC heap +{F0(result.HeapBytesPerSource)} B/source; sessions {result.ActiveSessions?.ToString("#,0", CultureInfo.InvariantCulture) ?? "–"}, evicted {result.Evicted?.ToString(CultureInfo.InvariantCulture) ?? "–"}");
    }

    /// <summary>Source i sends from 127.(1 + i / 65536).(i / 256 % 256).(i % 256): the whole of 127/8 is local on Linux.</summary>
    public static IPAddress SourceAddress(int i) => new([127, (byte)(1 + i / 65536), (byte)(i / 256 % 256), (byte)(i % 256)]);

    private static SendResult Send(int port, byte[] packet, int sources, double rate)
    {
        var target = new IPEndPoint(IPAddress.Loopback, port);
        var ticksPerSource = Stopwatch.Frequency / rate;
        var cpu0 = ProcFs.ThreadCpuSeconds();
        var clock = Stopwatch.StartNew();
        long errors = 0;
        for (var i = 0; i < sources; i++)
        {
            var due = (long)(i * ticksPerSource);
            if (due > clock.ElapsedTicks)
                Thread.Sleep(1);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                socket.Bind(new IPEndPoint(SourceAddress(i), 0));
                socket.SendTo(packet, target);
            }
            catch (SocketException)
            {
                errors++;
            }
        }
        return new SendResult(sources, errors, clock.Elapsed.TotalSeconds, ProcFs.ThreadCpuSeconds() - cpu0);
    }

    /// <summary>In process: the GC heap after a full, compacting collection; null for a child process.</summary>
    private static long? Heap(ITargetInstance target)
    {
        if (!target.InProcess)
            return null;
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public static void AppendMarkdown(StringBuilder sb)
    {
        if (Results.Count == 0)
            return;
        sb.AppendLine("Many sources (--sources): one datagram from each distinct loopback source; RSS = VmRSS, GC heap = `GC.GetTotalMemory` after a full compacting collection (embedded only), before and after.");
        sb.AppendLine();
        sb.AppendLine("| Target | Sources | Sent | Send errors | Send s | Delivered | RSS MiB before → after | RSS B/source | GC heap B/source | Sessions | Evicted |");
        sb.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in Results)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {BenchmarkOptions.Name(r.Target)} | {r.Sources:#,0} | {r.Sent:#,0} | {r.SendErrors:#,0} | {r.SendSeconds:0.0} | {r.Delivered:#,0} | " +
                $"{Mib(r.RssBeforeKb)} → {Mib(r.RssAfterKb)} | {F0(r.RssBytesPerSource)} | {F0(r.HeapBytesPerSource)} | {N(r.ActiveSessions)} | {N(r.Evicted)} |");
        }
        sb.AppendLine();
    }

    private static string F0(double? v) => v is { } x ? x.ToString("#,0", CultureInfo.InvariantCulture) : "–";
    private static string N(long? v) => v is { } x ? x.ToString("#,0", CultureInfo.InvariantCulture) : "–";
    private static string Mib(long? kb) => kb is { } x ? (x / 1024.0).ToString("0", CultureInfo.InvariantCulture) : "–";
}
