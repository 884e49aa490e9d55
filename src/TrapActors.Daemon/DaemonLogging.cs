using Serilog;
using Serilog.Events;
using Serilog.Sinks.SystemConsole.Themes;

namespace TrapActors.Daemon;

/// <summary>Serilog to standard error only (standard output carries notifications); Warning by default, Debug with --verbose.</summary>
public static class DaemonLogging
{
    public const string OutputTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static ILogger Create(bool verbose) =>
        new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Warning)
            .WriteTo.Console(
                outputTemplate: OutputTemplate,
                standardErrorFromLevel: LogEventLevel.Verbose,
                theme: ConsoleTheme.None,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();

    public static Akka.Event.LogLevel AkkaLevel(bool verbose) =>
        verbose ? Akka.Event.LogLevel.DebugLevel : Akka.Event.LogLevel.WarningLevel;
}
