using System.Collections.Immutable;

namespace TrapActors.Dtls;

/// <summary>The DTLS listeners' counters, shared by every association of one receiver; lock-free.</summary>
internal sealed class DtlsCounters
{
    private static readonly DtlsRefusal[] Reasons = Enum.GetValues<DtlsRefusal>();
    private readonly long[] _refused = new long[Reasons.Length];
    private long _helloVerifyRequests;
    private long _handshakes;
    private long _established;
    private long _closed;
    private int _active;
    private long _overflows;
    private long _evicted;
    private long _handshakesEvicted;

    public void HelloVerifyRequest() => Interlocked.Increment(ref _helloVerifyRequests);

    public void HandshakeStarted()
    {
        Interlocked.Increment(ref _handshakes);
        Interlocked.Increment(ref _active);
    }

    public void Established() => Interlocked.Increment(ref _established);

    /// <summary>A datagram for an association whose queue was full (or that was closing): dropped before decryption.</summary>
    public void Overflow() => Interlocked.Increment(ref _overflows);

    public void Refused(DtlsRefusal reason) => Interlocked.Increment(ref _refused[(int)reason]);

    /// <summary>An idle association closed to make room for a new one at dtls.max-associations.</summary>
    public void Evicted() => Interlocked.Increment(ref _evicted);

    /// <summary>A handshake abandoned to make room for a new one at dtls.max-handshakes(-per-address).</summary>
    public void HandshakeEvicted() => Interlocked.Increment(ref _handshakesEvicted);

    /// <summary>An association that was counted as started is gone (closed, refused or failed).</summary>
    public void Ended(bool wasEstablished)
    {
        Interlocked.Decrement(ref _active);
        if (wasEstablished)
            Interlocked.Increment(ref _closed);
    }

    public long HelloVerifyRequests => Interlocked.Read(ref _helloVerifyRequests);

    public long HandshakesStarted => Interlocked.Read(ref _handshakes);

    public long EstablishedCount => Interlocked.Read(ref _established);

    public long ClosedCount => Interlocked.Read(ref _closed);

    public int Active => Volatile.Read(ref _active);

    public long EvictedCount => Interlocked.Read(ref _evicted);

    public long HandshakesEvicted => Interlocked.Read(ref _handshakesEvicted);

    public long RefusedCount(DtlsRefusal reason) => Interlocked.Read(ref _refused[(int)reason]);

    public DtlsStats Snapshot()
    {
        var refused = ImmutableDictionary.CreateBuilder<DtlsRefusal, long>();
        foreach (var reason in Reasons)
            refused[reason] = RefusedCount(reason);
        return new DtlsStats(HelloVerifyRequests, HandshakesStarted, EstablishedCount, ClosedCount, Active, refused.ToImmutable())
        {
            DatagramsDropped = Interlocked.Read(ref _overflows),
            Evicted = EvictedCount,
            HandshakesEvicted = HandshakesEvicted,
        };
    }
}
