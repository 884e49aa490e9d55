using System.Text;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.TestKit;

/// <summary>The authoritative engine of a message: its ID, boots and time (RFC 3414 §2.2).</summary>
internal readonly record struct EngineState(ReadOnlyMemory<byte> EngineId, int Boots, int Time);

/// <summary>
/// Builds an outgoing USM message (RFC 3414 §3.1.1): the scoped PDU encrypted first (authPriv), then the whole
/// message authenticated; and applies the <see cref="OriginatorFaults"/> asked for.
/// </summary>
internal static class UsmMessageBuilder
{
    /// <summary>The msgUserName <see cref="OriginatorFaults.UnknownUser"/> sends.</summary>
    public const string UnknownUserName = "trapactors-unknown-user";

    public static byte[] Build(int messageId, bool reportable, EngineState engine, UsmSecurity user, LocalizedKeys keys,
        ScopedPdu scoped, OriginatorFaults faults)
    {
        var flags = (user.Authenticates ? V3MessageFlags.Auth : V3MessageFlags.None)
            | (user.Encrypts ? V3MessageFlags.Priv : V3MessageFlags.None)
            | (reportable ? V3MessageFlags.Reportable : V3MessageFlags.None);
        ReadOnlyMemory<byte> privParameters = ReadOnlyMemory<byte>.Empty;
        ReadOnlyMemory<byte> encrypted = default;
        ScopedPdu? plain = scoped;
        if (user.Encrypts)
        {
            encrypted = UsmPrivacy.Encrypt(keys.Priv, keys.PrivKey, engine.Boots, engine.Time, SnmpMessageEncoder.EncodeScopedPdu(scoped), out var salt);
            privParameters = salt;
            plain = null;
        }
        var userName = (faults & OriginatorFaults.UnknownUser) != 0 ? UnknownUserName : user.UserName;
        var usm = new UsmSecurityParameters(engine.EngineId, engine.Boots, engine.Time, Encoding.UTF8.GetBytes(userName),
            user.Authenticates ? new byte[keys.Auth.MacLength()] : ReadOnlyMemory<byte>.Empty, privParameters);
        var message = new V3Message(messageId, SnmpLimits.MaxUdpPayload, flags, SecurityModels.Usm, default, usm, plain, encrypted);
        var bytes = SnmpMessageEncoder.Encode(message, out var macOffset);
        if (user.Authenticates)
        {
            UsmAuthentication.Sign(keys.Auth, keys.AuthKey, bytes, macOffset);
            if ((faults & OriginatorFaults.WrongDigest) != 0)
                bytes[macOffset] ^= 0xFF;
        }
        return bytes;
    }

    /// <summary>
    /// The discovery probe (RFC 3414 §4): noAuthNoPriv, reportable, empty engine ID and user name, a GetRequest
    /// without variable bindings; the receiver answers with a usmStatsUnknownEngineIDs Report carrying its engine ID.
    /// </summary>
    public static byte[] Probe(int messageId, int requestId)
    {
        var usm = new UsmSecurityParameters(ReadOnlyMemory<byte>.Empty, 0, 0, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);
        var scoped = new ScopedPdu(ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, new Pdu(PduType.GetRequest, requestId, 0, 0, []));
        var message = new V3Message(messageId, SnmpLimits.MaxUdpPayload, V3MessageFlags.Reportable, SecurityModels.Usm, default, usm, scoped, default);
        return SnmpMessageEncoder.Encode(message, out _);
    }

    /// <summary>The bytes of <see cref="OriginatorFaults.MalformedBytes"/>: the message without its last byte.</summary>
    public static byte[] Apply(byte[] encoded, OriginatorFaults faults) =>
        (faults & OriginatorFaults.MalformedBytes) != 0 && encoded.Length > 1 ? encoded[..^1] : encoded;
}
