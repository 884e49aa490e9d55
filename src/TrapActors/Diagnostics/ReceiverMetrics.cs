using System.Diagnostics.Metrics;
using TrapActors.Configuration;

namespace TrapActors.Diagnostics;

/// <summary>
/// One receiver's <see cref="Meter"/> (<see cref="TrapReceiverMetrics.MeterName"/>), owned by its ActorSystem and
/// disposed when that system terminates, which ends its instruments for every listener. Every measurement carries the
/// <see cref="TrapReceiverMetrics.ReceiverAttribute"/>. The instruments are observable: they read the receiver's
/// counters when a listener collects, so the datagram path does no work for them; only <see cref="Latency"/> records there.
/// </summary>
internal sealed class ReceiverMetrics : IDisposable
{
    /// <summary>From 100 µs to 10 s: a notification normally reaches its subscriber within a millisecond or two.</summary>
    private static readonly double[] LatencyBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly KeyValuePair<string, object?>[] _receiverOnly;

    public ReceiverMetrics(string receiverName, TimeProvider time)
    {
        Meter = new Meter(TrapReceiverMetrics.MeterName, typeof(ReceiverMetrics).Assembly.GetName().Version?.ToString());
        Receiver = new(TrapReceiverMetrics.ReceiverAttribute, receiverName);
        _receiverOnly = [Receiver];
        var histogram = Meter.CreateHistogram("trapactors.notifications.delivery.duration", "s",
            "Time from reading the datagram off the socket to putting the notification into a subscriber's queue.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        Latency = new DeliveryLatency(histogram, time, Receiver);
    }

    public Meter Meter { get; }

    /// <summary>The attribute that tells this receiver's measurements from another's in the same process.</summary>
    public KeyValuePair<string, object?> Receiver { get; }

    public DeliveryLatency Latency { get; }

    /// <summary>A monotonic count read at collection.</summary>
    public void Counter(string name, string unit, string description, Func<long> read) =>
        Meter.CreateObservableCounter(name, () => new Measurement<long>(read(), _receiverOnly), unit, description);

    /// <summary>A monotonic count per value of <paramref name="attribute"/>: every member of <typeparamref name="T"/> in kebab-case, 0 included.</summary>
    public void CounterBy<T>(string name, string unit, string description, string attribute, Func<T, long> read) where T : struct, Enum
    {
        var members = Enum.GetValues<T>().Select(m => (Member: m, Tags: Tags(attribute, KebabCase.Of(m)))).ToArray();
        Meter.CreateObservableCounter(name, () => members.Select(m => new Measurement<long>(read(m.Member), m.Tags)), unit, description);
    }

    /// <summary>A level that rises and falls (sessions, queue lengths), read at collection.</summary>
    public void UpDown(string name, string unit, string description, Func<long> read) =>
        Meter.CreateObservableUpDownCounter(name, () => new Measurement<long>(read(), _receiverOnly), unit, description);

    /// <summary>The receiver's attribute and one more.</summary>
    public KeyValuePair<string, object?>[] Tags(string attribute, string value) => [Receiver, new(attribute, value)];

    public void Dispose() => Meter.Dispose();
}
