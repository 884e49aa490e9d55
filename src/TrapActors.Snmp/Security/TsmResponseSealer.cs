using TrapActors.Snmp.Messages;

namespace TrapActors.Snmp.Security;

/// <summary>
/// Responses under the Transport Security Model (RFC 5591): the (D)TLS association protects the message, so the
/// scoped PDU travels as plaintext and msgSecurityParameters is an empty OCTET STRING. The security level is the
/// request's own, without the reportable flag (RFC 5591 §4.2).
/// </summary>
public sealed class TsmResponseSealer : ISnmpV3ResponseSealer
{
    /// <summary>The sealer; it holds no state.</summary>
    public static readonly TsmResponseSealer Instance = new();

    private TsmResponseSealer()
    {
    }

    /// <inheritdoc />
    public byte[] Seal(V3Message request, ScopedPdu response) =>
        SnmpMessageEncoder.Encode(
            new V3Message(request.MessageId, SnmpLimits.MaxUdpPayload, request.Flags & ~V3MessageFlags.Reportable, SecurityModels.Tsm,
                ReadOnlyMemory<byte>.Empty, null, response, default),
            out _);
}
