namespace TrapActors.Dtls;

/// <summary>
/// One snmpTlstmCertToTSNTable row: a lower <paramref name="Priority"/> is tried first; <paramref name="Fingerprint"/> is
/// the digest (without the RFC 9456 hash octet) of the client's certificate or of any certificate of its chain;
/// <paramref name="SecurityName"/> is set only for <see cref="CertMapType.Specified"/>.
/// </summary>
internal sealed record CertToTsnEntry(int Priority, FingerprintHash Hash, byte[] Fingerprint, CertMapType MapType, string? SecurityName)
{
    public override string ToString() =>
        $"certSecName {Priority} --{Hash.ToString().ToLowerInvariant()} {Convert.ToHexStringLower(Fingerprint)} "
        + MapType switch
        {
            CertMapType.Specified => $"--sn {SecurityName}",
            CertMapType.SanRfc822Name => "--rfc822",
            CertMapType.SanDnsName => "--dns",
            CertMapType.SanIpAddress => "--ip",
            CertMapType.SanAny => "--any",
            _ => "--cn",
        };
}
