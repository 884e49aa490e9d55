namespace TrapActors.LoadBenchmark;

/// <summary>
/// Counts the complete lines of a growing file that start with a prefix, reading only what was appended since the
/// last call (the file may hold millions of lines).
/// </summary>
public sealed class LineCounter(string path, string prefix) : IDisposable
{
    private readonly byte[] _prefix = System.Text.Encoding.ASCII.GetBytes(prefix);
    private readonly byte[] _buffer = new byte[1 << 20];
    private FileStream? _stream;
    private long _count;
    private int _column;        // bytes of the current line seen so far
    private bool _matches = true;

    public string Path { get; } = path;

    /// <summary>Matching lines so far (0 while the file does not exist).</summary>
    public long Count()
    {
        if (_stream is null)
        {
            if (!File.Exists(Path))
                return 0;
            _stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        }
        int read;
        while ((read = _stream.Read(_buffer, 0, _buffer.Length)) > 0)
        {
            var span = _buffer.AsSpan(0, read);
            while (!span.IsEmpty)
            {
                if (_column < _prefix.Length && _matches)
                {
                    // Still comparing the start of the line with the prefix.
                    var b = span[0];
                    if (b == (byte)'\n')
                    {
                        EndLine(false);
                    }
                    else
                    {
                        _matches = b == _prefix[_column];
                        _column++;
                    }
                    span = span[1..];
                    continue;
                }
                var newline = span.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    _column += span.Length;
                    break;
                }
                EndLine(_matches);
                span = span[(newline + 1)..];
            }
        }
        return _count;
    }

    private void EndLine(bool counted)
    {
        if (counted)
            _count++;
        _column = 0;
        _matches = true;
    }

    public void Dispose() => _stream?.Dispose();
}
