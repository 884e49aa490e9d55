using System.Net;

namespace TrapActors;

/// <summary>An endpoint was bound and is receiving.</summary>
public sealed record TrapListenerBound(BoundEndpoint Endpoint) : ITrapReceiverEvent;

/// <summary>An endpoint could not be bound (error code from the reference's UDP/TCP table, e.g. 10048 address in use).</summary>
public sealed record TrapListenerBindFailed(string Configured, int ErrorCode, string Reason) : ITrapReceiverEvent;

/// <summary>An endpoint was unbound (deactivate or shutdown).</summary>
public sealed record TrapListenerUnbound(BoundEndpoint Endpoint) : ITrapReceiverEvent;

/// <summary>
/// A datagram was rejected (the reference's on_bad_packet): the raw bytes, the source, the reference's error code and a description.
/// </summary>
public sealed record BadPacketReceived(ReadOnlyMemory<byte> Packet, IPEndPoint Source, int ErrorCode, string Description, DropReason Reason) : ITrapReceiverEvent
{
    public override string ToString() => $"BadPacketReceived {{ Source = {Source}, ErrorCode = {ErrorCode}, Description = {Description}, Length = {Packet.Length} }}";
}

public enum PacketDirection
{
    Incoming = 1,
    Outgoing = 2,
}

/// <summary>A datagram sent or received (the reference's on_packet_trace); published only when events.packet-trace is on.</summary>
public sealed record PacketTraced(PacketDirection Direction, ReadOnlyMemory<byte> Packet, IPEndPoint Peer) : ITrapReceiverEvent
{
    /// <summary>True when <see cref="Packet"/> is a decrypted scoped PDU (usm.decrypt-log-packets), not a datagram.</summary>
    public bool Decrypted { get; init; }

    public override string ToString() => $"PacketTraced {{ {Direction} {Packet.Length} bytes, Peer = {Peer} }}";
}

/// <summary>An error during delivery or sending (the reference's on_error).</summary>
public sealed record TrapReceiverErrorOccurred(int ErrorCode, string Description) : ITrapReceiverEvent;
