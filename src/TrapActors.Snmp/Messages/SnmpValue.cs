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

    /// <summary>The SMI type, which says which accessor applies (<see cref="AsInt32"/>, <see cref="AsUInt32"/>, <see cref="AsBytes"/>...).</summary>
    public SnmpType Type { get; }

    /// <summary>An Integer32.</summary>
    public static SnmpValue Integer32(int value) => new(SnmpType.Integer32, unchecked((ulong)value));
    /// <summary>An OCTET STRING of these bytes (not copied: pass memory nobody changes afterwards).</summary>
    public static SnmpValue OctetString(ReadOnlyMemory<byte> value) => new(SnmpType.OctetString, bytes: value);
    /// <summary>An OCTET STRING of the UTF-8 bytes of <paramref name="utf8"/>.</summary>
    public static SnmpValue OctetString(string utf8) => OctetString(System.Text.Encoding.UTF8.GetBytes(utf8));
    /// <summary>The NULL value.</summary>
    public static readonly SnmpValue Null = new(SnmpType.Null);
    /// <summary>An OBJECT IDENTIFIER.</summary>
    public static SnmpValue ObjectIdentifier(Oid value) => new(SnmpType.ObjectIdentifier, oid: value);
    /// <summary>An IpAddress of four bytes in network order (not copied).</summary>
    public static SnmpValue IpAddress(ReadOnlyMemory<byte> fourBytes) => new(SnmpType.IpAddress, bytes: fourBytes);
    /// <summary>An IpAddress from <paramref name="address"/>, which should be IPv4: the SMI type holds four bytes.</summary>
    public static SnmpValue IpAddress(IPAddress address) => IpAddress(address.GetAddressBytes());
    /// <summary>A Counter32.</summary>
    public static SnmpValue Counter32(uint value) => new(SnmpType.Counter32, value);
    /// <summary>A Gauge32 (Unsigned32).</summary>
    public static SnmpValue Gauge32(uint value) => new(SnmpType.Gauge32, value);
    /// <summary>A TimeTicks value in hundredths of a second.</summary>
    public static SnmpValue TimeTicks(uint value) => new(SnmpType.TimeTicks, value);
    /// <summary>An Opaque value holding these (BER-encoded) bytes (not copied).</summary>
    public static SnmpValue Opaque(ReadOnlyMemory<byte> value) => new(SnmpType.Opaque, bytes: value);
    /// <summary>An NsapAddress of these bytes (not copied).</summary>
    public static SnmpValue NsapAddress(ReadOnlyMemory<byte> value) => new(SnmpType.NsapAddress, bytes: value);
    /// <summary>A Counter64.</summary>
    public static SnmpValue Counter64(ulong value) => new(SnmpType.Counter64, value);
    /// <summary>A UInteger32.</summary>
    public static SnmpValue UInteger32(uint value) => new(SnmpType.UInteger32, value);
    /// <summary>The noSuchObject exception value.</summary>
    public static readonly SnmpValue NoSuchObject = new(SnmpType.NoSuchObject);
    /// <summary>The noSuchInstance exception value.</summary>
    public static readonly SnmpValue NoSuchInstance = new(SnmpType.NoSuchInstance);
    /// <summary>The endOfMibView exception value.</summary>
    public static readonly SnmpValue EndOfMibView = new(SnmpType.EndOfMibView);

    /// <summary>True for the number types: Integer32, Counter32, Gauge32, TimeTicks, Counter64, UInteger32 (see <see cref="AsInt64"/>).</summary>
    public bool IsInteger => Type is SnmpType.Integer32 or SnmpType.Counter32 or SnmpType.Gauge32
        or SnmpType.TimeTicks or SnmpType.Counter64 or SnmpType.UInteger32;

    /// <summary>True for the byte-string types: OCTET STRING, IpAddress, Opaque, NsapAddress (see <see cref="AsBytes"/>).</summary>
    public bool IsBytes => Type is SnmpType.OctetString or SnmpType.IpAddress or SnmpType.Opaque or SnmpType.NsapAddress;

    /// <summary>True for the RFC 3416 exception values noSuchObject, noSuchInstance and endOfMibView.</summary>
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

    /// <summary>The bytes of a byte-string type (<see cref="IsBytes"/>); for a decoded value, a slice of the received datagram.</summary>
    /// <exception cref="InvalidOperationException">The value is not a byte-string type.</exception>
    public ReadOnlyMemory<byte> AsBytes() => IsBytes ? _bytes : throw WrongType(nameof(AsBytes));

    /// <summary>The value of an OBJECT IDENTIFIER.</summary>
    /// <exception cref="InvalidOperationException">The value is not an OBJECT IDENTIFIER.</exception>
    public Oid AsOid() => Type == SnmpType.ObjectIdentifier ? _oid : throw WrongType(nameof(AsOid));

    /// <summary>The address of an IpAddress value, or null when it does not hold exactly four bytes.</summary>
    public IPAddress? AsIPAddress() =>
        Type == SnmpType.IpAddress ? (_bytes.Length == 4 ? new IPAddress(_bytes.Span) : null) : throw WrongType(nameof(AsIPAddress));

    private InvalidOperationException WrongType(string accessor) => new($"{accessor} is not valid for an SNMP value of type {Type}.");

    /// <summary>True when the type and the value (number, bytes or OID) are the same.</summary>
    public bool Equals(SnmpValue other) =>
        Type == other.Type && _number == other._number && _oid.Equals(other._oid) && _bytes.Span.SequenceEqual(other._bytes.Span);

    /// <summary>True when <paramref name="obj"/> is an <see cref="SnmpValue"/> of the same type and value.</summary>
    public override bool Equals(object? obj) => obj is SnmpValue other && Equals(other);

    /// <summary>A hash of the type and value.</summary>
    public override int GetHashCode() => HashCode.Combine(Type, _number, _oid, _bytes.Length);

    /// <summary>True when the type and the value are the same.</summary>
    public static bool operator ==(SnmpValue left, SnmpValue right) => left.Equals(right);

    /// <summary>True when the type or the value differ.</summary>
    public static bool operator !=(SnmpValue left, SnmpValue right) => !left.Equals(right);

    /// <summary>The type and value for logs, e.g. "Counter32: 42", "IpAddress: 10.0.0.5"; byte strings in lower-case hex.</summary>
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
