using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace TrapActors.Tests.Diagnostics;

/// <summary>
/// A <see cref="MeterListener"/> on the instruments a test selects: the latest value of each observable series
/// (keyed "name{attribute=value,...}" without the receiver attribute, which is kept apart in <see cref="Receivers"/>),
/// every histogram value, and the instruments whose measurements completed (their meter was disposed).
/// </summary>
public sealed class MetricsCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _latest = new();
    private readonly ConcurrentQueue<double> _latencies = new();
    private readonly ConcurrentDictionary<Instrument, bool> _enabled = new();
    private readonly ConcurrentDictionary<Instrument, bool> _completed = new();
    private readonly ConcurrentDictionary<string, bool> _receivers = new();
    private long _recorded;

    public MetricsCapture(Func<Instrument, bool> select)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!select(instrument))
                return;
            _enabled[instrument] = true;
            listener.EnableMeasurementEvents(instrument);
        };
        _listener.MeasurementsCompleted = (instrument, _) => _completed[instrument] = true;
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            _latest[Key(instrument.Name, tags)] = value;
            Interlocked.Increment(ref _recorded);
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            Key(instrument.Name, tags);
            _latencies.Enqueue(value);
        });
        _listener.Start();
    }

    /// <summary>The instruments of <paramref name="system"/>'s receiver only (the receiver starts if it has not).</summary>
    public static MetricsCapture Of(ActorSystem system)
    {
        var meter = TrapReceiverExtension.Get(system).Metrics.Meter;
        return new MetricsCapture(i => ReferenceEquals(i.Meter, meter));
    }

    /// <summary>The values of the histogram of socket-to-subscriber times, in seconds, in the order recorded.</summary>
    public IReadOnlyList<double> Latencies => [.. _latencies];

    /// <summary>Every value of <see cref="TrapReceiverMetrics.ReceiverAttribute"/> seen.</summary>
    public IReadOnlyCollection<string> Receivers => [.. _receivers.Keys];

    /// <summary>Observable measurements taken so far, by every <see cref="Collect"/>.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    public IReadOnlyCollection<Instrument> Enabled => [.. _enabled.Keys];

    public IReadOnlyCollection<Instrument> Completed => [.. _completed.Keys];

    /// <summary>Reads every observable instrument now; returns the series' latest values.</summary>
    public IReadOnlyDictionary<string, long> Collect()
    {
        _listener.RecordObservableInstruments();
        return new Dictionary<string, long>(_latest);
    }

    /// <summary>A series' value at the last <see cref="Collect"/>, or null when it was never reported.</summary>
    public long? Value(string name, string? reason = null) => Series(reason is null ? name : $"{name}{{reason={reason}}}");

    /// <summary>A series by its key, "name{attribute=value}", at the last <see cref="Collect"/>; null when never reported.</summary>
    public long? Series(string key) => _latest.TryGetValue(key, out var value) ? value : null;

    private string Key(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var rest = new List<string>();
        foreach (var tag in tags)
        {
            if (tag.Key == TrapReceiverMetrics.ReceiverAttribute)
                _receivers[tag.Value?.ToString() ?? ""] = true;
            else
                rest.Add($"{tag.Key}={tag.Value}");
        }
        rest.Sort(StringComparer.Ordinal);
        return rest.Count == 0 ? name : $"{name}{{{string.Join(',', rest)}}}";
    }

    public void Dispose() => _listener.Dispose();
}
