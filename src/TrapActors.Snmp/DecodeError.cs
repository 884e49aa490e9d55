namespace TrapActors.Snmp;

/// <summary>Why a datagram could not be decoded. Decoding never throws on network input; it returns one of these.</summary>
public enum SnmpDecodeError : byte
{
    None = 0,
    Truncated,
    InvalidTag,
    InvalidLength,
    NonMinimalLength,
    LengthMismatch,
    TrailingData,
    IntegerOverflow,
    InvalidOid,
    NestingTooDeep,
    TooManyVarBinds,
    UnsupportedVersion,
    UnsupportedPduType,
    UnsupportedSecurityModel,
    MalformedSecurityParameters,
    DatagramTooLarge,
    InvalidValue,
}

/// <summary>A failed decode: what went wrong and at which byte offset of the input.</summary>
public readonly record struct DecodeError(SnmpDecodeError Code, int Offset, byte Tag = 0)
{
    public static readonly DecodeError None = default;

    public bool IsError => Code != SnmpDecodeError.None;

    public override string ToString() => $"{Code} at offset {Offset} (tag 0x{Tag:X2})";
}
