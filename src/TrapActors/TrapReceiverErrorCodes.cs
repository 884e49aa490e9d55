namespace TrapActors;

/// <summary>
/// The numeric error codes that <see cref="BadPacketReceived"/>, <see cref="TrapReceiverErrorOccurred"/>,
/// <see cref="TrapListenerBindFailed"/> and <see cref="UsmKeyLengthException"/> carry: 1xx–3xx classify a refused datagram
/// (decoding, USM, TSM) or a refused USM key, 10xxx are the
/// Windows Sockets numbers of a socket error, so that an application can log and match them on every platform.
/// </summary>
public static class TrapReceiverErrorCodes
{
    /// <summary>msgVersion is not SNMPv1, SNMPv2c or SNMPv3 (<see cref="DropReason.UnsupportedVersion"/>).</summary>
    public const int UnsupportedVersion = 305;
    /// <summary>A PDU that is not a notification, or not valid in its version (<see cref="DropReason.UnsupportedPdu"/>).</summary>
    public const int UnknownPduType = 306;
    /// <summary>The USM HMAC did not verify: usmStatsWrongDigests (<see cref="DropReason.WrongDigest"/>).</summary>
    public const int VerificationFailed = 308;
    /// <summary>The scoped PDU did not decrypt: usmStatsDecryptionErrors (<see cref="DropReason.DecryptionError"/>).</summary>
    public const int DecryptionFailed = 313;
    /// <summary>msgSecurityModel is neither USM nor TSM, or TSM arrived without DTLS (<see cref="DropReason.UnsupportedSecurity"/>).</summary>
    public const int SecurityModelNotSupported = 316;
    /// <summary>A malformed message: bad BER, inconsistent msgFlags, a plaintext/encrypted PDU mismatch (<see cref="DropReason.Malformed"/>).</summary>
    public const int DefectivePacket = 317;
    /// <summary>A v1/v2c community that is not accepted (<see cref="DropReason.UnknownCommunity"/>).</summary>
    public const int BadPacket = 320;
    /// <summary>
    /// A USM policy did not decide on the message in time, or too many decisions were waiting
    /// (<see cref="DropReason.PolicyTimeout"/>, <see cref="DropReason.PolicyBusy"/>). A message below the user's level is
    /// reported as <see cref="SecurityLevelNotAccepted"/>.
    /// </summary>
    public const int MessageNotAuthenticated = 321;
    /// <summary>
    /// An authoritative engine refused: usmStatsUnknownEngineIDs, an inform not addressed to this engine, or the remote
    /// engine table full (<see cref="DropReason.UnknownEngine"/>).
    /// </summary>
    public const int BadEngineId = 324;
    /// <summary>Outside the time window: usmStatsNotInTimeWindows (<see cref="DropReason.NotInTimeWindow"/>).</summary>
    public const int BadTimeFrame = 325;
    /// <summary>No such USM user: usmStatsUnknownUserNames (<see cref="DropReason.UnknownUser"/>).</summary>
    public const int BadUserName = 326;
    /// <summary>
    /// The message's security level is not accepted for the user (usmStatsUnsupportedSecLevels) or the access rules refuse it
    /// (<see cref="DropReason.UnsupportedSecurityLevel"/>, <see cref="DropReason.AccessDenied"/>).
    /// </summary>
    public const int SecurityLevelNotAccepted = 327;
    /// <summary>A USM user's master or localized key has the wrong length for its protocols (<see cref="UsmKeyLengthException"/>, when the user is made).</summary>
    public const int IncorrectKeyLength = 329;
    /// <summary>The datagram is longer than trap-actors.listener.max-packet-size (<see cref="DropReason.TooLarge"/>).</summary>
    public const int MessageTooLong = 118;

    /// <summary>A DTLS endpoint's certificate, key, trust anchors or certificate map cannot be loaded (the endpoint is not bound).</summary>
    public const int CannotOpenCertificateStore = 271;
    /// <summary>WSAEADDRINUSE: the address and port are bound by another socket (see listener.share-local-port).</summary>
    public const int AddressInUse = 10048;
    /// <summary>WSAEADDRNOTAVAIL: the address is not one of this host's.</summary>
    public const int CannotAssignAddress = 10049;
    /// <summary>WSAEACCES: not allowed, e.g. a port below 1024 without the privilege (CAP_NET_BIND_SERVICE on Linux).</summary>
    public const int AccessDenied = 10013;
}
