namespace TrapActors;

/// <summary>
/// The receiver's metrics: a <see cref="System.Diagnostics.Metrics.Meter"/> named <see cref="MeterName"/>, always
/// there, one per ActorSystem's receiver, disposed when that ActorSystem terminates. Any
/// <see cref="System.Diagnostics.Metrics.MeterListener"/> or OpenTelemetry exporter sees it:
/// <c>services.AddOpenTelemetry().WithMetrics(m =&gt; m.AddMeter(TrapReceiverMetrics.MeterName))</c>.
/// docs/metrics.md lists every instrument. The counters are read only when a listener collects; the one histogram
/// costs nothing while nobody listens to it.
/// </summary>
public static class TrapReceiverMetrics
{
    /// <summary>The meter's name, "TrapActors".</summary>
    public const string MeterName = "TrapActors";

    /// <summary>
    /// The attribute every measurement carries: the name of the ActorSystem whose receiver it measures, so that
    /// several receivers in one process report apart.
    /// </summary>
    public const string ReceiverAttribute = "trapactors.receiver";

    /// <summary>The attribute of the drop counters: the reason in kebab-case, as the daemon's statistics write it (<c>unknown-community</c>).</summary>
    public const string ReasonAttribute = "reason";

    /// <summary>The attribute of the per-subscriber instruments: the subscriber's actor path.</summary>
    public const string SubscriberAttribute = "subscriber";
}
