namespace TrapActors.Security;

/// <summary>The outcome of the timeliness check of RFC 3414 §3.2 step 7.</summary>
internal enum Timeliness
{
    InTime,
    NotInTimeWindow,
}

/// <summary>
/// What this receiver knows of one remote authoritative engine (a trap sender): its boots, its time as last
/// received and when that was, so that its clock can be advanced locally (RFC 3414 §2.3, §3.2 step 7b).
/// Several sessions may check the same engine at once (one device, many source ports): access is locked per engine.
/// </summary>
internal sealed class RemoteEngine(ReadOnlyMemory<byte> engineId, int boots, int time, long updatedAtMs)
{
    private readonly object _lock = new();
    private int _boots = boots;
    private int _time = time;
    private int _latestReceivedTime = time;
    private long _updatedAtMs = updatedAtMs;
    private int _outOfWindowWarned;

    public ReadOnlyMemory<byte> EngineId { get; } = engineId;

    public (int Boots, int Time) Snapshot(long nowMs)
    {
        lock (_lock)
            return (_boots, LocalTime(nowMs));
    }

    /// <summary>RFC 3414 §3.2 step 7b, for an authenticated message from this (non-local) authoritative engine.</summary>
    public Timeliness Check(int msgBoots, int msgTime, long nowMs, TimeSpan window)
    {
        lock (_lock)
        {
            if (msgBoots > _boots || (msgBoots == _boots && msgTime > _latestReceivedTime))
            {
                _boots = msgBoots;
                _time = msgTime;
                _latestReceivedTime = msgTime;
                _updatedAtMs = nowMs;
            }
            var localTime = LocalTime(nowMs);
            if (_boots == int.MaxValue || msgBoots < _boots || (msgBoots == _boots && msgTime < localTime - (long)window.TotalSeconds))
                return Timeliness.NotInTimeWindow;
            return Timeliness.InTime;
        }
    }

    /// <summary>True the first time only: the warning about this engine's traps outside the time window is logged once.</summary>
    public bool TryClaimOutOfWindowWarning() => Interlocked.Exchange(ref _outOfWindowWarned, 1) == 0;

    /// <summary>AddUsmEngine, or an engine the check-engine policy accepted: set boots and time as known now.</summary>
    public void Set(int engineBoots, int engineTime, long nowMs)
    {
        lock (_lock)
        {
            _boots = engineBoots;
            _time = engineTime;
            _latestReceivedTime = engineTime;
            _updatedAtMs = nowMs;
        }
    }

    private int LocalTime(long nowMs) => (int)Math.Min(int.MaxValue, _time + Math.Max(0, nowMs - _updatedAtMs) / 1000);
}
