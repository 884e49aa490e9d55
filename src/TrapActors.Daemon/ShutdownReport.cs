namespace TrapActors.Daemon;

/// <summary>
/// What the shutdown task found: the counters taken after the receiver was unbound and the printer drained.
/// They are printed only after the host has stopped and the logs are flushed, so they are the last line on standard error.
/// </summary>
public sealed class ShutdownReport
{
    private volatile TrapReceiverStats? _stats;
    private volatile bool _outputDrained;

    public TrapReceiverStats? Stats
    {
        get => _stats;
        set => _stats = value;
    }

    /// <summary>True when the printer confirmed that everything delivered to it was written and flushed.</summary>
    public bool OutputDrained
    {
        get => _outputDrained;
        set => _outputDrained = value;
    }
}
