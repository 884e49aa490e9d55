namespace TrapActors.Snmp;

/// <summary>
/// Encodings outside strict BER that the decoder accepted because real agents send them and their meaning is
/// unambiguous (recorded on the decoded PDU, so a receiver can count them).
/// </summary>
[Flags]
public enum DecodeLeniency
{
    /// <summary>Strict BER throughout.</summary>
    None = 0,

    /// <summary>
    /// An Integer32, Counter32, Gauge32, TimeTicks, UInteger32 or Counter64 value with no content bytes (<c>46 00</c>),
    /// read as 0, as net-snmp does. Older releases of a widely used Go SNMP library encode a zero Counter64 this way.
    /// </summary>
    EmptyInteger = 1,
}
