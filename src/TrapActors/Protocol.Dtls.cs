using System.Net;

namespace TrapActors;

/// <summary>Why a DTLS association was refused or failed before it carried SNMP (RFC 6353 §5.3).</summary>
public enum DtlsRefusal
{
    /// <summary>The client sent no certificate; RFC 6353 requires one on both sides.</summary>
    NoClientCertificate,
    /// <summary>The client's chain reaches no trust anchor (dtls.trust-anchors-file) and no cert-map entry pins it, or does not verify.</summary>
    UntrustedCertificate,
    /// <summary>The client's certificate, or one of its chain, is expired or not yet valid.</summary>
    ExpiredCertificate,
    /// <summary>No entry of the certificate-to-securityName map (dtls.cert-map) gave the client a name.</summary>
    NoMapping,
    /// <summary>The client-authentication policy (<see cref="TrapReceiverSetup.DtlsClientAuthentication"/>) said no.</summary>
    PolicyRefused,
    /// <summary>The handshake did not finish within dtls.handshake-timeout.</summary>
    HandshakeTimeout,
    /// <summary>The handshake failed otherwise: a fatal alert, no common cipher suite, a bad message.</summary>
    HandshakeFailed,
    /// <summary>dtls.max-associations were open already and every one was busy (none idle to close).</summary>
    AssociationLimit,
}

/// <summary>
/// DTLS handshake progress and failures in words, for logging: "handshake started (cookie verified)", "handshake
/// failed (...)", "handshake abandoned: ...", "association closed: ...". Published on the ActorSystem's EventStream, at
/// most events.max-per-second a second (the rest are counted in <see cref="TrapReceiverStats.EventsSuppressed"/>).
/// </summary>
/// <param name="Peer">The client's address and port.</param>
/// <param name="Status">What happened.</param>
public sealed record DtlsStatus(IPEndPoint Peer, string Status) : ITrapReceiverEvent;

/// <summary>
/// A client certificate was accepted and mapped to <paramref name="SecurityName"/> (RFC 6353 §5.3.2). Published on the
/// ActorSystem's EventStream.
/// </summary>
/// <param name="Peer">The client's address and port.</param>
/// <param name="Subject">The leaf certificate's subject distinguished name.</param>
/// <param name="Issuer">Its issuer's distinguished name.</param>
/// <param name="Sha256Fingerprint">The SHA-256 fingerprint of the leaf certificate, lower-case hex.</param>
/// <param name="SecurityName">The tmSecurityName the certificate map gave it (with "dtls:" when dtls.security-name-prefix is on).</param>
public sealed record DtlsClientAuthenticated(IPEndPoint Peer, string Subject, string Issuer, string Sha256Fingerprint, string SecurityName) : ITrapReceiverEvent;

/// <summary>
/// A DTLS association finished its handshake and is ready to carry SNMP messages (as authPriv, with the transport
/// security model, RFC 5591). Published on the ActorSystem's EventStream.
/// </summary>
/// <param name="Peer">The client's address and port.</param>
/// <param name="SecurityName">The tmSecurityName its messages are checked and delivered under.</param>
public sealed record DtlsAssociationEstablished(IPEndPoint Peer, string SecurityName) : ITrapReceiverEvent;

/// <summary>
/// A DTLS association ended: close_notify, idle timeout (dtls.idle-timeout), shutdown or an error. Published on the
/// ActorSystem's EventStream.
/// </summary>
/// <param name="Peer">The client's address and port.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record DtlsAssociationClosed(IPEndPoint Peer, string Reason) : ITrapReceiverEvent;

/// <summary>
/// A DTLS association was refused before it carried SNMP; counted in <see cref="DtlsStats.Refused"/>. Published on the
/// ActorSystem's EventStream, at most events.max-per-second a second (the rest are counted in
/// <see cref="TrapReceiverStats.EventsSuppressed"/>).
/// </summary>
/// <param name="Peer">The client's address and port.</param>
/// <param name="Reason">Why.</param>
/// <param name="Detail">The details in words (certificate subject, alert, limit).</param>
public sealed record DtlsAssociationRefused(IPEndPoint Peer, DtlsRefusal Reason, string Detail) : ITrapReceiverEvent;
