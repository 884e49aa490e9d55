using System.Collections.Immutable;
using System.Net;

namespace TrapActors;

/// <summary>
/// What the client-authentication policy (<see cref="TrapReceiverSetup.DtlsClientAuthentication"/>) sees of a DTLS
/// client during the handshake, after its certificate was found trusted or pinned and mapped to a securityName
/// (RFC 6353 §5.3.2).
/// </summary>
/// <param name="Peer">The client's address and port.</param>
/// <param name="Subject">The leaf certificate's subject distinguished name.</param>
/// <param name="Issuer">Its issuer's distinguished name.</param>
/// <param name="Encoded">The leaf certificate, DER-encoded.</param>
/// <param name="Sha256Fingerprint">The SHA-256 fingerprint of the leaf certificate, lower-case hex.</param>
/// <param name="Verdict">How the chain was trusted: <see cref="Dtls.ClientCertificateVerdict.Trusted"/> or <see cref="Dtls.ClientCertificateVerdict.Pinned"/>.</param>
/// <param name="SecurityName">The tmSecurityName the certificate map gave the client.</param>
public sealed record DtlsClientCertificate(
    IPEndPoint Peer,
    string Subject,
    string Issuer,
    ImmutableArray<byte> Encoded,
    string Sha256Fingerprint,
    TrapActors.Dtls.ClientCertificateVerdict Verdict,
    string? SecurityName);

/// <summary>
/// A DTLS server certificate and key given in memory: PEM text (certificate chain, leaf first, and an unencrypted
/// private key) or PKCS#12 bytes with their password.
/// </summary>
public sealed record DtlsServerIdentity
{
    /// <summary>The server certificate and its CA chain in PEM, leaf first; null when <see cref="Pkcs12"/> is used.</summary>
    public string? CertificatePem { get; init; }
    /// <summary>The unencrypted private key in PEM (PKCS#1, SEC1 or PKCS#8); never printed.</summary>
    public string? PrivateKeyPem { get; init; }
    /// <summary>A PKCS#12 (.pfx/.p12) file's bytes holding the certificate chain and key; empty when PEM is used.</summary>
    public ImmutableArray<byte> Pkcs12 { get; init; } = [];
    /// <summary>The password of <see cref="Pkcs12"/>; never printed.</summary>
    public string? Pkcs12Password { get; init; }

    /// <summary>An identity from PEM text: the certificate chain (leaf first) and the unencrypted private key.</summary>
    public static DtlsServerIdentity FromPem(string certificatePem, string privateKeyPem) => new() { CertificatePem = certificatePem, PrivateKeyPem = privateKeyPem };

    /// <summary>An identity from PKCS#12 bytes and their password (the bytes are copied).</summary>
    public static DtlsServerIdentity FromPkcs12(ReadOnlySpan<byte> pkcs12, string password) => new() { Pkcs12 = [.. pkcs12], Pkcs12Password = password };

    /// <summary>Which form is used; the key and password are redacted.</summary>
    public override string ToString() => $"DtlsServerIdentity {{ {(Pkcs12.IsDefaultOrEmpty ? "PEM" : "PKCS#12")}, key and password redacted }}";
}
