using TrapActors.Snmp.Messages;

namespace TrapActors.Snmp;

/// <summary>
/// Applies an SNMPv3 security model to an outgoing Response (RFC 3412 §7.1 step 3, generateResponseMsg): builds
/// the whole message for the scoped PDU, with the header and security parameters that model asks for, and
/// authenticates and encrypts it when the model does.
/// </summary>
public interface ISnmpV3ResponseSealer
{
    /// <summary>
    /// The encoded SNMPv3 message carrying <paramref name="response"/> in answer to <paramref name="request"/>
    /// (same msgID; msgMaxSize <see cref="SnmpLimits.MaxUdpPayload"/>; the reportable flag clear).
    /// </summary>
    byte[] Seal(V3Message request, ScopedPdu response);
}
