using System.Collections.Concurrent;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace TrapActors.Dtls;

/// <summary>
/// One X.509 certificate as the cert-to-securityName mapping and the events see it. Built from a certificate a peer
/// sent, so a malformed subjectAltName extension yields no names rather than an exception.
/// </summary>
internal sealed class CertificateInfo
{
    public const int Rfc822NameTag = GeneralName.Rfc822Name;
    public const int DnsNameTag = GeneralName.DnsName;
    public const int IpAddressTag = GeneralName.IPAddress;

    private readonly ConcurrentDictionary<FingerprintHash, byte[]> _fingerprints = new();

    private CertificateInfo(X509Certificate certificate)
    {
        Certificate = certificate;
        Encoded = certificate.GetEncoded();
        Subject = certificate.SubjectDN.ToString();
        Issuer = certificate.IssuerDN.ToString();
        CommonName = certificate.SubjectDN.GetValueList(X509Name.CN).LastOrDefault();
        NotBefore = certificate.NotBefore;
        NotAfter = certificate.NotAfter;
        SubjectAltNamesInOrder = ReadSubjectAltNames(certificate);
        Rfc822Names = ValuesWithTag(Rfc822NameTag);
        DnsNames = ValuesWithTag(DnsNameTag);
        IpAddresses = ValuesWithTag(IpAddressTag);
    }

    public static CertificateInfo From(X509Certificate certificate) => new(certificate);

    public X509Certificate Certificate { get; }

    public byte[] Encoded { get; }

    public string Subject { get; }

    public string Issuer { get; }

    /// <summary>The subject's most specific (last) commonName, or null when the subject has none.</summary>
    public string? CommonName { get; }

    /// <summary>rfc822Name SANs as written in the certificate (the mapping lowercases the host part).</summary>
    public IReadOnlyList<string> Rfc822Names { get; }

    /// <summary>dNSName SANs as written in the certificate (the mapping lowercases them).</summary>
    public IReadOnlyList<string> DnsNames { get; }

    /// <summary>iPAddress SANs in RFC 6353 form: IPv4 dotted decimal, IPv6 as 32 lowercase hex digits without colons.</summary>
    public IReadOnlyList<string> IpAddresses { get; }

    /// <summary>The rfc822Name (1), dNSName (2) and iPAddress (7) SANs in certificate order; other kinds are left out.</summary>
    public IReadOnlyList<(int Tag, string Value)> SubjectAltNamesInOrder { get; }

    public DateTime NotBefore { get; }

    public DateTime NotAfter { get; }

    /// <summary>The digest of the DER encoding, without the RFC 9456 hash-identifier octet.</summary>
    public byte[] Fingerprint(FingerprintHash hash) => _fingerprints.GetOrAdd(hash, static (h, encoded) => h.Digest(encoded), Encoded);

    /// <summary>Lowercase hex without colons, as net-snmp prints fingerprints.</summary>
    public string FingerprintHex(FingerprintHash hash) => Convert.ToHexStringLower(Fingerprint(hash));

    private IReadOnlyList<string> ValuesWithTag(int tag) =>
        SubjectAltNamesInOrder.Where(n => n.Tag == tag).Select(n => n.Value).ToArray();

    private static IReadOnlyList<(int Tag, string Value)> ReadSubjectAltNames(X509Certificate certificate)
    {
        GeneralNames? names;
        try
        {
            names = certificate.GetSubjectAlternativeNameExtension();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            return [];
        }
        if (names is null)
            return [];

        var result = new List<(int, string)>();
        foreach (var name in names.GetNames())
        {
            var value = ReadName(name);
            if (value is not null)
                result.Add((name.TagNo, value));
        }
        return result;
    }

    private static string? ReadName(GeneralName name)
    {
        try
        {
            return name.TagNo switch
            {
                Rfc822NameTag or DnsNameTag => DerIA5String.GetInstance(name.Name).GetString(),
                IpAddressTag => FormatIpAddress(Asn1OctetString.GetInstance(name.Name).GetOctets()),
                _ => null,
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    // RFC 6353 snmpTlstmCertSANIpAddress: dotted IPv4, or 32 lowercase hex digits for IPv6. Other lengths are not addresses.
    private static string? FormatIpAddress(byte[] octets) => octets.Length switch
    {
        4 => string.Join('.', octets),
        16 => Convert.ToHexStringLower(octets),
        _ => null,
    };
}
