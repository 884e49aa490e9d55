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
/// <paramref name="learnedBy"/> is the any-engine user whose message made it known (its quota, and the only any-engine
/// user that may advance its clock); null when the application added it or a user bound to it did (decision 0031).
/// </summary>
internal sealed class RemoteEngine(ReadOnlyMemory<byte> engineId, int boots, int time, long updatedAtMs, bool explicitlyAdded = false, string? learnedBy = null)
{
    /// <summary>snmpEngineBoots 2147483647 latches an engine "not in time window" (RFC 3414 §2.2.2): never recorded from a message.</summary>
    public const int LatchedBoots = int.MaxValue;

    private readonly object _lock = new();
    private int _boots = boots;
    private int _time = time;
    private int _latestReceivedTime = time;
    private long _updatedAtMs = updatedAtMs;
    private long _lastUsedMs = updatedAtMs;
    private int _outOfWindowWarned;

    public ReadOnlyMemory<byte> EngineId { get; } = engineId;

    /// <summary>Added by the application (AddUsmEngine): never evicted to make room for learned engines.</summary>
    public bool ExplicitlyAdded { get; private set; } = explicitlyAdded;

    /// <summary>The any-engine user that learned it, or null (decision 0031).</summary>
    public string? LearnedBy { get; private set; } = learnedBy;

    /// <summary>When a message from it last passed the timeliness check (or it was added): the least recently used is evicted first.</summary>
    public long LastUsedMs => Volatile.Read(ref _lastUsedMs);

    public (int Boots, int Time) Snapshot(long nowMs)
    {
        lock (_lock)
            return (_boots, LocalTime(nowMs));
    }

    /// <summary>What the state file keeps: the clock as last set and the local wall-clock time it was set at.</summary>
    public (int Boots, int Time, int LatestReceivedTime, long UpdatedAtMs) State()
    {
        lock (_lock)
            return (_boots, _time, _latestReceivedTime, _updatedAtMs);
    }

    /// <summary>
    /// RFC 3414 §3.2 step 7b, for an authenticated message from this (non-local) authoritative engine. A message claiming
    /// boots 2147483647 is outside the window and recorded nowhere, so that it cannot latch the real engine out. Without
    /// <paramref name="mayAdvance"/> (an any-engine user other than the one that learned it) the message is checked against
    /// the clock as known and does not move it.
    /// </summary>
    public Timeliness Check(int msgBoots, int msgTime, long nowMs, TimeSpan window, bool mayAdvance = true)
    {
        if (msgBoots == LatchedBoots)
            return Timeliness.NotInTimeWindow;
        lock (_lock)
        {
            if (mayAdvance && (msgBoots > _boots || (msgBoots == _boots && msgTime > _latestReceivedTime)))
            {
                _boots = msgBoots;
                _time = msgTime;
                _latestReceivedTime = msgTime;
                _updatedAtMs = nowMs;
            }
            var localTime = LocalTime(nowMs);
            if (_boots == LatchedBoots || msgBoots < _boots || (msgBoots == _boots && msgTime < localTime - (long)window.TotalSeconds))
                return Timeliness.NotInTimeWindow;
            _lastUsedMs = nowMs;
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
            _lastUsedMs = nowMs;
        }
    }

    /// <summary>Restores what the state file kept (at start, before any message).</summary>
    public void Restore(int latestReceivedTime, long lastUsedMs)
    {
        lock (_lock)
        {
            _latestReceivedTime = latestReceivedTime;
            _lastUsedMs = lastUsedMs;
        }
    }

    /// <summary>The application added it (AddUsmEngine): it leaves the learned engines' quota and eviction.</summary>
    public void MarkExplicit()
    {
        ExplicitlyAdded = true;
        LearnedBy = null;
    }

    private int LocalTime(long nowMs) => (int)Math.Min(int.MaxValue, _time + Math.Max(0, nowMs - _updatedAtMs) / 1000);
}
