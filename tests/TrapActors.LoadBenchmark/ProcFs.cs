using System.Globalization;
using System.Runtime.InteropServices;

namespace TrapActors.LoadBenchmark;

/// <summary>What Linux says about processes and UDP sockets (/proc), plus the few libc calls the benchmark needs.</summary>
public static class ProcFs
{
    private const int SigTerm = 15;
    private const int ClockThreadCpuTime = 3;
    private const int ScClkTck = 2;

    private static readonly long ClockTicksPerSecond = Math.Max(1, sysconf(ScClkTck));

    /// <summary>utime + stime of every thread of the process (clock ticks converted to seconds); null when it is gone.</summary>
    public static double? CpuSeconds(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        // pid (comm) state ppid ... : fields after the command name; utime and stime are fields 14 and 15.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / (double)ClockTicksPerSecond;
    }

    /// <summary>A line of /proc/PID/status in kB (VmHWM: peak resident set, VmRSS: now); null when unknown.</summary>
    public static long? StatusKb(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(key + ":", StringComparison.Ordinal))
                    return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        return null;
    }

    /// <summary>Resets this process's VmHWM to its current resident set (Linux 4.0+); false when not allowed.</summary>
    public static bool ResetOwnPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The kernel's drop counter of the IPv4 UDP socket bound to 127.0.0.1:<paramref name="port"/> (/proc/net/udp
    /// "drops": datagrams refused because the receive buffer was full), and its receive queue in bytes.
    /// </summary>
    public static (long Drops, long RxQueue)? UdpSocket(int port)
    {
        var local = $"0100007F:{port:X4}";
        foreach (var line in File.ReadLines("/proc/net/udp").Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 13 || f[1] != local)
                continue;
            var rx = long.Parse(f[4].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return (long.Parse(f[12], CultureInfo.InvariantCulture), rx);
        }
        return null;
    }

    /// <summary>System-wide UDP counters from /proc/net/snmp (RcvbufErrors, InErrors, InDatagrams...).</summary>
    public static IReadOnlyDictionary<string, long> UdpCounters()
    {
        var lines = File.ReadLines("/proc/net/snmp").Where(l => l.StartsWith("Udp:", StringComparison.Ordinal)).ToList();
        var result = new Dictionary<string, long>();
        if (lines.Count < 2)
            return result;
        var names = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < Math.Min(names.Length, values.Length); i++)
            result[names[i]] = long.Parse(values[i], CultureInfo.InvariantCulture);
        return result;
    }

    public static bool Terminate(int pid) => kill(pid, SigTerm) == 0;

    /// <summary>CPU time of the calling thread in seconds.</summary>
    public static double ThreadCpuSeconds() =>
        clock_gettime(ClockThreadCpuTime, out var ts) == 0 ? ts.Seconds + ts.Nanoseconds / 1e9 : 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [DllImport("libc")]
    private static extern int clock_gettime(int clockId, out TimeSpec ts);

    [DllImport("libc")]
    private static extern long sysconf(int name);
}
