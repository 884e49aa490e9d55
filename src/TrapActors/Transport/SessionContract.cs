using System.Net;
using Akka.Actor;
using TrapActors.Snmp;

namespace TrapActors.Transport;

/// <summary>Send a datagram to <paramref name="Target"/> from the local endpoint <paramref name="From"/> (null: the transport's own).</summary>
internal sealed record SendDatagram(byte[] Data, IPEndPoint Target, IPEndPoint? From = null) : INoSerializationVerificationNeeded;

/// <summary>
/// From the transport, which has taken the session out of its routing table (passivated or evicted) and routes it
/// nothing more: stop once everything routed before this is handled and no work is held (an inform awaiting a
/// decision, a message awaiting a USM policy), so that stopping loses nothing (decisions 0003, 0019).
/// </summary>
internal sealed record StopSession : INoSerializationVerificationNeeded
{
    public static readonly StopSession Instance = new();
}

/// <summary>
/// A session that held work (an inform awaiting a decision, a message awaiting a USM policy) holds none any more: its
/// transport may evict it again (decision 0019).
/// </summary>
internal sealed record SessionWorkFinished(PeerKey Peer) : INoSerializationVerificationNeeded;

/// <summary>
/// What a transport tells the session factory about a new session: the peer, the local endpoint, the transport's
/// name ("udp", "dtls"), the actor that sends for the session (it accepts <see cref="SendDatagram"/> and
/// <see cref="SessionWorkFinished"/>; it also decides when the session is idle), and for a DTLS association the securityName its
/// client certificate mapped to (RFC 5591 tmSecurityName), the largest message the transport carries in one datagram
/// or record (a Response that would not fit is answered tooBig instead), and the lease the transport hands the
/// session's datagrams with, on which the session marks the work it holds (<see cref="DatagramLease.SetHolding"/>).
/// </summary>
internal sealed record SessionSpec(PeerKey Peer, IPEndPoint LocalEndPoint, string Transport, IActorRef Sender, string? TmSecurityName = null,
    int MaxMessageSize = SnmpLimits.MaxUdpPayload, DatagramLease? Lease = null);

/// <summary>Creates the session actor for a source; transports know sessions only through it and the messages above.</summary>
internal delegate Props SessionFactory(SessionSpec spec);
