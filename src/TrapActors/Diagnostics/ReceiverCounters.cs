using System.Collections.Immutable;

namespace TrapActors.Diagnostics;

/// <summary>Counters shared by every actor of one receiver; lock-free, written on the datagram path.</summary>
internal sealed class ReceiverCounters
{
    private static readonly DropReason[] Reasons = Enum.GetValues<DropReason>();

    private readonly long[] _dropped = new long[Reasons.Length];
    private long _received;
    private long _decoded;
    private long _delivered;
    private long _informsAnswered;
    private long _lenientDecodes;
    private int _sessions;
    private int _peakSessions;
    private long _sessionsEvicted;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, Func<long>> _inFlight = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, Func<long>> _socketDrops = new();
    private long _socketDropsOfClosedSockets;

    public void Received() => Interlocked.Increment(ref _received);

    public void Decoded() => Interlocked.Increment(ref _decoded);

    public void Delivered() => Interlocked.Increment(ref _delivered);

    public void InformAnswered() => Interlocked.Increment(ref _informsAnswered);

    public void LenientlyDecoded() => Interlocked.Increment(ref _lenientDecodes);

    public void Dropped(DropReason reason) => Interlocked.Increment(ref _dropped[(int)reason]);

    public void Dropped(DropReason reason, long count) => Interlocked.Add(ref _dropped[(int)reason], count);

    public void SessionStarted()
    {
        var now = Interlocked.Increment(ref _sessions);
        int peak;
        while (now > (peak = Volatile.Read(ref _peakSessions)) && Interlocked.CompareExchange(ref _peakSessions, now, peak) != peak)
        {
        }
    }

    public void AddInFlight(object owner, Func<long> current) => _inFlight[owner] = current;

    public void RemoveInFlight(object owner) => _inFlight.TryRemove(owner, out _);

    public void SessionStopped() => Interlocked.Decrement(ref _sessions);

    /// <summary>A session that held no work stopped to make room for a new source at session.max-sessions.</summary>
    public void SessionEvicted() => Interlocked.Increment(ref _sessionsEvicted);

    /// <summary>A bound socket whose kernel drops are to be counted until <see cref="RemoveSocket"/>.</summary>
    public void AddSocket(object owner, Func<long> kernelDrops) => _socketDrops[owner] = kernelDrops;

    /// <summary>The socket closes: keep its last count.</summary>
    public void RemoveSocket(object owner)
    {
        if (_socketDrops.TryRemove(owner, out var read))
            Interlocked.Add(ref _socketDropsOfClosedSockets, read());
    }

    public long DroppedCount(DropReason reason) => Interlocked.Read(ref _dropped[(int)reason]);

    public TrapReceiverStats Snapshot()
    {
        var dropped = ImmutableDictionary.CreateBuilder<DropReason, long>();
        foreach (var reason in Reasons)
            dropped[reason] = Interlocked.Read(ref _dropped[(int)reason]);
        return new TrapReceiverStats(
            Interlocked.Read(ref _received),
            Interlocked.Read(ref _decoded),
            Interlocked.Read(ref _delivered),
            Interlocked.Read(ref _informsAnswered),
            dropped.ToImmutable(),
            Volatile.Read(ref _sessions))
        {
            SocketBufferDrops = Interlocked.Read(ref _socketDropsOfClosedSockets) + _socketDrops.Values.Sum(read => read()),
            InFlight = _inFlight.Values.Sum(read => read()),
            PeakSessions = Volatile.Read(ref _peakSessions),
            LenientDecodes = Interlocked.Read(ref _lenientDecodes),
            SessionsEvicted = Interlocked.Read(ref _sessionsEvicted),
        };
    }
}
