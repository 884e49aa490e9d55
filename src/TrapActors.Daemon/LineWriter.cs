using System.Threading.Channels;

namespace TrapActors.Daemon;

/// <summary>
/// Writes lines to a stream through a bounded in-memory queue drained by one writer task, which flushes
/// the stream whenever the queue runs empty: every line reaches its reader promptly without a flush per line.
/// Producers wait (never drop) when the queue is full.
/// </summary>
public sealed class LineWriter : IAsyncDisposable
{
    public const int DefaultCapacity = 4096;

    private readonly Stream _output;
    private readonly Channel<Item> _queue;
    private readonly Action<Exception>? _onError;
    private readonly Task _loop;
    private long _linesWritten;
    private long _flushes;

    /// <param name="output">Where lines go (buffer it: the writer flushes it whenever the queue is empty).</param>
    /// <param name="onError">Told once when writing fails; from then on lines are discarded so producers never block.</param>
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

    /// <summary>Lines written to the stream so far.</summary>
    public long LinesWritten => Interlocked.Read(ref _linesWritten);

    /// <summary>How often the stream was flushed.</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>Queues a line (without its terminator) if there is room now.</summary>
    public bool TryWrite(byte[] line) => _queue.Writer.TryWrite(new Item(line, null));

    /// <summary>Queues a line, waiting for room.</summary>
    public ValueTask WriteAsync(byte[] line, CancellationToken cancellationToken = default) =>
        _queue.Writer.WriteAsync(new Item(line, null), cancellationToken);

    /// <summary>Completes once every line queued before this call is written and the stream flushed.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Item(null, flushed), cancellationToken).ConfigureAwait(false);
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
        var failed = false;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                if (item.Flushed is { } waiter)
                {
                    waiters.Add(waiter);
                    continue;
                }
                if (failed)
                    continue;
                try
                {
                    _output.Write(item.Line);
                    _output.WriteByte((byte)'\n');
                    Interlocked.Increment(ref _linesWritten);
                }
                catch (Exception e)
                {
                    failed = true;
                    _onError?.Invoke(e);
                }
            }

            // The queue ran empty: push what was written to the reader.
            if (!failed)
            {
                try
                {
                    _output.Flush();
                    Interlocked.Increment(ref _flushes);
                }
                catch (Exception e)
                {
                    failed = true;
                    _onError?.Invoke(e);
                }
            }
            foreach (var waiter in waiters)
                waiter.TrySetResult();
            waiters.Clear();
        }
    }

    private readonly record struct Item(byte[]? Line, TaskCompletionSource? Flushed);
}
