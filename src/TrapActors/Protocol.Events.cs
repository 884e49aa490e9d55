using System.Net;

namespace TrapActors;

/// <summary>An endpoint was bound and is receiving. Published on the ActorSystem's EventStream.</summary>
/// <param name="Endpoint">The endpoint and the local address and port it bound.</param>
public sealed record TrapListenerBound(BoundEndpoint Endpoint) : ITrapReceiverEvent;

/// <summary>
/// An endpoint could not be bound, e.g. the port is in use or needs privileges (162 is below 1024). Published on the
/// ActorSystem's EventStream, and listed in <see cref="BoundEndpoints.Failures"/>.
/// </summary>
/// <param name="Configured">The endpoint as configured (TRANSPORT:HOST:PORT).</param>
/// <param name="ErrorCode">
/// A <see cref="TrapReceiverErrorCodes"/> value: the Windows Sockets number of the socket error on every platform
/// (<see cref="TrapReceiverErrorCodes.AddressInUse"/>, <see cref="TrapReceiverErrorCodes.AccessDenied"/>...),
/// <see cref="TrapReceiverErrorCodes.CannotOpenCertificateStore"/> for a DTLS endpoint without usable credentials, or
/// 0 when the listener stopped before it bound.
/// </param>
/// <param name="Reason">A description for logs.</param>
public sealed record TrapListenerBindFailed(string Configured, int ErrorCode, string Reason) : ITrapReceiverEvent;

/// <summary>An endpoint was unbound (<see cref="Deactivate"/> or shutdown). Published on the ActorSystem's EventStream.</summary>
/// <param name="Endpoint">The endpoint that is no longer receiving.</param>
public sealed record TrapListenerUnbound(BoundEndpoint Endpoint) : ITrapReceiverEvent;

/// <summary>
/// A datagram was rejected before it became a notification: it did not decode, or failed the community, USM, TSM
/// or access checks. Published on the ActorSystem's EventStream when trap-actors.events.bad-packet is on, at most
/// events.max-per-second a second (the rest are counted in <see cref="TrapReceiverStats.EventsSuppressed"/>).
/// </summary>
/// <param name="Packet">The datagram's bytes (for DTLS, the decrypted SNMP message).</param>
/// <param name="Source">The sender's address and port.</param>
/// <param name="ErrorCode">A <see cref="TrapReceiverErrorCodes"/> value classifying the refusal (decoding 3xx, USM 32x...).</param>
/// <param name="Description">A description for logs; it never contains a community or key.</param>
/// <param name="Reason">The drop reason it is counted under in <see cref="TrapReceiverStats.Dropped"/>.</param>
public sealed record BadPacketReceived(ReadOnlyMemory<byte> Packet, IPEndPoint Source, int ErrorCode, string Description, DropReason Reason) : ITrapReceiverEvent
{
    /// <summary>The source, error code, description and length; never the bytes, which may hold a community.</summary>
    public override string ToString() => $"BadPacketReceived {{ Source = {Source}, ErrorCode = {ErrorCode}, Description = {Description}, Length = {Packet.Length} }}";
}

/// <summary>Whether a traced datagram was received or sent.</summary>
public enum PacketDirection
{
    /// <summary>Received from the peer.</summary>
    Incoming = 1,
    /// <summary>Sent to the peer (a Response to an inform, or a Report).</summary>
    Outgoing = 2,
}

/// <summary>
/// A datagram sent or received, for packet-level tracing. Published on the ActorSystem's EventStream only when
/// trap-actors.events.packet-trace is on, at most events.max-per-second a second (the rest are counted in
/// <see cref="TrapReceiverStats.EventsSuppressed"/>).
/// </summary>
/// <param name="Direction">Received or sent.</param>
/// <param name="Packet">The bytes as on the wire (for DTLS, the encrypted record), or a decrypted scoped PDU when <see cref="Decrypted"/>.</param>
/// <param name="Peer">The remote address and port.</param>
public sealed record PacketTraced(PacketDirection Direction, ReadOnlyMemory<byte> Packet, IPEndPoint Peer) : ITrapReceiverEvent
{
    /// <summary>True when <see cref="Packet"/> is a decrypted scoped PDU (usm.decrypt-log-packets), not a datagram.</summary>
    public bool Decrypted { get; init; }

    /// <summary>The direction, length and peer; never the bytes.</summary>
    public override string ToString() => $"PacketTraced {{ {Direction} {Packet.Length} bytes, Peer = {Peer} }}";
}

/// <summary>
/// An error outside a single datagram's checks, such as a Response that could not be sent. Published on the
/// ActorSystem's EventStream.
/// </summary>
/// <param name="ErrorCode">A <see cref="TrapReceiverErrorCodes"/> value (a socket error's Windows Sockets number).</param>
/// <param name="Description">A description for logs.</param>
public sealed record TrapReceiverErrorOccurred(int ErrorCode, string Description) : ITrapReceiverEvent;
