using System.Buffers;
using System.Text;

namespace TrapActors.Mib.Rendering;

/// <summary>
/// A growable byte buffer on the stack (then on a pooled array) for rendering values the way net-snmp builds them,
/// as bytes, decoded as UTF-8 once at the end. Dispose returns the pooled array.
/// </summary>
internal ref struct ByteWriter
{
    private Span<byte> _buffer;
    private byte[]? _rented;
    private int _length;

    public ByteWriter(Span<byte> initial)
    {
        _buffer = initial;
        _rented = null;
        _length = 0;
    }

    public readonly int Length => _length;

    public void WriteByte(byte b)
    {
        if (_length == _buffer.Length)
            Grow(1);
        _buffer[_length++] = b;
    }

    public void WriteChar(char c)
    {
        if (c < 0x80)
        {
            WriteByte((byte)c);
            return;
        }
        Span<byte> encoded = stackalloc byte[4];
        Span<char> one = [c];
        Write(encoded[..Encoding.UTF8.GetBytes(one, encoded)]);
    }

    public void WriteAscii(string text)
    {
        foreach (var c in text)
            WriteChar(c);
    }

    public void Write(scoped ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length)
            Grow(bytes.Length);
        bytes.CopyTo(_buffer[_length..]);
        _length += bytes.Length;
    }

    /// <summary>Writes <paramref name="value"/> in base 16 (lower case) or 8, without leading zeros.</summary>
    public void WriteUnsigned(ulong value, int radix)
    {
        Span<byte> digits = stackalloc byte[22];
        var i = digits.Length;
        do
        {
            digits[--i] = (byte)"0123456789abcdef"[(int)(value % (ulong)radix)];
            value /= (ulong)radix;
        }
        while (value != 0);
        Write(digits[i..]);
    }

    public void WriteSigned(long value)
    {
        Span<byte> digits = stackalloc byte[20];
        value.TryFormat(digits, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        Write(digits[..written]);
    }

    public readonly string ToUtf8String() => Encoding.UTF8.GetString(_buffer[.._length]);

    public void Dispose()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Grow(int needed)
    {
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer[.._length].CopyTo(next);
        if (_rented is { } old)
            ArrayPool<byte>.Shared.Return(old);
        _rented = next;
        _buffer = next;
    }
}
