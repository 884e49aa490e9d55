namespace TrapActors.Snmp.Messages;

/// <summary>msgFlags bits (RFC 3412 §6.4).</summary>
[Flags]
public enum V3MessageFlags : byte
{
    /// <summary>noAuthNoPriv, not reportable.</summary>
    None = 0,
    /// <summary>authFlag: the message is authenticated (msgAuthenticationParameters carries an HMAC).</summary>
    Auth = 0x01,
    /// <summary>privFlag: the scoped PDU is encrypted; only valid together with <see cref="Auth"/>.</summary>
    Priv = 0x02,
    /// <summary>reportableFlag: the sender wants a Report-PDU if the message is rejected (set in Inform requests, not in traps).</summary>
    Reportable = 0x04,
}

/// <summary>msgSecurityModel values (RFC 3411).</summary>
public static class SecurityModels
{
    /// <summary>The User-based Security Model, USM (RFC 3414).</summary>
    public const int Usm = 3;
    /// <summary>The Transport Security Model, TSM (RFC 5591), used with SNMP over (D)TLS (RFC 6353).</summary>
    public const int Tsm = 4;
}

/// <summary>
/// An SNMPv3 message frame (RFC 3412 §6). The scoped PDU is either plaintext (<see cref="ScopedPdu"/>)
/// or still encrypted (<see cref="EncryptedPdu"/>), for the security model to decrypt.
/// </summary>
/// <param name="MessageId">msgID, which a Response or Report echoes.</param>
/// <param name="MaxSize">msgMaxSize: the largest message the sender can receive.</param>
/// <param name="Flags">msgFlags: security level and reportable bit.</param>
/// <param name="SecurityModel">msgSecurityModel (<see cref="SecurityModels"/>).</param>
/// <param name="SecurityParameters">msgSecurityParameters as raw bytes (the content of the OCTET STRING).</param>
/// <param name="Usm">The decoded msgSecurityParameters when the model is USM; null for TSM.</param>
/// <param name="ScopedPdu">The plaintext scoped PDU; null when it is encrypted.</param>
/// <param name="EncryptedPdu">The encryptedPDU bytes when <see cref="V3MessageFlags.Priv"/> is set; empty otherwise.</param>
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

    /// <summary>True when the scoped PDU is still encrypted: <see cref="ScopedPdu"/> is null and <see cref="EncryptedPdu"/> holds it.</summary>
    public bool IsEncrypted => ScopedPdu is null;
}

/// <summary>UsmSecurityParameters (RFC 3414 §2.4).</summary>
/// <param name="EngineId">msgAuthoritativeEngineID: for a trap the sender's engine, for an inform the receiver's.</param>
/// <param name="EngineBoots">msgAuthoritativeEngineBoots (RFC 3414 §2.2.2).</param>
/// <param name="EngineTime">msgAuthoritativeEngineTime: seconds since the last boot of the authoritative engine.</param>
/// <param name="UserName">msgUserName: the USM user (the securityName).</param>
/// <param name="AuthParameters">msgAuthenticationParameters: the truncated HMAC, or empty without authentication.</param>
/// <param name="PrivParameters">msgPrivacyParameters: the salt of the encryption, or empty without privacy.</param>
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
/// <param name="ContextEngineId">contextEngineID: the engine whose context the PDU's data belongs to.</param>
/// <param name="ContextName">contextName (often empty, the default context).</param>
/// <param name="Pdu">The PDU.</param>
public sealed record ScopedPdu(ReadOnlyMemory<byte> ContextEngineId, ReadOnlyMemory<byte> ContextName, Pdu Pdu);
