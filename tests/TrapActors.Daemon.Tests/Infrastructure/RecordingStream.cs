using System.Text;

namespace TrapActors.Daemon.Tests.Infrastructure;

/// <summary>Records what was flushed; can hold writes on a gate, or fail them.</summary>
internal sealed class RecordingStream : Stream
{
    private readonly MemoryStream _pending = new();
    private readonly StringBuilder _flushed = new();

    public SemaphoreSlim? Gate { get; init; }

    public bool Fail { get; init; }

    /// <summary>Released each time a write starts.</summary>
    public SemaphoreSlim Entered { get; } = new(0);

    /// <summary>Released each time the stream is flushed.</summary>
    public SemaphoreSlim FlushedOnce { get; } = new(0);

    public string FlushedText
    {
        get { lock (_flushed) return _flushed.ToString(); }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Fail)
            throw new IOException("Broken pipe");
        Entered.Release();
        Gate?.Wait();
        lock (_flushed)
            _pending.Write(buffer);
    }

    public override void Flush()
    {
        lock (_flushed)
        {
            _flushed.Append(Encoding.UTF8.GetString(_pending.ToArray()));
            _pending.SetLength(0);
        }
        FlushedOnce.Release();
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
