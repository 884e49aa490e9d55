using System.Net;

namespace TrapActors;

/// <summary>Why a DTLS association was refused or failed before it carried SNMP.</summary>
public enum DtlsRefusal
{
    NoClientCertificate,
    UntrustedCertificate,
    ExpiredCertificate,
    /// <summary>No entry of the certificate-to-securityName map (dtls.cert-map) gave the client a name.</summary>
    NoMapping,
    /// <summary>The client-authentication policy (TrapReceiverSetup.DtlsPolicies) said no.</summary>
    PolicyRefused,
    HandshakeTimeout,
    HandshakeFailed,
    /// <summary>dtls.max-associations were open already.</summary>
    AssociationLimit,
}

/// <summary>DTLS handshake progress and failures, for logging (the reference's on_ssl_status).</summary>
public sealed record DtlsStatus(IPEndPoint Peer, string Status) : ITrapReceiverEvent;

/// <summary>A client certificate was accepted and mapped to <paramref name="SecurityName"/>.</summary>
public sealed record DtlsClientAuthenticated(IPEndPoint Peer, string Subject, string Issuer, string Sha256Fingerprint, string SecurityName) : ITrapReceiverEvent;

/// <summary>A DTLS association is ready to carry SNMP (the reference's on_connected).</summary>
public sealed record DtlsAssociationEstablished(IPEndPoint Peer, string SecurityName) : ITrapReceiverEvent;

/// <summary>A DTLS association ended: close_notify, idle timeout, shutdown or an error (the reference's on_disconnected).</summary>
public sealed record DtlsAssociationClosed(IPEndPoint Peer, string Reason) : ITrapReceiverEvent;

/// <summary>A DTLS association was refused before it carried SNMP.</summary>
public sealed record DtlsAssociationRefused(IPEndPoint Peer, DtlsRefusal Reason, string Detail) : ITrapReceiverEvent;
