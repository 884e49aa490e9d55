namespace TrapActors.Snmp.Messages;

/// <summary>msgFlags bits (RFC 3412 §6.4).</summary>
[Flags]
public enum V3MessageFlags : byte
{
    None = 0,
    Auth = 0x01,
    Priv = 0x02,
    Reportable = 0x04,
}

/// <summary>msgSecurityModel values (RFC 3411).</summary>
public static class SecurityModels
{
    public const int Usm = 3;
    public const int Tsm = 4;
}

/// <summary>
/// An SNMPv3 message frame (RFC 3412 §6). The scoped PDU is either plaintext (<see cref="ScopedPdu"/>)
/// or still encrypted (<see cref="EncryptedPdu"/>), for the security model to decrypt.
/// </summary>
public sealed record V3Message(
    int MessageId,
    int MaxSize,
    V3MessageFlags Flags,
    int SecurityModel,
    ReadOnlyMemory<byte> SecurityParameters,
    UsmSecurityParameters? Usm,
    ScopedPdu? ScopedPdu,
    ReadOnlyMemory<byte> EncryptedPdu) : SnmpMessage(SnmpVersion.V3)
{
    /// <summary>The whole datagram, as authentication covers it.</summary>
    public ReadOnlyMemory<byte> WholeMessage { get; init; }

    /// <summary>Offset of the msgAuthenticationParameters value bytes in <see cref="WholeMessage"/>; -1 when absent.</summary>
    public int AuthParametersOffset { get; init; } = -1;

    public bool IsEncrypted => ScopedPdu is null;
}

/// <summary>UsmSecurityParameters (RFC 3414 §2.4).</summary>
public sealed record UsmSecurityParameters(
    ReadOnlyMemory<byte> EngineId,
    int EngineBoots,
    int EngineTime,
    ReadOnlyMemory<byte> UserName,
    ReadOnlyMemory<byte> AuthParameters,
    ReadOnlyMemory<byte> PrivParameters)
{
    /// <summary>The longest msgAuthoritativeEngineID the decoder accepts (RFC 3414 §2.4: SIZE(5..32)).</summary>
    public const int MaxEngineIdLength = 32;

    /// <summary>The longest msgUserName the decoder accepts (RFC 3414 §2.4: SIZE(0..32)).</summary>
    public const int MaxUserNameLength = 32;
}

/// <summary>ScopedPDU (RFC 3412 §6.8): context engine ID, context name and PDU.</summary>
public sealed record ScopedPdu(ReadOnlyMemory<byte> ContextEngineId, ReadOnlyMemory<byte> ContextName, Pdu Pdu);
