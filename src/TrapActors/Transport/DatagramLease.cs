namespace TrapActors.Transport;

/// <summary>
/// One holder's share of a transport's datagrams in flight: the router takes a lease per datagram it hands to the
/// holder (a session), the holder releases it when done. When the holder stops, what it never released is released
/// for it (<see cref="ReleaseRemaining"/>), so the transport's in-flight bound can never leak.
/// </summary>
internal sealed class DatagramLease(InFlightGate? gate)
{
    /// <summary>Datagrams whose in-flight bound is kept elsewhere (a DTLS association's queue, a test).</summary>
    public static readonly DatagramLease Untracked = new(null);

    private long _taken;
    private long _released;

    /// <summary>By the router only.</summary>
    public void Take()
    {
        if (gate is not null)
            _taken++;
    }

    /// <summary>By the holder: this datagram is handled.</summary>
    public void Release()
    {
        if (gate is null)
            return;
        Interlocked.Increment(ref _released);
        gate.Exit();
    }

    /// <summary>By the router, after the holder stopped: releases and returns what the holder never released.</summary>
    public long ReleaseRemaining()
    {
        if (gate is null)
            return 0;
        var remaining = _taken - Interlocked.Read(ref _released);
        if (remaining <= 0)
            return 0;
        Interlocked.Add(ref _released, remaining);
        gate.Exit(remaining);
        return remaining;
    }
}
