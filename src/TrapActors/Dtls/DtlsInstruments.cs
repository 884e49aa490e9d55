using TrapActors.Diagnostics;

namespace TrapActors.Dtls;

/// <summary>The instruments over <see cref="DtlsCounters"/> (docs/metrics.md).</summary>
internal static class DtlsInstruments
{
    public static void Register(ReceiverMetrics metrics, DtlsCounters counters)
    {
        metrics.Counter("trapactors.dtls.hello_verify_requests", "{request}",
            "HelloVerifyRequests sent: ClientHellos without a valid cookie (RFC 6347 cookie exchange).", () => counters.HelloVerifyRequests);
        metrics.Counter("trapactors.dtls.handshakes.started", "{handshake}",
            "DTLS handshakes started: a ClientHello came back with a valid cookie.", () => counters.HandshakesStarted);
        metrics.Counter("trapactors.dtls.handshakes.evicted", "{handshake}",
            "Handshakes abandoned to make room at dtls.max-handshakes or dtls.max-handshakes-per-address.", () => counters.HandshakesEvicted);
        metrics.Counter("trapactors.dtls.associations.established", "{association}",
            "Associations that completed the handshake and client authentication.", () => counters.EstablishedCount);
        metrics.CounterBy<DtlsRefusal>("trapactors.dtls.associations.refused", "{association}",
            "Associations refused or failed before carrying SNMP, by reason.", TrapReceiverMetrics.ReasonAttribute, counters.RefusedCount);
        metrics.Counter("trapactors.dtls.associations.closed", "{association}",
            "Established associations that ended (evictions included).", () => counters.ClosedCount);
        metrics.Counter("trapactors.dtls.associations.evicted", "{association}",
            "Idle associations closed to make room at dtls.max-associations.", () => counters.EvictedCount);
        metrics.UpDown("trapactors.dtls.associations.active", "{association}",
            "Associations open or handshaking now.", () => counters.Active);
    }
}
