using System.Net;
using System.Runtime.Serialization;
using System.Text;
using TrapActors.Snmp.Messages;

namespace TrapActors.Serialization;

/// <summary>
/// Reads what <see cref="CompactWriter"/> wrote. Every malformed input (truncated, overlong, out of range) throws a
/// <see cref="SerializationException"/> naming the manifest, never an index or overflow exception.
/// </summary>
internal ref struct CompactReader(ReadOnlySpan<byte> bytes, string manifest)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly string Manifest => manifest;

    public readonly int Remaining => _bytes.Length - _position;

    public byte ReadByte() =>
        _position < _bytes.Length ? _bytes[_position++] : throw Malformed("it is truncated");

    public ulong ReadVarUInt64()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            if (shift == 63 && b > 1)
                break;
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
        throw Malformed("a number is longer than 64 bits");
    }

    public uint ReadVarUInt32()
    {
        var value = ReadVarUInt64();
        return value <= uint.MaxValue ? (uint)value : throw Malformed($"{value} does not fit in 32 bits");
    }

    public long ReadVarInt64()
    {
        var raw = ReadVarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadVarInt32()
    {
        var value = ReadVarInt64();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Malformed($"{value} does not fit in 32 bits");
    }

    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw Malformed($"{b} is not a boolean"),
    };

    /// <summary>A count of items that each take at least <paramref name="minItemSize"/> bytes, so a forged count cannot make a huge allocation.</summary>
    public int ReadCount(int minItemSize = 1)
    {
        var count = ReadVarUInt64();
        return count <= (ulong)(Remaining / Math.Max(1, minItemSize)) ? (int)count : throw Malformed($"a count of {count} exceeds the bytes left");
    }

    /// <summary>0: absent; n + 1: n items.</summary>
    public int? ReadOptionalCount(int minItemSize = 1)
    {
        var raw = ReadVarUInt64();
        if (raw == 0)
            return null;
        var count = raw - 1;
        return count <= (ulong)(Remaining / Math.Max(1, minItemSize)) ? (int)count : throw Malformed($"a count of {count} exceeds the bytes left");
    }

    public ReadOnlySpan<byte> ReadSpan(int length)
    {
        if (length > Remaining)
            throw Malformed("it is truncated");
        var span = _bytes.Slice(_position, length);
        _position += length;
        return span;
    }

    public ReadOnlySpan<byte> ReadBytes() => ReadSpan(ReadCount());

    /// <summary>Bytes that may be absent: false when they were (a default ImmutableArray).</summary>
    public bool TryReadOptionalBytes(out ReadOnlySpan<byte> bytes)
    {
        var length = ReadOptionalCount();
        bytes = length is { } n ? ReadSpan(n) : default;
        return length is not null;
    }

    public string? ReadString() => ReadOptionalCount() is { } n ? DecodeUtf8(ReadSpan(n)) : null;

    public string ReadRequiredString(string what) => ReadString() ?? throw Malformed($"{what} is missing");

    public Oid ReadOid()
    {
        var count = ReadCount();
        if (count == 0)
            return default;
        var arcs = new uint[count];
        for (var i = 0; i < arcs.Length; i++)
            arcs[i] = ReadVarUInt32();
        return Oid.FromOwnedArray(arcs);
    }

    public IPAddress? ReadIPAddress()
    {
        var family = ReadByte();
        return family switch
        {
            0 => null,
            4 => new IPAddress(ReadSpan(4)),
            6 => new IPAddress(ReadSpan(16), ReadScopeId()),
            _ => throw Malformed($"{family} is not an address family"),
        };
    }

    public IPEndPoint? ReadEndPoint()
    {
        var address = ReadIPAddress();
        if (address is null)
            return null;
        var port = ReadVarUInt64();
        return port <= IPEndPoint.MaxPort ? new IPEndPoint(address, (int)port) : throw Malformed($"{port} is not a port");
    }

    public DateTimeOffset ReadDateTimeOffset()
    {
        var ticks = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(ReadSpan(8));
        var minutes = ReadVarInt64();
        try
        {
            var offset = TimeSpan.FromMinutes(minutes);
            return new DateTimeOffset(new DateTime(ticks, DateTimeKind.Utc)).ToOffset(offset);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            throw Malformed($"the time {ticks} ticks, offset {minutes} min, is out of range");
        }
    }

    public TEnum ReadEnum<TEnum>() where TEnum : struct, Enum
    {
        var value = ReadVarInt32();
        var e = (TEnum)Enum.ToObject(typeof(TEnum), value);
        return Enum.IsDefined(e) ? e : throw Malformed($"{value} is not a {typeof(TEnum).Name}");
    }

    /// <summary>Every byte must have been read: trailing bytes mean a writer this version does not understand.</summary>
    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
            throw Malformed($"{Remaining} bytes are left over");
    }

    public readonly SerializationException Malformed(string why) =>
        new($"TrapActors serializer: the '{manifest}' payload is malformed: {why}.");

    private long ReadScopeId()
    {
        var scope = ReadVarUInt64();
        return scope <= uint.MaxValue ? (long)scope : throw Malformed($"{scope} is not an IPv6 scope id");
    }

    private readonly string DecodeUtf8(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("a string is not UTF-8");
        }
    }
}
