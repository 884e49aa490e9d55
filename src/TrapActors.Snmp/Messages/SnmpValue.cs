using System.Globalization;
using System.Net;

namespace TrapActors.Snmp.Messages;

/// <summary>
/// One SMI value. Numbers are held in 64 bits, byte strings as read-only memory (a slice of the
/// owned datagram when decoded), OIDs as <see cref="Oid"/>.
/// </summary>
public readonly struct SnmpValue : IEquatable<SnmpValue>
{
    private readonly ulong _number;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly Oid _oid;

    private SnmpValue(SnmpType type, ulong number = 0, ReadOnlyMemory<byte> bytes = default, Oid oid = default)
    {
        Type = type;
        _number = number;
        _bytes = bytes;
        _oid = oid;
    }

    public SnmpType Type { get; }

    public static SnmpValue Integer32(int value) => new(SnmpType.Integer32, unchecked((ulong)value));
    public static SnmpValue OctetString(ReadOnlyMemory<byte> value) => new(SnmpType.OctetString, bytes: value);
    public static SnmpValue OctetString(string utf8) => OctetString(System.Text.Encoding.UTF8.GetBytes(utf8));
    public static readonly SnmpValue Null = new(SnmpType.Null);
    public static SnmpValue ObjectIdentifier(Oid value) => new(SnmpType.ObjectIdentifier, oid: value);
    public static SnmpValue IpAddress(ReadOnlyMemory<byte> fourBytes) => new(SnmpType.IpAddress, bytes: fourBytes);
    public static SnmpValue IpAddress(IPAddress address) => IpAddress(address.GetAddressBytes());
    public static SnmpValue Counter32(uint value) => new(SnmpType.Counter32, value);
    public static SnmpValue Gauge32(uint value) => new(SnmpType.Gauge32, value);
    public static SnmpValue TimeTicks(uint value) => new(SnmpType.TimeTicks, value);
    public static SnmpValue Opaque(ReadOnlyMemory<byte> value) => new(SnmpType.Opaque, bytes: value);
    public static SnmpValue NsapAddress(ReadOnlyMemory<byte> value) => new(SnmpType.NsapAddress, bytes: value);
    public static SnmpValue Counter64(ulong value) => new(SnmpType.Counter64, value);
    public static SnmpValue UInteger32(uint value) => new(SnmpType.UInteger32, value);
    public static readonly SnmpValue NoSuchObject = new(SnmpType.NoSuchObject);
    public static readonly SnmpValue NoSuchInstance = new(SnmpType.NoSuchInstance);
    public static readonly SnmpValue EndOfMibView = new(SnmpType.EndOfMibView);

    public bool IsInteger => Type is SnmpType.Integer32 or SnmpType.Counter32 or SnmpType.Gauge32
        or SnmpType.TimeTicks or SnmpType.Counter64 or SnmpType.UInteger32;

    public bool IsBytes => Type is SnmpType.OctetString or SnmpType.IpAddress or SnmpType.Opaque or SnmpType.NsapAddress;

    public bool IsException => Type is SnmpType.NoSuchObject or SnmpType.NoSuchInstance or SnmpType.EndOfMibView;

    /// <summary>The value of an Integer32.</summary>
    public int AsInt32() => Type == SnmpType.Integer32 ? unchecked((int)_number) : throw WrongType(nameof(AsInt32));

    /// <summary>The value of Counter32, Gauge32, TimeTicks and UInteger32.</summary>
    public uint AsUInt32() => Type is SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.UInteger32
        ? (uint)_number
        : throw WrongType(nameof(AsUInt32));

    /// <summary>The value of a Counter64.</summary>
    public ulong AsUInt64() => Type == SnmpType.Counter64 ? _number : throw WrongType(nameof(AsUInt64));

    /// <summary>Any integer type widened to a signed 64-bit number (Counter64 above long.MaxValue does not fit: use <see cref="AsUInt64"/>).</summary>
    public long AsInt64() => Type switch
    {
        SnmpType.Integer32 => unchecked((int)_number),
        SnmpType.Counter64 => checked((long)_number),
        _ when IsInteger => (long)_number,
        _ => throw WrongType(nameof(AsInt64)),
    };

    public ReadOnlyMemory<byte> AsBytes() => IsBytes ? _bytes : throw WrongType(nameof(AsBytes));

    public Oid AsOid() => Type == SnmpType.ObjectIdentifier ? _oid : throw WrongType(nameof(AsOid));

    /// <summary>The address of an IpAddress value, or null when it does not hold exactly four bytes.</summary>
    public IPAddress? AsIPAddress() =>
        Type == SnmpType.IpAddress ? (_bytes.Length == 4 ? new IPAddress(_bytes.Span) : null) : throw WrongType(nameof(AsIPAddress));

    private InvalidOperationException WrongType(string accessor) => new($"{accessor} is not valid for an SNMP value of type {Type}.");

    public bool Equals(SnmpValue other) =>
        Type == other.Type && _number == other._number && _oid.Equals(other._oid) && _bytes.Span.SequenceEqual(other._bytes.Span);

    public override bool Equals(object? obj) => obj is SnmpValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Type, _number, _oid, _bytes.Length);

    public static bool operator ==(SnmpValue left, SnmpValue right) => left.Equals(right);

    public static bool operator !=(SnmpValue left, SnmpValue right) => !left.Equals(right);

    public override string ToString() => Type switch
    {
        SnmpType.Integer32 => $"Integer32: {AsInt32().ToString(CultureInfo.InvariantCulture)}",
        SnmpType.ObjectIdentifier => $"ObjectIdentifier: {_oid}",
        SnmpType.IpAddress => $"IpAddress: {(AsIPAddress()?.ToString() ?? Convert.ToHexStringLower(_bytes.Span))}",
        _ when IsInteger => $"{Type}: {_number.ToString(CultureInfo.InvariantCulture)}",
        _ when IsBytes => $"{Type}: {Convert.ToHexStringLower(_bytes.Span)}",
        _ => Type.ToString(),
    };
}
