namespace TrapActors.Dtls;

/// <summary>
/// The certificate-to-securityName map a reconfiguration put in force, shared by every DTLS listener (also one that
/// binds again later); null until the first reconfiguration, when each listener uses the map it loaded at bind.
/// </summary>
internal sealed class LiveCertMap
{
    private CertToTsnMap? _replaced;

    public CertToTsnMap? Replaced => Volatile.Read(ref _replaced);

    /// <summary>Read by each handshake from now on; an association already established keeps its securityName.</summary>
    public void Replace(CertToTsnMap map) => Volatile.Write(ref _replaced, map);

    /// <summary>The map the settings name (dtls.cert-map-file, then dtls.cert-map). Throws <see cref="DtlsConfigurationException"/> (FILE:LINE: reason).</summary>
    public static CertToTsnMap Load(DtlsSettings settings)
    {
        var inline = CertToTsnMap.Parse(settings.CertMap, "trap-actors.dtls.cert-map");
        if (settings.CertMapFile.Length == 0)
            return inline;
        var file = CertToTsnMap.FromFile(settings.CertMapFile);
        return CertToTsnMap.FromEntries(file.Entries.Concat(inline.Entries), file.Warnings.Concat(inline.Warnings));
    }

    /// <summary>True when both maps hold the same entries in the same order.</summary>
    public static bool Same(CertToTsnMap a, CertToTsnMap b) =>
        a.Entries.Select(e => e.ToString()).SequenceEqual(b.Entries.Select(e => e.ToString()), StringComparer.Ordinal);
}
