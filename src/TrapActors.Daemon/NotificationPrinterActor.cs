using Akka.Actor;
using Akka.Event;
using TrapActors.Mib.Describing;

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

/// <summary>Notifications the printer took and could not format into a line (counted as format-failed at shutdown).</summary>
public sealed class PrinterCounters
{
    private long _formatFailed;

    /// <summary>Notifications whose line could not be formatted so far.</summary>
    public long FormatFailed => Interlocked.Read(ref _formatFailed);

    /// <summary>One more notification that could not be formatted.</summary>
    public void FormatFailure() => Interlocked.Increment(ref _formatFailed);
}

/// <summary>
/// The subscriber: formats every trap and inform into one line and queues it on the <see cref="LineWriter"/>.
/// When the queue is full it stops taking messages until there is room (nothing is dropped).
/// An inform waiting for a decision (inform.acknowledge = by-subscriber or after-delivery) is confirmed once its line
/// was written and flushed, and suppressed when it was not (the sender retransmits).
/// </summary>
public sealed class NotificationPrinterActor : UntypedActor
{
    private readonly LineWriter _output;
    private readonly Func<SnmpNotification, byte[]> _format;
    private readonly PrinterCounters _counters;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public NotificationPrinterActor(LineWriter output, Func<SnmpNotification, byte[]> format, PrinterCounters counters)
    {
        _output = output;
        _format = format;
        _counters = counters;
    }

    public static Props Props(LineWriter output, OutputFormat format, PrinterCounters counters, MibDescriber? mibs = null) =>
        Props(output, Formatter(format, mibs), counters);

    /// <summary>What turns a notification into a line in <paramref name="format"/>, with the names <paramref name="mibs"/> knows.</summary>
    public static Func<SnmpNotification, byte[]> Formatter(OutputFormat format, MibDescriber? mibs = null) =>
        mibs is null
            ? format == OutputFormat.Text ? NotificationText.Format : NotificationJson.Format
            : format == OutputFormat.Text ? n => NotificationText.Format(n, mibs) : n => NotificationJson.Format(n, mibs);

    public static Props Props(LineWriter output, Func<SnmpNotification, byte[]> format, PrinterCounters counters) =>
        Akka.Actor.Props.Create(() => new NotificationPrinterActor(output, format, counters));

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case TrapReceived trap:
                Print(trap.Notification, null);
                break;
            case InformReceived inform:
                Print(inform.Notification, inform.Acknowledgement.IsPending ? inform.Acknowledgement : null);
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

    private void Print(SnmpNotification notification, InformAcknowledgement? pending)
    {
        byte[] line;
        try
        {
            line = _format(notification);
        }
        catch (Exception e)
        {
            _counters.FormatFailure();
            _log.Error(e, "Cannot format a notification from {0}", SnmpText.EndPoint(notification.Origin.Source));
            pending?.Suppress();
            return;
        }
        var written = pending is null ? null : Decide(pending);
        if (_output.TryWrite(line, written))
            return;
        // The queue is full: hold the mailbox until the line is queued.
        RunTask(async () => await _output.WriteAsync(line, written));
    }

    /// <summary>Runs on the writer's task after the flush: the session takes the decision as a message.</summary>
    private static Action<bool> Decide(InformAcknowledgement pending) => written =>
    {
        if (written)
            pending.Respond();
        else
            pending.Suppress();
    };
}
