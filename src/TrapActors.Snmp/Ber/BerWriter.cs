using System.Buffers;

namespace TrapActors.Snmp.Ber;

/// <summary>
/// Writes BER back to front, so every length is known when it is written. Write the last element
/// first; for a constructed value, note <see cref="Length"/>, write its contents, then call
/// <see cref="WriteHeader"/> with the tag and the bytes written since.
/// </summary>
internal sealed class BerWriter : IDisposable
{
    private byte[] _buffer;
    private int _start;

    public BerWriter(int initialCapacity = 512)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
        _start = _buffer.Length;
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _buffer.Length - _start;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(_start);

    public byte[] ToArray() => Written.ToArray();

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        _start -= bytes.Length;
        bytes.CopyTo(_buffer.AsSpan(_start));
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[--_start] = value;
    }

    /// <summary>Writes the tag and length in front of <paramref name="contentLength"/> bytes already written.</summary>
    public void WriteHeader(int tag, int contentLength)
    {
        WriteLength(contentLength);
        WriteTag(tag);
    }

    /// <summary>A complete primitive TLV.</summary>
    public void WritePrimitive(int tag, ReadOnlySpan<byte> content)
    {
        WriteBytes(content);
        WriteHeader(tag, content.Length);
    }

    public void WriteInteger(int tag, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        var n = 8;
        do
        {
            bytes[--n] = (byte)value;
            value >>= 8;
        }
        while (n > 0 && !((value == 0 && (bytes[n] & 0x80) == 0) || (value == -1 && (bytes[n] & 0x80) != 0)));
        WritePrimitive(tag, bytes[n..]);
    }

    public void WriteUnsigned(int tag, ulong value)
    {
        Span<byte> bytes = stackalloc byte[9];
        var n = 9;
        do
        {
            bytes[--n] = (byte)value;
            value >>= 8;
        }
        while (value != 0);
        if ((bytes[n] & 0x80) != 0)
            bytes[--n] = 0;
        WritePrimitive(tag, bytes[n..]);
    }

    public void WriteOid(int tag, ReadOnlySpan<uint> arcs)
    {
        var end = Length;
        for (var i = arcs.Length - 1; i >= 2; i--)
            WriteBase128(arcs[i]);
        ulong first = arcs.Length switch
        {
            0 => 0,
            1 => arcs[0] * 40UL,
            _ => arcs[0] * 40UL + arcs[1],
        };
        WriteBase128(first);
        WriteHeader(tag, Length - end);
    }

    private void WriteBase128(ulong value)
    {
        WriteByte((byte)(value & 0x7F));
        value >>= 7;
        while (value != 0)
        {
            WriteByte((byte)(0x80 | (value & 0x7F)));
            value >>= 7;
        }
    }

    private void WriteLength(int length)
    {
        if (length < 0x80)
        {
            WriteByte((byte)length);
            return;
        }
        var count = 0;
        while (length != 0)
        {
            WriteByte((byte)length);
            length >>= 8;
            count++;
        }
        WriteByte((byte)(0x80 | count));
    }

    private void WriteTag(int tag)
    {
        if (tag <= 0xFF)
        {
            WriteByte((byte)tag);
            return;
        }
        var number = tag & BerTag.MaxHighTagNumber;
        WriteByte((byte)(number & 0x7F));
        number >>= 7;
        while (number != 0)
        {
            WriteByte((byte)(0x80 | (number & 0x7F)));
            number >>= 7;
        }
        WriteByte((byte)(tag >> 24));
    }

    private void Ensure(int more)
    {
        if (_start >= more)
            return;
        var used = Length;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, used + more));
        var newStart = bigger.Length - used;
        _buffer.AsSpan(_start, used).CopyTo(bigger.AsSpan(newStart));
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
        _start = newStart;
    }

    public void Dispose()
    {
        if (_buffer.Length == 0)
            return;
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        _buffer = [];
        _start = 0;
    }
}
