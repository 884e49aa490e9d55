namespace TrapActors.Diagnostics;

/// <summary>The instruments over <see cref="ReceiverCounters"/> and the rate limits (docs/metrics.md).</summary>
internal static class ReceiverInstruments
{
    public static void Register(ReceiverMetrics metrics, ReceiverDiagnostics diagnostics)
    {
        var counters = diagnostics.Counters;
        metrics.Counter("trapactors.datagrams.received", "{datagram}",
            "SNMP datagrams read from the UDP sockets, plus SNMP messages decrypted from DTLS associations.", () => counters.ReceivedCount);
        metrics.Counter("trapactors.datagrams.decoded", "{datagram}",
            "Received datagrams that decoded as SNMP messages.", () => counters.DecodedCount);
        metrics.CounterBy<DropReason>("trapactors.datagrams.dropped", "{datagram}",
            "Datagrams and notifications that reached no subscriber, by reason.", TrapReceiverMetrics.ReasonAttribute, counters.DroppedCount);
        metrics.UpDown("trapactors.datagrams.in_flight", "{datagram}",
            "Datagrams read and not yet handled by their sessions, plus SNMPv3 messages waiting for a USM policy decision.", () => counters.InFlight);
        metrics.Counter("trapactors.socket.buffer_drops", "{datagram}",
            "Datagrams the operating system dropped because a socket's receive buffer was full (Linux); not in trapactors.datagrams.received.",
            () => counters.SocketBufferDrops);
        metrics.Counter("trapactors.notifications.delivered", "{notification}",
            "Notifications that at least one subscriber took.", () => counters.DeliveredCount);
        metrics.Counter("trapactors.notifications.lenient_decodes", "{notification}",
            "Notifications accepted only through a decoder leniency for encodings outside strict BER.", () => counters.LenientDecodeCount);
        metrics.Counter("trapactors.informs.answered", "{response}",
            "Responses sent to informs, retransmissions answered again included.", () => counters.InformsAnsweredCount);
        metrics.UpDown("trapactors.sessions.active", "{session}",
            "Per-source sessions alive now, those being stopped included.", () => counters.ActiveSessions);
        metrics.Counter("trapactors.sessions.evicted", "{session}",
            "Idle sessions stopped to make room for a new source at session.max-sessions.", () => counters.SessionsEvictedCount);
        metrics.Counter("trapactors.events.suppressed", "{event}",
            "Events not published because events.max-per-second was used up.", () => diagnostics.Events.Refused);
        metrics.Counter("trapactors.log_lines.suppressed", "{line}",
            "Log lines about dropped datagrams not written because events.max-log-lines-per-second was used up.", () => diagnostics.LogLines.Refused);
    }
}
