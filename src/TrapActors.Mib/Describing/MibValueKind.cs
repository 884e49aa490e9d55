namespace TrapActors.Mib.Describing;

/// <summary>The wire type of a varbind's value, as far as describing it needs to know.</summary>
public enum MibValueKind
{
    /// <summary>INTEGER (Integer32).</summary>
    Integer,
    /// <summary>OCTET STRING (also how BITS travel).</summary>
    OctetString,
    /// <summary>OBJECT IDENTIFIER.</summary>
    ObjectIdentifier,
    /// <summary>IpAddress.</summary>
    IpAddress,
    /// <summary>Counter32.</summary>
    Counter32,
    /// <summary>Gauge32 (Unsigned32).</summary>
    Gauge32,
    /// <summary>TimeTicks.</summary>
    TimeTicks,
    /// <summary>Counter64.</summary>
    Counter64,
    /// <summary>Opaque.</summary>
    Opaque,
    /// <summary>NULL, or an exception such as noSuchObject.</summary>
    Null,
    /// <summary>Anything else.</summary>
    Other,
}
