namespace TrapActors.Snmp;

/// <summary>Why a datagram could not be decoded. Decoding never throws on network input; it returns one of these.</summary>
public enum SnmpDecodeError : byte
{
    /// <summary>No error: the decode succeeded.</summary>
    None = 0,
    /// <summary>The input ended inside a value: a BER length points past the end of the datagram.</summary>
    Truncated,
    /// <summary>A BER tag other than the one the message syntax requires at this place, or a malformed multi-byte tag.</summary>
    InvalidTag,
    /// <summary>A BER length octet that is not a definite length of at most four bytes (indefinite form 0x80 included).</summary>
    InvalidLength,
    /// <summary>
    /// A length in a longer form than needed. Not reported by the decoder: BER (unlike DER) allows it, so such lengths
    /// are accepted; kept so that stored codes keep their numbers.
    /// </summary>
    NonMinimalLength,
    /// <summary>A value's length runs past the end of the constructed value around it, or leaves bytes unread inside it.</summary>
    LengthMismatch,
    /// <summary>Bytes follow the outer SEQUENCE of the message in the datagram.</summary>
    TrailingData,
    /// <summary>An INTEGER or unsigned value (Counter32, Gauge32, TimeTicks, Counter64...) does not fit its SMI range.</summary>
    IntegerOverflow,
    /// <summary>An OBJECT IDENTIFIER that is empty, badly encoded, has a sub-identifier above 2^32-1 or more arcs than <see cref="DecodeLimits.MaxOidArcs"/>.</summary>
    InvalidOid,
    /// <summary>Constructed values nested deeper than <see cref="DecodeLimits.MaxNestingDepth"/>.</summary>
    NestingTooDeep,
    /// <summary>A PDU with more variable bindings than <see cref="DecodeLimits.MaxVarBinds"/>.</summary>
    TooManyVarBinds,
    /// <summary>msgVersion is not 0 (SNMPv1), 1 (SNMPv2c) or 3 (SNMPv3).</summary>
    UnsupportedVersion,
    /// <summary>
    /// A PDU tag outside RFC 3416's set, or a PDU the message version cannot carry (GetBulk, Inform, SNMPv2-Trap or
    /// Report in SNMPv1; a v1 Trap-PDU in SNMPv2c or SNMPv3).
    /// </summary>
    UnsupportedPduType,
    /// <summary>An SNMPv3 msgSecurityModel other than USM (3) or TSM (4).</summary>
    UnsupportedSecurityModel,
    /// <summary>msgSecurityParameters does not hold a well-formed UsmSecurityParameters SEQUENCE (RFC 3414 §2.4).</summary>
    MalformedSecurityParameters,
    /// <summary>The datagram is longer than <see cref="DecodeLimits.MaxDatagramSize"/>.</summary>
    DatagramTooLarge,
    /// <summary>
    /// A value of the right type that breaks its definition: msgFlags not one byte, an engine ID or user name longer
    /// than 32 bytes, an IpAddress not four bytes, a Null or exception value with content.
    /// </summary>
    InvalidValue,
}

/// <summary>A failed decode: what went wrong and at which byte offset of the input.</summary>
/// <param name="Code">What went wrong.</param>
/// <param name="Offset">The byte offset in the input (datagram or decrypted scoped PDU) of the offending value; for <see cref="SnmpDecodeError.Truncated"/>, the input's length.</param>
/// <param name="Tag">The first byte of the offending value's BER tag, 0 when there is none.</param>
public readonly record struct DecodeError(SnmpDecodeError Code, int Offset, byte Tag = 0)
{
    /// <summary>The value that means "no error" (<see cref="SnmpDecodeError.None"/> at offset 0).</summary>
    public static readonly DecodeError None = default;

    /// <summary>True unless <see cref="Code"/> is <see cref="SnmpDecodeError.None"/>.</summary>
    public bool IsError => Code != SnmpDecodeError.None;

    /// <summary>The code, offset and tag, for logs, e.g. "InvalidTag at offset 14 (tag 0x30)".</summary>
    public override string ToString() => $"{Code} at offset {Offset} (tag 0x{Tag:X2})";
}
