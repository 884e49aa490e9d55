using System.Net;
using Akka.Event;

namespace TrapActors.Diagnostics;

/// <summary>
/// What every actor of one receiver reports through: the counters, the EventStream, and the rate limits on events
/// (events.max-per-second) and on log lines about dropped datagrams (events.max-log-lines-per-second).
/// </summary>
internal sealed class ReceiverDiagnostics(EventSettings settings, ReceiverCounters counters, EventStream eventStream)
{
    public EventSettings Settings { get; } = settings;

    public ReceiverCounters Counters { get; } = counters;

    public EventStream EventStream { get; } = eventStream;

    /// <summary>PacketTraced, BadPacketReceived, DtlsStatus and DtlsAssociationRefused events.</summary>
    public RateLimit Events { get; } = new(settings.MaxPerSecond);

    public RateLimit LogLines { get; } = new(settings.MaxLogLinesPerSecond);

    /// <summary>The socket-to-subscriber histogram of the receiver's metrics (<see cref="ReceiverMetrics"/>).</summary>
    public DeliveryLatency Latency { get; init; } = DeliveryLatency.Off;

    /// <summary>A datagram in or out, when events.packet-trace is on and the event rate allows.</summary>
    public void Trace(PacketDirection direction, ReadOnlyMemory<byte> packet, IPEndPoint peer, bool decrypted = false)
    {
        if (Settings.PacketTrace && Events.TryTake())
            EventStream.Publish(new PacketTraced(direction, packet, peer) { Decrypted = decrypted });
    }

    public void Publish(object receiverEvent) => EventStream.Publish(receiverEvent);
}
