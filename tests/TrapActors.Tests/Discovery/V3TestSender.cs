using System.Collections.Immutable;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Tests.Discovery;

/// <summary>
/// Builds SNMPv3 messages the way a sender that discovers the receiver would (our own encoder, for exchanges
/// net-snmp's tools cannot be made to send), and reads the receiver's answers.
/// </summary>
internal sealed class V3TestSender(string user, AuthProtocol auth, string authPassword, PrivProtocol priv, string privPassword)
{
    private int _messageId = 1000;

    public byte[] Probe(PduType type, ImmutableArray<VarBind> varBinds) =>
        SnmpMessageEncoder.Encode(new V3Message(++_messageId, 65507, V3MessageFlags.Reportable, SecurityModels.Usm, default,
            new UsmSecurityParameters(default, 0, 0, default, default, default),
            new ScopedPdu(default, default, new Pdu(type, 77, 0, 0, varBinds)), default), out _);

    /// <summary>
    /// An authenticated (and, with <paramref name="encrypt"/>, encrypted) message to <paramref name="engineId"/>, announcing
    /// <paramref name="maxSize"/> as its msgMaxSize.
    /// </summary>
    public byte[] Message(byte[] engineId, int boots, int time, Pdu pdu, bool encrypt, bool reportable = true, int maxSize = SnmpLimits.MaxUdpPayload)
    {
        var authKey = UsmKeys.Localize(auth, UsmKeys.PasswordToKey(auth, authPassword), engineId);
        var flags = V3MessageFlags.Auth | (encrypt ? V3MessageFlags.Priv : 0) | (reportable ? V3MessageFlags.Reportable : 0);
        var scoped = new ScopedPdu(engineId, default, pdu);
        ReadOnlyMemory<byte> privParams = default;
        ReadOnlyMemory<byte> encrypted = default;
        ScopedPdu? plain = scoped;
        if (encrypt)
        {
            var privKey = PrivacyKey(engineId);
            encrypted = UsmPrivacy.Encrypt(priv, privKey, boots, time, SnmpMessageEncoder.EncodeScopedPdu(scoped), out var salt);
            privParams = salt;
            plain = null;
        }
        var usm = new UsmSecurityParameters(engineId, boots, time, System.Text.Encoding.UTF8.GetBytes(user), new byte[auth.MacLength()], privParams);
        var bytes = SnmpMessageEncoder.Encode(new V3Message(++_messageId, maxSize, flags, SecurityModels.Usm, default, usm, plain, encrypted), out var macOffset);
        UsmAuthentication.Sign(auth, authKey, bytes, macOffset);
        return bytes;
    }

    /// <summary>Decodes an answer, checks its MAC when it is authenticated, and decrypts it when it is encrypted.</summary>
    public (V3Message Message, ScopedPdu Scoped) Read(byte[] datagram)
    {
        Assert.True(SnmpMessageDecoder.TryDecode(datagram, DecodeLimits.Default, out var decoded, out var error), error.ToString());
        var message = Assert.IsType<V3Message>(decoded);
        var usm = message.Usm!;
        var engineId = usm.EngineId.ToArray();
        if ((message.Flags & V3MessageFlags.Auth) != 0)
        {
            var authKey = UsmKeys.Localize(auth, UsmKeys.PasswordToKey(auth, authPassword), engineId);
            Assert.True(UsmAuthentication.Verify(auth, authKey, message.WholeMessage.Span, message.AuthParametersOffset, usm.AuthParameters.Span), "the answer's MAC does not verify");
        }
        if (message.ScopedPdu is { } plain)
            return (message, plain);
        Assert.True(UsmPrivacy.TryDecrypt(priv, PrivacyKey(engineId), usm.EngineBoots, usm.EngineTime, usm.PrivParameters.Span, message.EncryptedPdu.Span, out var decrypted));
        Assert.True(SnmpMessageDecoder.TryDecodeScopedPdu(decrypted, DecodeLimits.Default, out var scoped, out error), error.ToString());
        return (message, scoped);
    }

    private byte[] PrivacyKey(byte[] engineId) =>
        UsmKeys.PrivacyKey(auth, priv, UsmKeys.Localize(auth, UsmKeys.PasswordToKey(auth, privPassword), engineId), engineId);
}
