using System.Threading.Channels;

namespace TrapActors.Daemon;

/// <summary>
/// Writes lines to a stream through a bounded in-memory queue drained by one writer task, which flushes
/// the stream whenever the queue runs empty (and at least every <see cref="MaxLinesPerFlush"/> lines): every line
/// reaches its reader promptly without a flush per line. Producers wait (never drop) when the queue is full.
/// A line is written only once the flush after it succeeded; its callback is told so then, in one pass for the batch.
/// </summary>
public sealed class LineWriter : IAsyncDisposable
{
    public const int DefaultCapacity = 4096;

    /// <summary>Under a steady flood the queue never runs empty: lines are still flushed (and confirmed) in batches of this size.</summary>
    public const int MaxLinesPerFlush = 1024;

    private readonly Stream _output;
    private readonly Channel<Item> _queue;
    private readonly Action<Exception>? _onError;
    private readonly Task _loop;
    private long _linesWritten;
    private long _linesNotWritten;
    private long _flushes;
    private volatile Exception? _failure;

    /// <param name="output">Where lines go (buffer it: the writer flushes it whenever the queue is empty).</param>
    /// <param name="onError">
    /// Told once when writing or flushing fails; from then on lines are discarded (counted in <see cref="LinesNotWritten"/>)
    /// so producers never block.
    /// </param>
    public LineWriter(Stream output, int capacity = DefaultCapacity, Action<Exception>? onError = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _output = output;
        _onError = onError;
        _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Lines written to the stream and flushed so far.</summary>
    public long LinesWritten => Interlocked.Read(ref _linesWritten);

    /// <summary>Lines queued that are not known to have reached the stream's reader: written before a failed flush, or discarded after a failure.</summary>
    public long LinesNotWritten => Interlocked.Read(ref _linesNotWritten);

    /// <summary>How often the stream was flushed.</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>Why writing failed; null while it has not.</summary>
    public Exception? Failure => _failure;

    /// <summary>Queues a line (without its terminator) if there is room now.</summary>
    /// <param name="written">Told true once the line was written and flushed, false when it was not written; on the writer's task.</param>
    public bool TryWrite(byte[] line, Action<bool>? written = null) => _queue.Writer.TryWrite(new Item(line, null, written));

    /// <summary>Queues a line, waiting for room.</summary>
    /// <param name="written">Told true once the line was written and flushed, false when it was not written; on the writer's task.</param>
    public ValueTask WriteAsync(byte[] line, Action<bool>? written = null, CancellationToken cancellationToken = default) =>
        _queue.Writer.WriteAsync(new Item(line, null, written), cancellationToken);

    /// <summary>Completes once every line queued before this call is written and the stream flushed (or discarded after a failure).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Item(null, flushed, null), cancellationToken).ConfigureAwait(false);
        await flushed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Accepts no more lines, writes and flushes the queued ones.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _loop;
    }

    public async ValueTask DisposeAsync() => await CompleteAsync().ConfigureAwait(false);

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var waiters = new List<TaskCompletionSource>();
        var batch = new Batch();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Lines < MaxLinesPerFlush && reader.TryRead(out var item))
            {
                if (item.Flushed is { } waiter)
                    waiters.Add(waiter);
                else if (_failure is not null)
                    NotWritten(item.Written);
                else
                    Write(item, batch);
            }

            // The queue ran empty (or the batch is full): push what was written to the reader, then confirm it.
            if (_failure is null)
                Flush(batch);
            foreach (var waiter in waiters)
                waiter.TrySetResult();
            waiters.Clear();
        }
    }

    private void Write(Item item, Batch batch)
    {
        try
        {
            _output.Write(item.Line);
            _output.WriteByte((byte)'\n');
            batch.Add(item.Written);
        }
        catch (Exception e)
        {
            NotWritten(item.Written);
            Fail(e, batch);
        }
    }

    private void Flush(Batch batch)
    {
        try
        {
            _output.Flush();
            Interlocked.Increment(ref _flushes);
        }
        catch (Exception e)
        {
            Fail(e, batch);
            return;
        }
        Interlocked.Add(ref _linesWritten, batch.Lines);
        batch.Complete(true);
    }

    /// <summary>The lines of the batch may or may not have reached the reader: they are not confirmed, and counted as not written.</summary>
    private void Fail(Exception e, Batch batch)
    {
        _failure = e;
        Interlocked.Add(ref _linesNotWritten, batch.Lines);
        batch.Complete(false);
        _onError?.Invoke(e);
    }

    private void NotWritten(Action<bool>? written)
    {
        Interlocked.Increment(ref _linesNotWritten);
        written?.Invoke(false);
    }

    /// <summary>The lines written since the last flush, and the callbacks of those that have one.</summary>
    private sealed class Batch
    {
        private readonly List<Action<bool>> _callbacks = [];

        public int Lines { get; private set; }

        public void Add(Action<bool>? written)
        {
            Lines++;
            if (written is not null)
                _callbacks.Add(written);
        }

        public void Complete(bool written)
        {
            foreach (var callback in _callbacks)
                callback(written);
            _callbacks.Clear();
            Lines = 0;
        }
    }

    private readonly record struct Item(byte[]? Line, TaskCompletionSource? Flushed, Action<bool>? Written);
}
