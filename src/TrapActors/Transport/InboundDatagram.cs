using System.Net;
using Akka.Actor;

namespace TrapActors.Transport;

/// <summary>
/// A datagram as a transport received it: an owned copy of the bytes, where it came from, the local endpoint it
/// arrived on and when. Whoever routes it to a session gives it that session's <see cref="Lease"/> before handing it
/// on; the session releases the lease when it is done with the datagram, which ends its in-flight accounting.
/// </summary>
internal sealed class InboundDatagram(byte[] data, IPEndPoint source, IPEndPoint localEndPoint, DateTimeOffset receivedAt)
    : INoSerializationVerificationNeeded
{
    public byte[] Data { get; } = data;

    public IPEndPoint Source { get; } = source;

    /// <summary>The local address and port the datagram arrived on; a Response is sent from it.</summary>
    public IPEndPoint LocalEndPoint { get; } = localEndPoint;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    /// <summary>
    /// Set once, by the router, while it alone holds the datagram (a second record per datagram would cost an
    /// allocation on the hottest path, decision 0017).
    /// </summary>
    public DatagramLease Lease { get; private set; } = DatagramLease.Untracked;

    /// <summary>Hands the datagram to the holder of <paramref name="lease"/>; returns this datagram.</summary>
    public InboundDatagram LeasedTo(DatagramLease lease)
    {
        lease.Take();
        Lease = lease;
        return this;
    }
}
