using System.Text;
using TrapActors.Daemon;
using TrapActors.Daemon.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Daemon.Tests;

public sealed class LineWriterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static byte[] Line(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Lines_in_order_each_terminated_and_flushed()
    {
        var stream = new RecordingStream();
        var writer = new LineWriter(stream, capacity: 16);
        for (var i = 0; i < 100; i++)
            await writer.WriteAsync(Line($"line {i}"));
        await writer.FlushAsync().WaitAsync(Timeout);

        Assert.Equal(string.Concat(Enumerable.Range(0, 100).Select(i => $"line {i}\n")), stream.FlushedText);
        Assert.Equal(100, writer.LinesWritten);
        await writer.CompleteAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_single_line_reaches_the_reader_without_an_explicit_flush()
    {
        var stream = new RecordingStream();
        var writer = new LineWriter(stream);
        Assert.True(writer.TryWrite(Line("{\"a\":1}")));
        await stream.FlushedOnce.WaitAsync(Timeout);
        Assert.Equal("{\"a\":1}\n", stream.FlushedText);
        await writer.CompleteAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task Queued_lines_are_flushed_together_not_one_by_one()
    {
        var stream = new RecordingStream { Gate = new SemaphoreSlim(0) };
        var writer = new LineWriter(stream, capacity: 1000);
        Assert.True(writer.TryWrite(Line("0")));
        await stream.Entered.WaitAsync(Timeout); // the writer holds line 0 while the other 499 queue up
        for (var i = 1; i < 500; i++)
            Assert.True(writer.TryWrite(Line($"{i}")));
        stream.Gate.Release(int.MaxValue / 2);
        await writer.FlushAsync().WaitAsync(Timeout);
        Assert.Equal(500, writer.LinesWritten);
        Assert.InRange(writer.Flushes, 1, 2);
        await writer.CompleteAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_full_queue_makes_producers_wait_and_loses_nothing()
    {
        var stream = new RecordingStream { Gate = new SemaphoreSlim(0) };
        var writer = new LineWriter(stream, capacity: 2);
        Assert.True(writer.TryWrite(Line("0")));
        await stream.Entered.WaitAsync(Timeout); // the writer is stuck writing line 0
        Assert.True(writer.TryWrite(Line("1")));
        Assert.True(writer.TryWrite(Line("2")));
        Assert.False(writer.TryWrite(Line("3")));
        var pending = writer.WriteAsync(Line("3")).AsTask();
        Assert.False(pending.IsCompleted);

        stream.Gate.Release(int.MaxValue / 2);
        await pending.WaitAsync(Timeout);
        await writer.CompleteAsync().WaitAsync(Timeout);
        Assert.Equal("0\n1\n2\n3\n", stream.FlushedText);
    }

    [Fact]
    public async Task Complete_writes_and_flushes_everything_queued()
    {
        var stream = new RecordingStream();
        var writer = new LineWriter(stream, capacity: 10_000);
        for (var i = 0; i < 5000; i++)
            Assert.True(writer.TryWrite(Line("x")));
        await writer.CompleteAsync().WaitAsync(Timeout);
        Assert.Equal(5000, stream.FlushedText.Count(c => c == '\n'));
        Assert.False(writer.TryWrite(Line("late")));
    }

    [Fact]
    public async Task A_failing_output_is_reported_once_and_never_blocks_producers()
    {
        var stream = new RecordingStream { Fail = true };
        var errors = new List<Exception>();
        var writer = new LineWriter(stream, capacity: 1, onError: e => { lock (errors) errors.Add(e); });
        for (var i = 0; i < 50; i++)
            await writer.WriteAsync(Line("x")).AsTask().WaitAsync(Timeout);
        await writer.FlushAsync().WaitAsync(Timeout);
        await writer.CompleteAsync().WaitAsync(Timeout);
        Assert.Single(errors);
        Assert.IsType<IOException>(errors[0]);
        Assert.Same(errors[0], writer.Failure);
        Assert.Equal(50, writer.LinesNotWritten);
        Assert.Equal(0, writer.LinesWritten);
    }

    [Fact]
    public async Task A_line_is_confirmed_only_after_the_flush_that_pushed_it_out()
    {
        var stream = new RecordingStream { Gate = new SemaphoreSlim(0) };
        var writer = new LineWriter(stream);
        var outcomes = new List<(bool Written, string FlushedThen)>();
        Assert.True(writer.TryWrite(Line("a"), written => { lock (outcomes) outcomes.Add((written, stream.FlushedText)); }));
        Assert.True(writer.TryWrite(Line("b")));
        Assert.True(writer.TryWrite(Line("c"), written => { lock (outcomes) outcomes.Add((written, stream.FlushedText)); }));
        await stream.Entered.WaitAsync(Timeout);
        lock (outcomes)
            Assert.Empty(outcomes); // written to the stream's buffer is not yet written

        stream.Gate.Release(int.MaxValue / 2);
        await writer.FlushAsync().WaitAsync(Timeout);
        lock (outcomes)
            Assert.All(outcomes, o => Assert.Equal((true, "a\nb\nc\n"), o));
        Assert.Equal(2, outcomes.Count);
        Assert.Equal(3, writer.LinesWritten);
        await writer.CompleteAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task Lines_are_flushed_and_confirmed_in_bounded_batches_even_when_the_queue_never_runs_empty()
    {
        var stream = new RecordingStream { Gate = new SemaphoreSlim(0) };
        var writer = new LineWriter(stream, capacity: 3 * LineWriter.MaxLinesPerFlush);
        Assert.True(writer.TryWrite(Line("0")));
        await stream.Entered.WaitAsync(Timeout); // the writer holds line 0 while the rest queue up
        for (var i = 1; i < 3 * LineWriter.MaxLinesPerFlush; i++)
            Assert.True(writer.TryWrite(Line($"{i}")));
        stream.Gate.Release(int.MaxValue / 2);
        await writer.FlushAsync().WaitAsync(Timeout);
        Assert.Equal(3 * LineWriter.MaxLinesPerFlush, writer.LinesWritten);
        Assert.InRange(writer.Flushes, 3, 4);
        await writer.CompleteAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task When_the_flush_fails_the_lines_before_it_are_not_written_and_neither_are_later_ones()
    {
        var stream = new FailingFlushStream();
        var outcomes = new List<bool>();
        var writer = new LineWriter(stream);
        Assert.True(writer.TryWrite(Line("a"), written => { lock (outcomes) outcomes.Add(written); }));
        Assert.True(writer.TryWrite(Line("b"), written => { lock (outcomes) outcomes.Add(written); }));
        await writer.FlushAsync().WaitAsync(Timeout);
        Assert.True(writer.TryWrite(Line("c"), written => { lock (outcomes) outcomes.Add(written); }));
        await writer.CompleteAsync().WaitAsync(Timeout);

        Assert.Equal([false, false, false], outcomes);
        Assert.Equal(3, writer.LinesNotWritten);
        Assert.Equal(0, writer.LinesWritten);
        Assert.IsType<IOException>(writer.Failure);
    }

    /// <summary>Takes writes into its buffer; the flush to the reader fails (EPIPE, ENOSPC).</summary>
    private sealed class FailingFlushStream : MemoryStream
    {
        public override void Flush() => throw new IOException("No space left on device");
    }
}
