namespace TrapActors.Snmp;

/// <summary>Sizes fixed by the transports SNMP runs over.</summary>
public static class SnmpLimits
{
    /// <summary>
    /// The largest UDP payload over IPv4: 65535 minus the 20-byte IP and 8-byte UDP headers. It is the msgMaxSize
    /// (RFC 3412 §6.2) of every SNMPv3 message this receiver sends, and the largest Response it will send.
    /// </summary>
    public const int MaxUdpPayload = 65507;
}
