using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>
/// Outgoing USM messages (RFC 3414 §3.1) from this receiver's engine, the authoritative one for its Responses and
/// Reports: the local engine ID, boots and time, the request's user name, and the user's keys localized to the local
/// engine; the scoped PDU encrypted first (authPriv), then the whole message authenticated (authNoPriv and up).
/// </summary>
/// <param name="local">The local engine (msgAuthoritativeEngineID, boots, time).</param>
/// <param name="keys">The user's keys for the local engine, leased by the caller; null sends noAuthNoPriv whatever <paramref name="level"/> says.</param>
/// <param name="level">The security level to send at.</param>
/// <param name="nowMs">The clock, in Unix milliseconds, for msgAuthoritativeEngineTime.</param>
internal sealed class UsmResponseSealer(LocalEngine local, UserKeys? keys, SecurityLevel level, long nowMs) : ISnmpV3ResponseSealer
{
    public byte[] Seal(V3Message request, ScopedPdu response)
    {
        var auth = level >= SecurityLevel.AuthNoPriv && keys is { Auth: not AuthProtocol.None };
        var priv = auth && level == SecurityLevel.AuthPriv;
        var flags = (auth ? V3MessageFlags.Auth : V3MessageFlags.None) | (priv ? V3MessageFlags.Priv : V3MessageFlags.None);
        var boots = local.Boots;
        var time = local.Time(nowMs);

        ReadOnlyMemory<byte> privParameters = ReadOnlyMemory<byte>.Empty;
        ReadOnlyMemory<byte> encrypted = default;
        ScopedPdu? plain = response;
        if (priv)
        {
            encrypted = UsmPrivacy.Encrypt(keys!.Priv, keys.PrivKey!, boots, time, SnmpMessageEncoder.EncodeScopedPdu(response), out var salt);
            privParameters = salt;
            plain = null;
        }
        var usm = new UsmSecurityParameters(local.EngineId, boots, time, request.Usm?.UserName ?? ReadOnlyMemory<byte>.Empty,
            auth ? new byte[keys!.Auth.MacLength()] : ReadOnlyMemory<byte>.Empty, privParameters);
        var message = new V3Message(request.MessageId, SnmpLimits.MaxUdpPayload, flags, SecurityModels.Usm, default, usm, plain, encrypted);
        var bytes = SnmpMessageEncoder.Encode(message, out var macOffset);
        if (auth)
            UsmAuthentication.Sign(keys!.Auth, keys.AuthKey, bytes, macOffset);
        return bytes;
    }
}
