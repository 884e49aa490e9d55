namespace TrapActors.Transport;

/// <summary>What a router can tell about a session from its lease, without asking it.</summary>
internal enum SessionActivity
{
    /// <summary>It handled every datagram it was given and holds no work: stopping it now loses nothing.</summary>
    Idle,

    /// <summary>Datagrams it was given are not handled yet.</summary>
    Working,

    /// <summary>It holds work that stopping it would lose: an inform awaiting a decision, a message awaiting a USM policy.</summary>
    Holding,
}

/// <summary>
/// One holder's share of a transport's datagrams in flight: the router takes a lease per datagram it hands to the
/// holder (a session), the holder releases it when done. When the holder stops, what it never released is released
/// for it (<see cref="ReleaseRemaining"/>), so the transport's in-flight bound can never leak. The holder also marks on
/// it whether it holds work beyond its datagrams (<see cref="SetHolding"/>), so the router can tell an idle session
/// from a busy one (<see cref="Activity"/>) when it must evict one (decision 0019), and says when it has stopped
/// (<see cref="HolderStopped"/>) to the transport's count of <paramref name="live"/> sessions.
/// </summary>
internal sealed class DatagramLease(InFlightGate? gate, LiveSessions? live = null)
{
    /// <summary>Datagrams whose in-flight bound is kept elsewhere (a test); it tracks nothing, holding included.</summary>
    public static readonly DatagramLease Untracked = new(null);

    private long _taken;
    private long _released;
    private int _holding;
    private int _stopped;

    /// <summary>
    /// By the router. Read <see cref="_released"/> before <see cref="_holding"/>: the holder marks work before it
    /// releases the datagram that started it, and both are full fences, so a released datagram's work is always seen.
    /// </summary>
    public SessionActivity Activity
    {
        get
        {
            var unhandled = Volatile.Read(ref _taken) - Interlocked.Read(ref _released);
            if (Volatile.Read(ref _holding) != 0)
                return SessionActivity.Holding;
            return unhandled > 0 ? SessionActivity.Working : SessionActivity.Idle;
        }
    }

    /// <summary>
    /// By the holder: it holds work beyond its datagrams (true) or no longer (false). Called before it releases the
    /// datagram that started the work; returns whether the mark changed.
    /// </summary>
    public bool SetHolding(bool holding)
    {
        if (gate is null)
            return false;
        var mark = holding ? 1 : 0;
        return Interlocked.Exchange(ref _holding, mark) != mark;
    }

    /// <summary>
    /// By the holder once it has stopped, and again by the router when it learns of the stop (in case the holder never
    /// started): counted once.
    /// </summary>
    public void HolderStopped()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
            live?.Stopped();
    }

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
