using Akka.Actor;
using Akka.Event;

namespace TrapActors.Daemon;

/// <summary>The ActorRegistry key of the printer.</summary>
public sealed class NotificationPrinter
{
    private NotificationPrinter()
    {
    }
}

/// <summary>Ask the printer to flush: replied with <see cref="OutputFlushed"/> once everything it was sent before is on the output.</summary>
public sealed record FlushOutput
{
    public static readonly FlushOutput Instance = new();
    private FlushOutput() { }
}

public sealed record OutputFlushed
{
    public static readonly OutputFlushed Instance = new();
    private OutputFlushed() { }
}

/// <summary>
/// The subscriber: formats every trap and inform into one line and queues it on the <see cref="LineWriter"/>.
/// When the queue is full it stops taking messages until there is room (nothing is dropped).
/// </summary>
public sealed class NotificationPrinterActor : UntypedActor
{
    private readonly LineWriter _output;
    private readonly Func<SnmpNotification, byte[]> _format;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public NotificationPrinterActor(LineWriter output, Func<SnmpNotification, byte[]> format)
    {
        _output = output;
        _format = format;
    }

    public static Props Props(LineWriter output, OutputFormat format) =>
        Props(output, format == OutputFormat.Text ? NotificationText.Format : NotificationJson.Format);

    public static Props Props(LineWriter output, Func<SnmpNotification, byte[]> format) =>
        Akka.Actor.Props.Create(() => new NotificationPrinterActor(output, format));

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case TrapReceived trap:
                Print(trap.Notification);
                break;
            case InformReceived inform:
                Print(inform.Notification);
                break;
            case FlushOutput:
            {
                var replyTo = Sender;
                RunTask(async () =>
                {
                    await _output.FlushAsync();
                    replyTo.Tell(OutputFlushed.Instance);
                });
                break;
            }
            case Subscribed:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Print(SnmpNotification notification)
    {
        byte[] line;
        try
        {
            line = _format(notification);
        }
        catch (Exception e)
        {
            _log.Error(e, "Cannot format a notification from {0}", SnmpText.EndPoint(notification.Origin.Source));
            return;
        }
        if (_output.TryWrite(line))
            return;
        // The queue is full: hold the mailbox until the line is queued.
        RunTask(async () => await _output.WriteAsync(line));
    }
}
