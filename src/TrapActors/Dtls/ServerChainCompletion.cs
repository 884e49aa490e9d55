using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace TrapActors.Dtls;

/// <summary>
/// The certificate chain the server sends: the configured certificates (leaf first) and then, while the last one is not
/// self-signed, its issuer found among the trust anchors (issuer name and signature checked), up to and including the
/// root, as OpenSSL-based servers complete their chain from their CA store. net-snmp verifies a server whose chain
/// reaches a CA certificate it holds; a leaf sent alone fails there with "unable to get local issuer certificate".
/// </summary>
internal static class ServerChainCompletion
{
    private const int MaxChainLength = 10;

    /// <summary>
    /// The chain to send. <paramref name="incomplete"/> says why it stops short of a self-signed root (for a warning at
    /// start; the handshake still uses what there is), null when it does not.
    /// </summary>
    public static IReadOnlyList<X509Certificate> Complete(IReadOnlyList<X509Certificate> configured, IReadOnlyList<X509Certificate> anchors, out string? incomplete)
    {
        var chain = configured.ToList();
        incomplete = null;
        while (chain.Count < MaxChainLength)
        {
            var last = chain[^1];
            if (IsSelfSigned(last))
                return chain;
            var issuer = anchors.FirstOrDefault(a => !chain.Contains(a) && TrustAnchors.IsIssuedBy(last, a));
            if (issuer is null)
            {
                incomplete = $"the server certificate chain sent to clients ends at '{last.SubjectDN}' without its issuer '{last.IssuerDN}', "
                    + "which is in neither the server's certificate file nor trust-anchors-file: clients that do not hold that CA certificate "
                    + "(net-snmp) will refuse the handshake with \"unable to get local issuer certificate\". Add the issuing CA certificates "
                    + "after the leaf in the certificate file (or to trust-anchors-file)";
                return chain;
            }
            chain.Add(issuer);
        }
        return chain;
    }

    private static bool IsSelfSigned(X509Certificate certificate) => TrustAnchors.IsIssuedBy(certificate, certificate);
}
