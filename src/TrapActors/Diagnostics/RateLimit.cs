namespace TrapActors.Diagnostics;

/// <summary>
/// At most <c>perSecond</c> permits in each one-second window, shared by every session; what is refused is counted.
/// Keeps a flood of bad packets from turning into a flood of Reports, events or log lines. Lock-free.
/// </summary>
internal sealed class RateLimit(int perSecond)
{
    private long _window = -1;
    private int _taken;
    private long _refused;

    public long Refused => Interlocked.Read(ref _refused);

    public bool TryTake()
    {
        var window = Environment.TickCount64 / 1000;
        var current = Interlocked.Read(ref _window);
        if (window != current && Interlocked.CompareExchange(ref _window, window, current) == current)
            Interlocked.Exchange(ref _taken, 0);
        if (Interlocked.Increment(ref _taken) <= perSecond)
            return true;
        Interlocked.Increment(ref _refused);
        return false;
    }
}
