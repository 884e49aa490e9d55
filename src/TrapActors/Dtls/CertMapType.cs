namespace TrapActors.Dtls;

/// <summary>How a cert-to-securityName entry derives the tmSecurityName (RFC 6353 snmpTlstmCertToTSNMapType).</summary>
public enum CertMapType
{
    /// <summary>The name given with the entry (--sn NAME).</summary>
    Specified,
    /// <summary>The leaf's first rfc822Name SAN, host part lowercased (--rfc822).</summary>
    SanRfc822Name,
    /// <summary>The leaf's first dNSName SAN, lowercased (--dns).</summary>
    SanDnsName,
    /// <summary>The leaf's first iPAddress SAN: dotted IPv4, or IPv6 as 32 lowercase hex digits (--ip).</summary>
    SanIpAddress,
    /// <summary>The leaf's first rfc822Name, dNSName or iPAddress SAN in certificate order (--any).</summary>
    SanAny,
    /// <summary>The leaf subject's commonName (--cn; deprecated by RFC 6353, kept for net-snmp compatibility).</summary>
    CommonName,
}
