using System.Net;
using Org.BouncyCastle.Asn1.X509;
using TrapActors.Configuration;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace TrapActors.Dtls;

/// <summary>
/// BouncyCastle's server side of one association: DTLS 1.2 only, ECDHE with AES-GCM or ChaCha20-Poly1305, a client
/// certificate required (RFC 6353 §5.1), verified and mapped to a securityName before the handshake may finish.
/// One instance per association: BouncyCastle keeps the handshake's state in it. The listener's warm-up
/// (<see cref="DtlsWarmUp"/>) makes one with <paramref name="warmUp"/> set, talking to a client in the same process only.
/// </summary>
internal sealed class TrapDtlsServer(DtlsServerContext context, IPEndPoint peer, bool warmUp = false) : DefaultTlsServer(context.Crypto)
{
    private static readonly int[] EcdsaSuites =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    private static readonly int[] RsaSuites =
    [
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    /// <summary>Set when this side refused the client; the handshake then fails with an alert.</summary>
    public (DtlsRefusal Reason, string Detail)? Refusal { get; private set; }

    /// <summary>The accepted client: its leaf certificate and the securityName it mapped to.</summary>
    public (CertificateInfo Leaf, string SecurityName)? Client { get; private set; }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => CipherSuites(context);

    /// <summary>The suites offered for the server's key: ECDHE with ECDSA or RSA signatures.</summary>
    public static int[] CipherSuites(DtlsServerContext context) =>
        TlsUtilities.GetSupportedCipherSuites(context.Crypto, context.Credentials.IsEcdsa ? EcdsaSuites : RsaSuites);

    public override int GetHandshakeTimeoutMillis() => (int)Math.Min(int.MaxValue, context.Settings.HandshakeTimeout.TotalMilliseconds);

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() => Signer(SignatureAlgorithm.ecdsa);

    protected override TlsCredentialedSigner GetRsaSignerCredentials() => Signer(SignatureAlgorithm.rsa);

    private TlsCredentialedSigner Signer(short signatureAlgorithm)
    {
        var algorithm = TlsUtilities.ChooseSignatureAndHashAlgorithm(m_context, m_context.SecurityParameters.ClientSigAlgs, signatureAlgorithm);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(m_context), (BcTlsCrypto)Crypto, context.Credentials.PrivateKey, context.ServerChain, algorithm);
    }

    /// <summary>An empty list of certificate authorities keeps the server's flight small (net-snmp reads few datagrams).</summary>
    public override CertificateRequest GetCertificateRequest() => new(
        [ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign],
        TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context),
        new List<X509Name>());

    /// <summary>
    /// Trust (a trust anchor, or a fingerprint pinned in the map), validity, the securityName, then the policy. The client
    /// has not yet proven it holds the key here: the association counts as authenticated only once the handshake finished.
    /// </summary>
    public override void NotifyClientCertificate(Certificate clientCertificate)
    {
        if (clientCertificate is null || clientCertificate.IsEmpty)
            Refuse(DtlsRefusal.NoClientCertificate, "the client sent no certificate", AlertDescription.handshake_failure);
        var chain = clientCertificate!.GetCertificateList().Select(c => new X509Certificate(c.GetEncoded())).ToList();
        var infos = chain.Select(CertificateInfo.From).ToList();
        var leaf = infos[0];
        var now = DateTime.UtcNow;
        if (warmUp)
        {
            AcceptWarmUpClient(chain, infos, now);
            return;
        }
        if (now > leaf.NotAfter || now < leaf.NotBefore)
            Refuse(DtlsRefusal.ExpiredCertificate, $"certificate of '{HoconWriter.Escape(leaf.Subject)}' valid {leaf.NotBefore:u} to {leaf.NotAfter:u}", AlertDescription.certificate_expired);

        var verdict = context.Anchors.Verify(chain, now);
        if (verdict != ClientCertificateVerdict.Trusted)
        {
            // Pinning stands in for a trust anchor only: a pinned certificate must still be valid, signed, and for client use.
            if (verdict == ClientCertificateVerdict.Untrusted && context.Map.IsPinned(infos))
                verdict = ClientCertificateVerdict.Pinned;
            else if (verdict is ClientCertificateVerdict.Expired or ClientCertificateVerdict.NotYetValid)
                Refuse(DtlsRefusal.ExpiredCertificate, $"'{HoconWriter.Escape(leaf.Subject)}': {verdict}", AlertDescription.certificate_expired);
            else
                Refuse(DtlsRefusal.UntrustedCertificate, $"'{HoconWriter.Escape(leaf.Subject)}' issued by '{HoconWriter.Escape(leaf.Issuer)}': {verdict}", AlertDescription.unknown_ca);
        }

        var name = context.Map.Map(infos);
        if (name is not null && context.Settings.SecurityNamePrefix)
            name = "dtls:" + name;
        if (name is null || System.Text.Encoding.UTF8.GetByteCount(name) > 32)
            Refuse(DtlsRefusal.NoMapping, $"no certificate map entry names '{HoconWriter.Escape(leaf.Subject)}'", AlertDescription.access_denied);
        var fingerprint = Convert.ToHexStringLower(leaf.Fingerprint(FingerprintHash.Sha256));
        if (context.Policy is { } policy && !policy(new DtlsClientCertificate(peer, leaf.Subject, leaf.Issuer, [.. leaf.Encoded], fingerprint, verdict, name)))
            Refuse(DtlsRefusal.PolicyRefused, $"the client-authentication policy refused '{HoconWriter.Escape(leaf.Subject)}'", AlertDescription.access_denied);
        Client = (leaf, name!);
    }

    /// <summary>
    /// The warm-up's client presents the server's own chain: the same checks run (their verdicts ignored), and only
    /// that chain is accepted; the application's policy is not asked. A network peer never reaches a warm-up server.
    /// </summary>
    private void AcceptWarmUpClient(List<X509Certificate> chain, List<CertificateInfo> infos, DateTime now)
    {
        _ = context.Anchors.Verify(chain, now);
        _ = context.Map.Map(infos);
        _ = infos[0].Fingerprint(FingerprintHash.Sha256);
        if (!infos[0].Encoded.AsSpan().SequenceEqual(context.Credentials.Chain[0].GetEncoded()))
            Refuse(DtlsRefusal.UntrustedCertificate, "the warm-up client must present the server's own certificate", AlertDescription.unknown_ca);
        Client = (infos[0], "warm-up");
    }

    private void Refuse(DtlsRefusal reason, string detail, short alert)
    {
        Refusal = (reason, detail);
        throw new TlsFatalAlert(alert, detail);
    }
}
