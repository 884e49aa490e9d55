using System.Collections.Immutable;
using System.Net;

namespace TrapActors;

/// <summary>What the client-authentication policy sees of a DTLS client (the reference's on_ssl_client_authentication).</summary>
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
    public string? CertificatePem { get; init; }
    public string? PrivateKeyPem { get; init; }
    public ImmutableArray<byte> Pkcs12 { get; init; } = [];
    public string? Pkcs12Password { get; init; }

    public static DtlsServerIdentity FromPem(string certificatePem, string privateKeyPem) => new() { CertificatePem = certificatePem, PrivateKeyPem = privateKeyPem };

    public static DtlsServerIdentity FromPkcs12(ReadOnlySpan<byte> pkcs12, string password) => new() { Pkcs12 = [.. pkcs12], Pkcs12Password = password };

    public override string ToString() => $"DtlsServerIdentity {{ {(Pkcs12.IsDefaultOrEmpty ? "PEM" : "PKCS#12")}, key and password redacted }}";
}
