namespace TrapActors.Mib;

/// <summary>The SMI base type an object's SYNTAX comes down to once textual conventions and type references are followed.</summary>
public enum MibBaseType
{
    /// <summary>No SYNTAX, or one that could not be resolved.</summary>
    Unknown,
    /// <summary>INTEGER or Integer32.</summary>
    Integer,
    /// <summary>Unsigned32.</summary>
    Unsigned32,
    /// <summary>Counter32 (v1 Counter).</summary>
    Counter32,
    /// <summary>Gauge32 (v1 Gauge).</summary>
    Gauge32,
    /// <summary>TimeTicks.</summary>
    TimeTicks,
    /// <summary>Counter64.</summary>
    Counter64,
    /// <summary>OCTET STRING.</summary>
    OctetString,
    /// <summary>OBJECT IDENTIFIER.</summary>
    ObjectIdentifier,
    /// <summary>IpAddress (v1 NetworkAddress).</summary>
    IpAddress,
    /// <summary>Opaque.</summary>
    Opaque,
    /// <summary>BITS (an OCTET STRING on the wire).</summary>
    Bits,
    /// <summary>SEQUENCE OF, the syntax of a table.</summary>
    SequenceOf,
    /// <summary>SEQUENCE, the syntax of a table row.</summary>
    Sequence,
}
