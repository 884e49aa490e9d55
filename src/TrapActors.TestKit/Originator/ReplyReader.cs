using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.TestKit;

/// <summary>An SNMPv3 answer that passed authentication and decryption: its frame and its PDU.</summary>
internal sealed record V3Reply(V3Message Message, UsmSecurityParameters Usm, Pdu Pdu);

/// <summary>
/// Reads the datagrams a receiver sends back: the Response to a community inform by its request-id, and SNMPv3
/// Responses and Reports by their msgID, checking their HMAC and decrypting them with the user's keys localized to
/// the engine they name. Anything else, or anything that fails a check, is not an answer (null), never an exception.
/// </summary>
internal static class ReplyReader
{
    public static Pdu? Community(byte[] datagram, int requestId)
    {
        if (!SnmpMessageDecoder.TryDecode(datagram, DecodeLimits.Default, out var message, out _))
            return null;
        return message is CommunityMessage { Pdu: { Type: PduType.Response } pdu } && pdu.RequestId == requestId ? pdu : null;
    }

    public static V3Reply? V3(byte[] datagram, int messageId, UsmSecurity? user, Func<ReadOnlyMemory<byte>, LocalizedKeys> keysFor)
    {
        if (!SnmpMessageDecoder.TryDecode(datagram, DecodeLimits.Default, out var decoded, out _)
            || decoded is not V3Message { Usm: { } usm } message || message.MessageId != messageId)
            return null;
        var authenticated = (message.Flags & V3MessageFlags.Auth) != 0;
        if (authenticated || message.IsEncrypted)
        {
            if (user is not { Authenticates: true } || usm.EngineId.IsEmpty)
                return null;
            var keys = keysFor(usm.EngineId);
            if (authenticated && !UsmAuthentication.Verify(keys.Auth, keys.AuthKey, message.WholeMessage.Span, message.AuthParametersOffset, usm.AuthParameters.Span))
                return null;
            if (message.IsEncrypted)
                return Decrypt(message, usm, keys);
        }
        return message.ScopedPdu is { } scoped ? new V3Reply(message, usm, scoped.Pdu) : null;
    }

    private static V3Reply? Decrypt(V3Message message, UsmSecurityParameters usm, LocalizedKeys keys)
    {
        if (keys.Priv == PrivProtocol.None
            || !UsmPrivacy.TryDecrypt(keys.Priv, keys.PrivKey, usm.EngineBoots, usm.EngineTime, usm.PrivParameters.Span, message.EncryptedPdu.Span, out var plain)
            || !SnmpMessageDecoder.TryDecodeScopedPdu(plain, DecodeLimits.Default, out var scoped, out _))
            return null;
        return new V3Reply(message, usm, scoped.Pdu);
    }
}
