using System.Net;
using Akka.Event;

namespace TrapActors.Diagnostics;

/// <summary>
/// The one place a dropped datagram is reported: its counter (so that received = delivered + dropped holds), a
/// Debug log line and a <see cref="BadPacketReceived"/> event, both rate-limited so a flood of bad packets cannot
/// become a flood of log lines or events. One per actor, for that actor's log.
/// </summary>
internal sealed class DropReporter(ReceiverDiagnostics diagnostics, ILoggingAdapter log)
{
    /// <summary>Counted only: the datagram was handled as intended (a discovery probe, a duplicate inform).</summary>
    public void Count(DropReason reason, long count = 1) => diagnostics.Counters.Dropped(reason, count);

    /// <summary>Counted and logged, without an event: the datagram never reached decoding (limits at the transport).</summary>
    public void Refuse(DropReason reason, object source, string description)
    {
        diagnostics.Counters.Dropped(reason);
        if (log.IsDebugEnabled && diagnostics.LogLines.TryTake())
            log.Debug("Dropped datagram from {0}: {1}", source, description);
    }

    /// <summary>Counted, logged and published as <see cref="BadPacketReceived"/> with its error code.</summary>
    public void Reject(DropReason reason, int errorCode, string description, byte[] packet, IPEndPoint source)
    {
        Refuse(reason, source, description);
        if (diagnostics.Settings.BadPacket && diagnostics.Events.TryTake())
            diagnostics.EventStream.Publish(new BadPacketReceived(packet, source, errorCode, description, reason));
    }
}
