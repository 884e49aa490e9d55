using System.Diagnostics.Metrics;

namespace TrapActors.Diagnostics;

/// <summary>
/// The histogram of the time from the socket (the datagram's receive time stamp) to the notification's delivery into a
/// subscriber's queue. The one instrument written on the datagram path, so it first asks whether anyone listens: while
/// nobody does, recording costs one check.
/// </summary>
internal sealed class DeliveryLatency(Histogram<double>? histogram, TimeProvider time, KeyValuePair<string, object?> receiver)
{
    /// <summary>Records nothing (receivers built without metrics, as in unit tests).</summary>
    public static readonly DeliveryLatency Off = new(null, TimeProvider.System, default);

    public void Record(DateTimeOffset receivedAt)
    {
        if (histogram is not { Enabled: true })
            return;
        var seconds = (time.GetUtcNow() - receivedAt).TotalSeconds;
        histogram.Record(seconds > 0 ? seconds : 0, receiver);
    }
}
