using System.CommandLine;
using System.Globalization;

namespace TrapActors.Daemon;

/// <summary>The command-line options of the operator's live view: --metrics and --stats-interval.</summary>
internal static class MetricsCommandLine
{
    /// <summary>--metrics HOST:PORT.</summary>
    public static readonly Option<MetricsAddress?> Metrics = CommandLine.Single<MetricsAddress?>("--metrics", "HOST:PORT", """
        Serve the receiver's metrics in the Prometheus text format at
        http://HOST:PORT/metrics, and /healthz (200 while every endpoint is
        bound and the daemon is not stopping, else 503). Port 0 picks a free
        port; 'metrics http://HOST:PORT/metrics' is printed on standard error.
        """, Parse);

    /// <summary>--stats-interval SECONDS.</summary>
    public static readonly Option<TimeSpan?> StatsInterval = CommandLine.Single<TimeSpan?>("--stats-interval", "SECONDS", """
        Print the counters (the JSON object printed at shutdown) on standard
        error every SECONDS seconds (1 to 86400).
        """, ParseInterval);

    /// <summary>The options, in the order the help lists them.</summary>
    public static Option[] Options => [Metrics, StatsInterval];

    private static bool Parse(string text, out MetricsAddress? value, out string error)
    {
        var ok = MetricsAddress.TryParse(text, out var address, out error);
        value = ok ? address : null;
        return ok;
    }

    private static bool ParseInterval(string text, out TimeSpan? value, out string error)
    {
        var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 86400;
        value = ok ? TimeSpan.FromSeconds(seconds) : null;
        error = ok ? "" : $"--stats-interval: '{text}' is not a number of seconds (1..86400)";
        return ok;
    }
}
