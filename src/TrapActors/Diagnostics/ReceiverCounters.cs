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

    public long ReceivedCount => Interlocked.Read(ref _received);

    public long DecodedCount => Interlocked.Read(ref _decoded);

    public long DeliveredCount => Interlocked.Read(ref _delivered);

    public long InformsAnsweredCount => Interlocked.Read(ref _informsAnswered);

    public long LenientDecodeCount => Interlocked.Read(ref _lenientDecodes);

    public int ActiveSessions => Volatile.Read(ref _sessions);

    public long SessionsEvictedCount => Interlocked.Read(ref _sessionsEvicted);

    /// <summary>Reads every bound socket's kernel count (on Linux a pass over /proc/net/udp): not for the datagram path.</summary>
    public long SocketBufferDrops => Interlocked.Read(ref _socketDropsOfClosedSockets) + _socketDrops.Values.Sum(read => read());

    public long InFlight => _inFlight.Values.Sum(read => read());

    public TrapReceiverStats Snapshot()
    {
        var dropped = ImmutableDictionary.CreateBuilder<DropReason, long>();
        foreach (var reason in Reasons)
            dropped[reason] = DroppedCount(reason);
        return new TrapReceiverStats(ReceivedCount, DecodedCount, DeliveredCount, InformsAnsweredCount, dropped.ToImmutable(), ActiveSessions)
        {
            SocketBufferDrops = SocketBufferDrops,
            InFlight = InFlight,
            PeakSessions = Volatile.Read(ref _peakSessions),
            LenientDecodes = LenientDecodeCount,
            SessionsEvicted = SessionsEvictedCount,
        };
    }
}
