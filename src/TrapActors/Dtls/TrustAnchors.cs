using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.X509;

namespace TrapActors.Dtls;

/// <summary>
/// The CA certificates that client certificate chains must lead to, and a small deterministic chain check
/// (no revocation, no policy processing): validity dates, leaf EKU, every link's issuer name and signature, CA flags.
/// </summary>
internal sealed class TrustAnchors
{
    private const int MaxChainLength = 10;

    public static readonly TrustAnchors None = new([]);

    private TrustAnchors(IReadOnlyList<X509Certificate> certificates) => Certificates = certificates;

    public IReadOnlyList<X509Certificate> Certificates { get; }

    /// <summary>Reads every PEM CERTIFICATE of the file; a missing, unreadable or certificate-less file is a configuration error.</summary>
    public static TrustAnchors FromPemFile(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new DtlsConfigurationException("DTLS trust-anchors file: no file name given");
        if (!File.Exists(path))
            throw Fail(path, "does not exist");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(path, $"cannot be read: {e.Message}");
        }

        var certificates = new List<X509Certificate>();
        try
        {
            using var reader = new PemReader(new StringReader(text));
            while (reader.ReadObject() is { } item)
                if (item is X509Certificate certificate)
                    certificates.Add(certificate);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Fail(path, $"is not readable PEM ({e.GetType().Name})");
        }
        if (certificates.Count == 0)
            throw Fail(path, "contains no PEM CERTIFICATE");
        return new TrustAnchors(certificates);
    }

    /// <summary>
    /// Checks a client chain (leaf first, as sent). The certificates' own properties come first, so an expired or
    /// wrong-purpose certificate is reported as such whatever the anchors: Expired / NotYetValid for any certificate
    /// of the chain, NotForClientAuth for a leaf whose EKU excludes clientAuth. Then the chain must lead to an anchor
    /// (a certificate equal to an anchor, or one an anchor signed) through valid links: Trusted, BadSignature for a
    /// broken link, NotForClientAuth for an issuer that is not a CA, Untrusted when it reaches no anchor (always so
    /// with no anchors). Never throws.
    /// </summary>
    public ClientCertificateVerdict Verify(IReadOnlyList<X509Certificate> chain, DateTime utcNow)
    {
        if (chain.Count == 0)
            return ClientCertificateVerdict.Untrusted;
        if (chain.Count > MaxChainLength)
            return ClientCertificateVerdict.BadSignature;

        foreach (var certificate in chain)
        {
            if (utcNow > certificate.NotAfter)
                return ClientCertificateVerdict.Expired;
            if (utcNow < certificate.NotBefore)
                return ClientCertificateVerdict.NotYetValid;
        }
        if (!AllowsClientAuth(chain[0]))
            return ClientCertificateVerdict.NotForClientAuth;
        if (Certificates.Count == 0)
            return ClientCertificateVerdict.Untrusted;

        for (var i = 0; i < chain.Count; i++)
        {
            var certificate = chain[i];
            if (Certificates.Any(anchor => anchor.Equals(certificate)))
                return ClientCertificateVerdict.Trusted;
            var issuingAnchor = Certificates.FirstOrDefault(anchor => IsIssuedBy(certificate, anchor));
            if (issuingAnchor is not null)
                return utcNow > issuingAnchor.NotAfter ? ClientCertificateVerdict.Expired
                    : utcNow < issuingAnchor.NotBefore ? ClientCertificateVerdict.NotYetValid
                    : ClientCertificateVerdict.Trusted;
            if (i + 1 == chain.Count)
                break;
            if (!IsIssuedBy(certificate, chain[i + 1]))
                return ClientCertificateVerdict.BadSignature;
            if (!IsCa(chain[i + 1]))
                return ClientCertificateVerdict.NotForClientAuth;
        }
        return ClientCertificateVerdict.Untrusted;
    }

    /// <summary>True when <paramref name="issuer"/>'s subject is <paramref name="certificate"/>'s issuer and its key verifies the signature.</summary>
    public static bool IsIssuedBy(X509Certificate certificate, X509Certificate issuer)
    {
        try
        {
            return certificate.IssuerDN.Equivalent(issuer.SubjectDN) && certificate.IsSignatureValid(issuer.GetPublicKey());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;   // unsupported algorithm, a key of the wrong type, a malformed signature
        }
    }

    /// <summary>
    /// How many certificates from the leaf on are linked by valid issuer signatures from CA certificates (at least 1 for
    /// a non-empty chain). A pinned fingerprint counts only within this prefix: anyone can append a public CA certificate
    /// to a chain, only its key holder can sign the link.
    /// </summary>
    public static int LinkedPrefixLength(IReadOnlyList<X509Certificate> chain)
    {
        if (chain.Count == 0)
            return 0;
        var length = 1;
        while (length < chain.Count && length < MaxChainLength && IsIssuedBy(chain[length - 1], chain[length]) && IsCa(chain[length]))
            length++;
        return length;
    }

    private static bool IsCa(X509Certificate certificate)
    {
        try
        {
            var keyUsage = certificate.GetKeyUsage();
            return certificate.GetBasicConstraints() >= 0 && (keyUsage is null || keyUsage[5]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static bool AllowsClientAuth(X509Certificate leaf)
    {
        try
        {
            var usages = leaf.GetExtendedKeyUsage();
            return usages is null
                || usages.Contains(KeyPurposeID.id_kp_clientAuth)
                || usages.Contains(KeyPurposeID.AnyExtendedKeyUsage);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static DtlsConfigurationException Fail(string path, string problem) =>
        new($"DTLS trust-anchors file '{path}': {problem}");
}
