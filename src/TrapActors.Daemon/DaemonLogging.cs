using Serilog;
using Serilog.Events;
using Serilog.Sinks.SystemConsole.Themes;

namespace TrapActors.Daemon;

/// <summary>Serilog to standard error only (standard output carries notifications); Warning by default, Debug with --verbose.</summary>
public static class DaemonLogging
{
    public const string OutputTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static ILogger Create(bool verbose) => Create(verbose, JournaldLogging.StandardErrorIsJournal(Environment.GetEnvironmentVariable));

    /// <param name="verbose">Debug and up, else Warning and up.</param>
    /// <param name="journald">Standard error is the journal's stream: <see cref="JournaldLogging.OutputTemplate"/>.</param>
    public static ILogger Create(bool verbose, bool journald) =>
        new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Warning)
            .Enrich.With(journald ? [JournaldLogging.PrefixEnricher] : [])
            .WriteTo.Console(
                outputTemplate: journald ? JournaldLogging.OutputTemplate : OutputTemplate,
                standardErrorFromLevel: LogEventLevel.Verbose,
                theme: ConsoleTheme.None,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();

    public static Akka.Event.LogLevel AkkaLevel(bool verbose) =>
        verbose ? Akka.Event.LogLevel.DebugLevel : Akka.Event.LogLevel.WarningLevel;
}
