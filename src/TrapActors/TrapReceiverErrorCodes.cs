namespace TrapActors;

/// <summary>
/// The numeric error codes that <see cref="BadPacketReceived"/>, <see cref="TrapReceiverErrorOccurred"/> and
/// <see cref="TrapListenerBindFailed"/> carry: 1xx–3xx classify a refused datagram (decoding, USM, TSM), 10xxx are the
/// Windows Sockets numbers of a socket error, so that an application can log and match them on every platform.
/// </summary>
public static class TrapReceiverErrorCodes
{
    public const int UnsupportedVersion = 305;
    public const int UnknownPduType = 306;
    public const int VerificationFailed = 308;
    public const int DecryptionFailed = 313;
    public const int SecurityModelNotSupported = 316;
    public const int DefectivePacket = 317;
    public const int BadPacket = 320;
    public const int MessageNotAuthenticated = 321;
    public const int BadEngineId = 324;
    public const int BadTimeFrame = 325;
    public const int BadUserName = 326;
    public const int SecurityLevelNotAccepted = 327;
    public const int MessageTooLong = 118;

    /// <summary>SSL error: a DTLS endpoint's certificate, key, trust anchors or map cannot be loaded.</summary>
    public const int CannotOpenCertificateStore = 271;
    public const int AddressInUse = 10048;
    public const int CannotAssignAddress = 10049;
    public const int AccessDenied = 10013;
}
