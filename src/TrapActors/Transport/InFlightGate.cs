namespace TrapActors.Transport;

/// <summary>
/// Bounds the datagrams one listener has read from its socket but its sessions have not handled yet
/// (listener.max-in-flight). At the bound the receive thread stops reading, so a storm waits in the socket's
/// receive buffer, where the kernel drops and counts what does not fit, instead of growing the heap (decision 0011).
/// </summary>
internal sealed class InFlightGate(int limit) : IDisposable
{
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(50);
    private readonly ManualResetEventSlim _room = new(true);
    private long _inFlight;
    private int _waiting;

    public long Current => Interlocked.Read(ref _inFlight);

    /// <summary>On the receive thread: blocks while the bound is reached, until room is made or <paramref name="closed"/> says stop.</summary>
    public void WaitForRoom(Func<bool> closed)
    {
        while (Interlocked.Read(ref _inFlight) >= limit && !closed())
        {
            Volatile.Write(ref _waiting, 1);
            _room.Reset();
            if (Interlocked.Read(ref _inFlight) < limit)
                break;
            _room.Wait(RecheckInterval);   // the interval also guards against a missed wake-up
        }
        Volatile.Write(ref _waiting, 0);
    }

    public void Enter() => Interlocked.Increment(ref _inFlight);

    /// <summary>Datagrams handled, dropped, or lost with a stopped session.</summary>
    public void Exit(long count = 1)
    {
        if (count <= 0)
            return;
        var now = Interlocked.Add(ref _inFlight, -count);
        if (now < limit && Volatile.Read(ref _waiting) != 0)
            _room.Set();
    }

    public void Dispose()
    {
        _room.Set();
        _room.Dispose();
    }
}
