using TrapActors.Snmp;
using TrapActors.Snmp.Messages;

namespace TrapActors.TestKit;

/// <summary>Reading what a receiver sent from an <see cref="InMemoryEndpoint"/>: the SNMP message and its PDU.</summary>
public static class SentDatagramExtensions
{
    /// <summary>The datagram decoded: a <see cref="CommunityMessage"/> (v1, v2c) or a <see cref="V3Message"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an SNMP message.</exception>
    public static SnmpMessage Decode(this SentDatagram datagram)
    {
        ArgumentNullException.ThrowIfNull(datagram);
        return SnmpMessageDecoder.TryDecode(datagram.Data, DecodeLimits.Default, out var message, out var error)
            ? message
            : throw new InvalidDataException($"the receiver sent an undecodable datagram to {datagram.Target}: {error}");
    }

    /// <summary>
    /// The PDU of a v1/v2c message or of a v3 message sent in plaintext (a Report, a noAuthNoPriv or authNoPriv
    /// Response); null for an encrypted v3 message.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not an SNMP message.</exception>
    public static Pdu? PlaintextPdu(this SentDatagram datagram) => datagram.Decode() switch
    {
        CommunityMessage community => community.Pdu,
        V3Message { ScopedPdu: { } scoped } => scoped.Pdu,
        _ => null,
    };

    /// <summary>The next datagram the receiver sends with its plaintext PDU; throws <see cref="TimeoutException"/> when none comes in time.</summary>
    public static async Task<(SentDatagram Datagram, Pdu? Pdu)> ReceivePduAsync(this InMemoryEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var sent = await endpoint.ReceiveAsync(timeout, cancellationToken).ConfigureAwait(false);
        return (sent, sent.PlaintextPdu());
    }
}
