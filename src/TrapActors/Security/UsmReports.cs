using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>Report PDUs of RFC 3414 §3.2 (usmStats counters) sent from the local engine.</summary>
internal static class UsmReports
{
    /// <summary>
    /// A Report for <paramref name="request"/> with one usmStats varbind. Unauthenticated, except when
    /// <paramref name="keys"/> are given (notInTimeWindow reports are authNoPriv, RFC 3414 §3.2 step 7a).
    /// </summary>
    public static byte[] Build(V3Message request, int requestId, Oid counter, long value, LocalEngine local, long nowMs, UserKeys? keys = null)
    {
        var level = keys is { Auth: not AuthProtocol.None } ? SecurityLevel.AuthNoPriv : SecurityLevel.NoAuthNoPriv;
        var pdu = new Pdu(PduType.Report, requestId, 0, 0, [new VarBind(counter, SnmpValue.Counter32(unchecked((uint)value)))]);
        var scoped = new ScopedPdu(local.EngineId, ReadOnlyMemory<byte>.Empty, pdu);
        return new UsmResponseSealer(local, keys, level, nowMs).Seal(request, scoped);
    }

    /// <summary>The request-id to echo: the plaintext PDU's when it could be read, else 0.</summary>
    public static int RequestIdOf(V3Message request) => request.ScopedPdu?.Pdu.RequestId ?? 0;
}
