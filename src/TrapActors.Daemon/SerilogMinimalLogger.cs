using Akka.Event;
using Serilog.Events;

namespace TrapActors.Daemon;

/// <summary>
/// Akka's logger for start-up and shutdown, before and after the configured loggers run (akka.stdout-logger-class).
/// The default one prints to standard output, which carries only notifications here; this one hands the
/// events to Serilog (standard error), and prints nothing once Serilog is closed.
/// </summary>
public sealed class SerilogMinimalLogger : MinimalLogger
{
    public const string ClassName = "TrapActors.Daemon.SerilogMinimalLogger, TrapActors.Daemon";

    protected override void Log(object message)
    {
        if (message is not Akka.Event.LogEvent e)
            return;
        var level = e.LogLevel() switch
        {
            LogLevel.DebugLevel => LogEventLevel.Debug,
            LogLevel.InfoLevel => LogEventLevel.Information,
            LogLevel.WarningLevel => LogEventLevel.Warning,
            _ => LogEventLevel.Error,
        };
        Serilog.Log.Logger.Write(level, e.Cause, "[{LogSource}] {Message:l}", e.LogSource, e.Message?.ToString() ?? "");
    }
}
