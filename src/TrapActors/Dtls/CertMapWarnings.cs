using TrapActors.Configuration;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace TrapActors.Dtls;

/// <summary>
/// Map entries that RFC 6353 allows but that give more than an operator may think: the fingerprint of a CA with a
/// name taken from the client's certificate (--cn, --dns, --rfc822, --ip, --any) lets any certificate that CA issues
/// claim any name it likes. Kept for interoperability, warned about at start.
/// </summary>
internal static class CertMapWarnings
{
    /// <summary>One warning per such entry whose fingerprint is that of a known CA (a trust anchor or a CA of the server's chain).</summary>
    public static IEnumerable<string> CaNameEntries(CertToTsnMap map, IReadOnlyList<X509Certificate> knownCertificates)
    {
        var authorities = knownCertificates.Where(IsAuthority).Distinct().Select(CertificateInfo.From).ToArray();
        foreach (var entry in map.Entries.Where(e => e.MapType != CertMapType.Specified))
        {
            var ca = authorities.FirstOrDefault(a => a.Fingerprint(entry.Hash).AsSpan().SequenceEqual(entry.Fingerprint));
            if (ca is null)
                continue;
            yield return $"'{entry}' pins the CA '{HoconWriter.Escape(ca.Subject)}' and takes the name from the client's certificate: " +
                "any certificate this CA issues may claim any name (RFC 6353 behaviour); map its clients with --sn NAME, or pin their own certificates";
        }
    }

    // basicConstraints cA: a self-signed client certificate in the trust anchors is no CA, and --cn on it is harmless.
    private static bool IsAuthority(X509Certificate certificate) => certificate.GetBasicConstraints() >= 0;
}
