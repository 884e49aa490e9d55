namespace TrapActors.Snmp.Messages;

/// <summary>SMI value types (RFC 2578, RFC 3416), numbered by their BER tag.</summary>
public enum SnmpType : byte
{
    /// <summary>INTEGER / Integer32 (universal tag 2): a signed 32-bit number.</summary>
    Integer32 = 0x02,
    /// <summary>OCTET STRING (universal tag 4): bytes, often text (DisplayString) but not necessarily.</summary>
    OctetString = 0x04,
    /// <summary>NULL (universal tag 5): no value.</summary>
    Null = 0x05,
    /// <summary>OBJECT IDENTIFIER (universal tag 6).</summary>
    ObjectIdentifier = 0x06,
    /// <summary>IpAddress ([APPLICATION 0], RFC 2578 §7.1.5): four bytes of an IPv4 address.</summary>
    IpAddress = 0x40,
    /// <summary>Counter32 ([APPLICATION 1]): a wrapping unsigned 32-bit counter.</summary>
    Counter32 = 0x41,
    /// <summary>Gauge32 / Unsigned32 ([APPLICATION 2]): an unsigned 32-bit value that may go up and down.</summary>
    Gauge32 = 0x42,
    /// <summary>TimeTicks ([APPLICATION 3]): hundredths of a second, unsigned 32-bit.</summary>
    TimeTicks = 0x43,
    /// <summary>Opaque ([APPLICATION 4]): an arbitrary BER encoding wrapped in an OCTET STRING.</summary>
    Opaque = 0x44,
    /// <summary>NsapAddress ([APPLICATION 5], obsolete SNMPv2 type): an OSI NSAP address.</summary>
    NsapAddress = 0x45,
    /// <summary>Counter64 ([APPLICATION 6]): a wrapping unsigned 64-bit counter; not in SNMPv1.</summary>
    Counter64 = 0x46,
    /// <summary>UInteger32 ([APPLICATION 7], obsolete SNMPv2 type): an unsigned 32-bit number.</summary>
    UInteger32 = 0x47,
    /// <summary>noSuchObject exception ([CONTEXT 0], RFC 3416 §3).</summary>
    NoSuchObject = 0x80,
    /// <summary>noSuchInstance exception ([CONTEXT 1], RFC 3416 §3).</summary>
    NoSuchInstance = 0x81,
    /// <summary>endOfMibView exception ([CONTEXT 2], RFC 3416 §3).</summary>
    EndOfMibView = 0x82,
}
