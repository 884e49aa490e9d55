namespace TrapActors.Mib.Loading;

/// <summary>
/// Names every loader knows without a module: the three ASN.1 roots, the SMIv1 module aliases that SMIv2 replaced,
/// and the SNMPv2-SMI nodes used when neither SNMPv2-SMI nor an alias of it is loaded.
/// </summary>
internal static class WellKnownNames
{
    public static readonly IReadOnlyDictionary<string, uint[]> Roots = new Dictionary<string, uint[]>(StringComparer.Ordinal)
    {
        ["ccitt"] = [0], ["iso"] = [1], ["joint-iso-ccitt"] = [2],
    };

    /// <summary>SMIv1 modules whose names an SMIv2 module also provides.</summary>
    public static readonly IReadOnlyDictionary<string, string> ModuleAliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RFC1155-SMI"] = "SNMPv2-SMI",
        ["RFC1065-SMI"] = "SNMPv2-SMI",
        ["RFC-1212"] = "SNMPv2-SMI",
        ["RFC-1215"] = "SNMPv2-SMI",
        ["RFC1213-MIB"] = "SNMPv2-SMI",
        ["RFC1158-MIB"] = "RFC1213-MIB", // net-snmp's replacement (erlang-snmp's RFC-1212 imports DisplayString from it)
        ["RFC-1213"] = "RFC1213-MIB",
        ["SNMPv2-SMI-v1"] = "SNMPv2-SMI",
        ["SNMPv2-TC-v1"] = "SNMPv2-TC",
    };

    /// <summary>SNMPv2-SMI's nodes, for modules loaded without it.</summary>
    public static readonly IReadOnlyDictionary<string, uint[]> SmiNodes = new Dictionary<string, uint[]>(StringComparer.Ordinal)
    {
        ["org"] = [1, 3], ["dod"] = [1, 3, 6], ["internet"] = [1, 3, 6, 1], ["directory"] = [1, 3, 6, 1, 1],
        ["mgmt"] = [1, 3, 6, 1, 2], ["mib-2"] = [1, 3, 6, 1, 2, 1], ["transmission"] = [1, 3, 6, 1, 2, 1, 10],
        ["experimental"] = [1, 3, 6, 1, 3], ["private"] = [1, 3, 6, 1, 4], ["enterprises"] = [1, 3, 6, 1, 4, 1],
        ["security"] = [1, 3, 6, 1, 5], ["snmpV2"] = [1, 3, 6, 1, 6], ["snmpDomains"] = [1, 3, 6, 1, 6, 1],
        ["snmpProxys"] = [1, 3, 6, 1, 6, 2], ["snmpModules"] = [1, 3, 6, 1, 6, 3], ["zeroDotZero"] = [0, 0],
    };

    /// <summary>The base types SMI defines by ASN.1 tags (and so cannot be followed as a type reference).</summary>
    public static MibBaseType? BaseType(string typeName) => typeName switch
    {
        "INTEGER" or "Integer32" => MibBaseType.Integer,
        "Unsigned32" or "UInteger32" => MibBaseType.Unsigned32,
        "Counter" or "Counter32" => MibBaseType.Counter32,
        "Gauge" or "Gauge32" => MibBaseType.Gauge32,
        "TimeTicks" => MibBaseType.TimeTicks,
        "Counter64" => MibBaseType.Counter64,
        "OCTET STRING" => MibBaseType.OctetString,
        "OBJECT IDENTIFIER" => MibBaseType.ObjectIdentifier,
        "IpAddress" or "NetworkAddress" => MibBaseType.IpAddress,
        "Opaque" => MibBaseType.Opaque,
        "BITS" => MibBaseType.Bits,
        "SEQUENCE" => MibBaseType.Sequence,
        _ when typeName.StartsWith("SEQUENCE OF ", StringComparison.Ordinal) => MibBaseType.SequenceOf,
        _ => null,
    };
}
