using System.Collections.Immutable;
using TrapActors.Sessions;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>
/// The Response to an SNMPv3 InformRequest (RFC 3412 §7.1, RFC 3414 §3.1): from the local (authoritative)
/// engine, at the request's security level, authenticated and encrypted with the user's keys localized to it.
/// </summary>
internal static class UsmResponder
{
    public static byte[] Encode(V3Message request, UsmAccepted accepted, int errorStatus, int errorIndex, int maxSize, LocalEngine local, long nowMs)
    {
        var scoped = accepted.ScopedPdu;
        var response = scoped.Pdu with { Type = PduType.Response, ErrorStatus = errorStatus, ErrorIndex = errorIndex };
        var limit = Math.Min(maxSize, request.MaxSize > 0 ? request.MaxSize : maxSize);
        var bytes = EncodeOnce(request, accepted, scoped with { Pdu = response }, local, nowMs);
        if (bytes.Length <= limit)
            return bytes;
        var tooBig = response with { ErrorStatus = InformResponder.TooBig, ErrorIndex = 0, VarBinds = ImmutableArray<VarBind>.Empty };
        return EncodeOnce(request, accepted, scoped with { Pdu = tooBig }, local, nowMs);
    }

    private static byte[] EncodeOnce(V3Message request, UsmAccepted accepted, ScopedPdu scoped, LocalEngine local, long nowMs)
    {
        var keys = accepted.Keys;
        var auth = accepted.Level >= SecurityLevel.AuthNoPriv && keys is not null;
        var priv = accepted.Level == SecurityLevel.AuthPriv && keys is not null;
        var flags = (auth ? V3MessageFlags.Auth : V3MessageFlags.None) | (priv ? V3MessageFlags.Priv : V3MessageFlags.None);
        var boots = local.Boots;
        var time = local.Time(nowMs);

        ReadOnlyMemory<byte> privParameters = ReadOnlyMemory<byte>.Empty;
        ReadOnlyMemory<byte> encrypted = default;
        ScopedPdu? plain = scoped;
        if (priv)
        {
            encrypted = UsmPrivacy.Encrypt(keys!.Priv, keys.PrivKey, boots, time, SnmpMessageEncoder.EncodeScopedPdu(scoped), out var salt);
            privParameters = salt;
            plain = null;
        }
        var usm = new UsmSecurityParameters(local.EngineId, boots, time, request.Usm!.UserName,
            auth ? new byte[keys!.Auth.MacLength()] : ReadOnlyMemory<byte>.Empty, privParameters);
        var message = new V3Message(request.MessageId, 65507, flags, SecurityModels.Usm, default, usm, plain, encrypted);
        var bytes = SnmpMessageEncoder.Encode(message, out var macOffset);
        if (auth)
            UsmAuthentication.Sign(keys!.Auth, keys.AuthKey, bytes, macOffset);
        return bytes;
    }
}
