using System.Text.Json;
using Akka.Actor;
using TrapActors.Daemon;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Snmp.Messages;
using Xunit;
using static TrapActors.Daemon.Tests.Infrastructure.Notifications;

namespace TrapActors.Daemon.Tests;

public sealed class NotificationPrinterActorTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ActorSystem _system = ActorSystem.Create("printer-tests", "akka.loglevel = WARNING\nakka.stdout-loglevel = OFF");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _system.Terminate();

    private static SnmpNotification Numbered(int i) =>
        V2c(Vb("1.3.6.1.4.1.99.1", SnmpValue.Integer32(i))) with { RequestId = i };

    [Fact]
    public async Task Flush_replies_once_everything_sent_before_is_written_even_when_the_queue_is_full()
    {
        var stream = new RecordingStream { Gate = new SemaphoreSlim(0) };
        var writer = new LineWriter(stream, capacity: 1);
        var printer = _system.ActorOf(NotificationPrinterActor.Props(writer, OutputFormat.Json, new PrinterCounters()));

        for (var i = 1; i <= 50; i++)
        {
            if (i % 2 == 0)
                printer.Tell(new TrapReceived(Numbered(i)));
            else
                printer.Tell(new InformReceived(Numbered(i) with { Kind = NotificationKind.Inform }, InformAcknowledgement.AlreadySent));
        }
        var flushed = printer.Ask<OutputFlushed>(FlushOutput.Instance, Timeout);
        await stream.Entered.WaitAsync(Timeout);
        Assert.False(flushed.IsCompleted); // the writer is held, the queue holds one line: the printer waits

        stream.Gate.Release(int.MaxValue / 2);
        await flushed;
        var lines = stream.FlushedText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(1, 50), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("requestId").GetInt32()));
        Assert.Equal("inform", JsonDocument.Parse(lines[0]).RootElement.GetProperty("pdu").GetString());
        Assert.Equal("trap", JsonDocument.Parse(lines[1]).RootElement.GetProperty("pdu").GetString());
        await writer.CompleteAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task Text_format()
    {
        var stream = new RecordingStream();
        var writer = new LineWriter(stream);
        var printer = _system.ActorOf(NotificationPrinterActor.Props(writer, OutputFormat.Text, new PrinterCounters()));
        printer.Tell(new TrapReceived(Numbered(7)));
        await printer.Ask<OutputFlushed>(FlushOutput.Instance, Timeout);
        Assert.Equal(NotificationText.FormatString(Numbered(7)) + "\n", stream.FlushedText);
        await writer.CompleteAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_notification_that_cannot_be_formatted_is_counted_and_skipped_and_its_inform_is_not_answered()
    {
        var stream = new RecordingStream();
        var writer = new LineWriter(stream);
        var counters = new PrinterCounters();
        var session = Inbox.Create(_system);
        var printer = _system.ActorOf(NotificationPrinterActor.Props(writer,
            n => n.RequestId == 2 ? throw new InvalidOperationException("boom") : NotificationJson.Format(n), counters));
        printer.Tell(new TrapReceived(Numbered(1)));
        printer.Tell(new InformReceived(Numbered(2) with { Kind = NotificationKind.Inform }, new InformAcknowledgement(session.Receiver, 42)));
        printer.Tell(new TrapReceived(Numbered(3)));
        await printer.Ask<OutputFlushed>(FlushOutput.Instance, Timeout);
        var ids = stream.FlushedText.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("requestId").GetInt32());
        Assert.Equal([1, 3], ids);
        Assert.Equal(1, counters.FormatFailed);
        Assert.Equal(42, Assert.IsType<SuppressInformResponse>(await session.ReceiveAsync(Timeout)).InformId);
        await writer.CompleteAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_pending_inform_is_answered_once_its_line_is_flushed()
    {
        var stream = new RecordingStream { Gate = new SemaphoreSlim(0) };
        var writer = new LineWriter(stream);
        var session = Inbox.Create(_system);
        var printer = _system.ActorOf(NotificationPrinterActor.Props(writer, OutputFormat.Json, new PrinterCounters()));

        printer.Tell(new InformReceived(Numbered(5) with { Kind = NotificationKind.Inform }, new InformAcknowledgement(session.Receiver, 7)));
        await stream.Entered.WaitAsync(Timeout); // its line is being written, not yet flushed (LineWriterTests: no answer before the flush)
        stream.Gate.Release(int.MaxValue / 2);
        Assert.Equal(new RespondToInform(7, 0, 0), await session.ReceiveAsync(Timeout));
        Assert.Contains("\"requestId\":5", stream.FlushedText);
        await writer.CompleteAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_pending_inform_whose_line_cannot_be_written_is_suppressed()
    {
        var writer = new LineWriter(new RecordingStream { Fail = true });
        var session = Inbox.Create(_system);
        var printer = _system.ActorOf(NotificationPrinterActor.Props(writer, OutputFormat.Json, new PrinterCounters()));

        printer.Tell(new InformReceived(Numbered(5) with { Kind = NotificationKind.Inform }, new InformAcknowledgement(session.Receiver, 8)));
        Assert.Equal(8, Assert.IsType<SuppressInformResponse>(await session.ReceiveAsync(Timeout)).InformId);
        await writer.CompleteAsync().WaitAsync(Timeout);
        Assert.Equal(1, writer.LinesNotWritten);
    }
}
