using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TrapActors.Snmp.Messages;

namespace TrapActors.Serialization;

/// <summary>
/// Appends the serializer's compact binary format: LEB128 varints (zig-zag for signed numbers) and length-prefixed
/// bytes. A length of 0 stands for null (or a default ImmutableArray), n + 1 for n items. The pooled buffer is cleared
/// when it is returned, so no copy of a USM secret outlives the call.
/// </summary>
internal sealed class CompactWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public CompactWriter(int initialCapacity = 256) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        _buffer = [];
        _length = 0;
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteVarUInt64(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_length++] = (byte)value;
    }

    public void WriteVarInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    public void WriteVarInt32(int value) => WriteVarInt64(value);

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>A count or length with room for "absent": 0 is absent, n + 1 is n.</summary>
    public void WriteOptionalLength(int? length) => WriteVarUInt64(length is { } n ? (ulong)n + 1 : 0);

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteVarUInt64((ulong)bytes.Length);
        WriteRaw(bytes);
    }

    /// <summary>Bytes that may be absent (a default ImmutableArray): 0, or length + 1 and the bytes.</summary>
    public void WriteOptionalBytes(ReadOnlySpan<byte> bytes, bool absent)
    {
        WriteOptionalLength(absent ? null : bytes.Length);
        WriteRaw(bytes);
    }

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteOptionalLength(null);
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        WriteOptionalLength(count);
        Ensure(count);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    public void WriteOid(Oid oid)
    {
        var arcs = oid.Arcs;
        WriteVarUInt64((ulong)arcs.Length);
        foreach (var arc in arcs)
            WriteVarUInt64(arc);
    }

    /// <summary>An address: family byte (0 null, 4 IPv4, 6 IPv6 with its scope id) and the address bytes.</summary>
    public void WriteIPAddress(IPAddress? address)
    {
        switch (address?.AddressFamily)
        {
            case null:
                WriteByte(0);
                break;
            case AddressFamily.InterNetwork:
                WriteByte(4);
                Ensure(4);
                address.TryWriteBytes(_buffer.AsSpan(_length, 4), out _);
                _length += 4;
                break;
            case AddressFamily.InterNetworkV6:
                WriteByte(6);
                Ensure(16);
                address.TryWriteBytes(_buffer.AsSpan(_length, 16), out _);
                _length += 16;
                WriteVarUInt64((ulong)address.ScopeId);
                break;
            default:
                throw new ArgumentException($"cannot serialize an address of family {address.AddressFamily}", nameof(address));
        }
    }

    public void WriteEndPoint(IPEndPoint? endPoint)
    {
        WriteIPAddress(endPoint?.Address);
        if (endPoint is not null)
            WriteVarUInt64((ulong)endPoint.Port);
    }

    /// <summary>UTC ticks (fixed 8 bytes) and the offset in whole minutes, so the value and its offset come back.</summary>
    public void WriteDateTimeOffset(DateTimeOffset value)
    {
        Ensure(8);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length, 8), value.UtcTicks);
        _length += 8;
        WriteVarInt64((long)value.Offset.TotalMinutes);
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
            return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        _buffer = bigger;
    }
}
