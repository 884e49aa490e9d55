using Serilog.Core;
using Serilog.Events;

namespace TrapActors.Daemon;

/// <summary>
/// Log lines for journald, when standard error is the journal's stream: no timestamp (the journal stamps each line
/// itself) and the sd-daemon(3) prefix "&lt;N&gt;" with the syslog priority, which journald reads as the entry's level
/// (SyslogLevelPrefix=yes, systemd's default). The level tag stays, so that the text reads as elsewhere. Decision 0051.
/// </summary>
public static class JournaldLogging
{
    /// <summary>As <see cref="DaemonLogging.OutputTemplate"/>, the timestamp replaced by the priority prefix.</summary>
    public const string OutputTemplate = "{" + PrefixProperty + "}[{Level:u3}] {Message:lj}{NewLine}{Exception}";

    private const string PrefixProperty = "SyslogPriorityPrefix";

    /// <summary>
    /// Whether standard error goes to the journal: systemd sets JOURNAL_STREAM only when it connected standard output or
    /// error to journald (INVOCATION_ID alone is any service, whose standard error may be a file that wants timestamps).
    /// </summary>
    public static bool StandardErrorIsJournal(Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment("JOURNAL_STREAM"));

    /// <summary>The syslog priority of a Serilog level: debug 7, info 6, warning 4, err 3, crit 2.</summary>
    public static int Priority(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => 7,
        LogEventLevel.Information => 6,
        LogEventLevel.Warning => 4,
        LogEventLevel.Error => 3,
        _ => 2,
    };

    /// <summary>Adds the "&lt;N&gt;" prefix that <see cref="OutputTemplate"/> prints.</summary>
    public static ILogEventEnricher PrefixEnricher { get; } = new SyslogPrefix();

    private sealed class SyslogPrefix : ILogEventEnricher
    {
        // One property per level, made once: enriching allocates nothing per event.
        private static readonly LogEventProperty[] Prefixes =
            [.. Enum.GetValues<LogEventLevel>().Select(l => new LogEventProperty(PrefixProperty, new ScalarValue($"<{Priority(l)}>")))];

        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
            logEvent.AddPropertyIfAbsent(Prefixes[(int)logEvent.Level]);
    }
}
