using System.Text;

namespace TrapActors.Dtls;

/// <summary>
/// The certificate-to-tmSecurityName table (RFC 6353 §5.3.2, snmpTlstmCertToTSNTable), configured with net-snmp's
/// certSecName lines.
/// </summary>
internal sealed class CertToTsnMap
{
    /// <summary>SnmpAdminString (SIZE (1..32)): a longer derived name does not map.</summary>
    public const int MaxSecurityNameOctets = 32;

    public static readonly CertToTsnMap Empty = new([], []);

    private CertToTsnMap(IReadOnlyList<CertToTsnEntry> entries, IReadOnlyList<string> warnings)
    {
        Entries = entries;
        Warnings = warnings;
    }

    /// <summary>Sorted by priority, lower first; equal priorities keep their configured order.</summary>
    public IReadOnlyList<CertToTsnEntry> Entries { get; }

    /// <summary>"SOURCE:LINE: ..." for the weak pins (MD5, SHA-1), logged at start.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public static CertToTsnMap FromEntries(IEnumerable<CertToTsnEntry> entries, IEnumerable<string>? warnings = null) =>
        new(entries.OrderBy(e => e.Priority).ToArray(), warnings?.ToArray() ?? []);

    /// <summary>
    /// Parses certSecName lines (see <see cref="CertToTsnLineParser"/>); errors are
    /// <see cref="DtlsConfigurationException"/>s reading "SOURCE:LINE: reason".
    /// </summary>
    public static CertToTsnMap Parse(IEnumerable<string> lines, string source)
    {
        var entries = new List<CertToTsnEntry>();
        var warnings = new List<string>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            var entry = CertToTsnLineParser.Parse(line, source, number, warnings);
            if (entry is not null)
                entries.Add(entry);
        }
        return FromEntries(entries, warnings);
    }

    /// <summary>Reads a cert-map file; a missing or unreadable file is a configuration error.</summary>
    public static CertToTsnMap FromFile(string path)
    {
        if (!File.Exists(path))
            throw new DtlsConfigurationException($"DTLS cert-map file '{path}': does not exist");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DtlsConfigurationException($"DTLS cert-map file '{path}': cannot be read: {e.Message}");
        }
        return Parse(lines, path);
    }

    /// <summary>True when some entry's fingerprint is that of a certificate of the chain that is linked to the leaf by valid signatures.</summary>
    public bool IsPinned(IReadOnlyList<CertificateInfo> chain)
    {
        var linked = LinkedPrefix(chain);
        return Entries.Any(entry => Matches(entry, linked));
    }

    /// <summary>
    /// The tmSecurityName of the first entry (by priority) whose fingerprint matches a certificate of the chain and
    /// whose map type yields a name from the LEAF; entries whose type finds nothing usable are skipped. Null: no mapping.
    /// Certificates above the leaf count only when the chain's signatures link them to it.
    /// </summary>
    public string? Map(IReadOnlyList<CertificateInfo> chain)
    {
        if (chain.Count == 0 || Entries.Count == 0)
            return null;
        var linked = LinkedPrefix(chain);
        foreach (var entry in Entries)
        {
            if (!Matches(entry, linked))
                continue;
            var name = DeriveName(entry, chain[0]);
            if (name is { Length: > 0 } && Encoding.UTF8.GetByteCount(name) <= MaxSecurityNameOctets)
                return name;
        }
        return null;
    }

    private static IReadOnlyList<CertificateInfo> LinkedPrefix(IReadOnlyList<CertificateInfo> chain) =>
        chain.Count <= 1 ? chain : chain.Take(TrustAnchors.LinkedPrefixLength(chain.Select(c => c.Certificate).ToArray())).ToArray();

    private static bool Matches(CertToTsnEntry entry, IReadOnlyList<CertificateInfo> chain) =>
        chain.Any(certificate => certificate.Fingerprint(entry.Hash).AsSpan().SequenceEqual(entry.Fingerprint));

    private static string? DeriveName(CertToTsnEntry entry, CertificateInfo leaf) => entry.MapType switch
    {
        CertMapType.Specified => entry.SecurityName,
        CertMapType.SanRfc822Name => leaf.Rfc822Names.Select(NormalizeRfc822).FirstOrDefault(),
        CertMapType.SanDnsName => leaf.DnsNames.Select(n => n.ToLowerInvariant()).FirstOrDefault(),
        CertMapType.SanIpAddress => leaf.IpAddresses.FirstOrDefault(),
        CertMapType.SanAny => leaf.SubjectAltNamesInOrder.Select(NormalizeSan).FirstOrDefault(),
        CertMapType.CommonName => leaf.CommonName,
        _ => null,
    };

    private static string NormalizeSan((int Tag, string Value) san) => san.Tag switch
    {
        CertificateInfo.Rfc822NameTag => NormalizeRfc822(san.Value),
        CertificateInfo.DnsNameTag => san.Value.ToLowerInvariant(),
        _ => san.Value,
    };

    // RFC 6353: the local part keeps its case, the host part is lowercased.
    private static string NormalizeRfc822(string mailbox)
    {
        var at = mailbox.LastIndexOf('@');
        return at < 0 ? mailbox : mailbox[..(at + 1)] + mailbox[(at + 1)..].ToLowerInvariant();
    }
}
