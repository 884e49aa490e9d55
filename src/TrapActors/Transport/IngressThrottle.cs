namespace TrapActors.Transport;

/// <summary>
/// Back-pressure towards the sockets: closed while a back-pressure subscriber cannot keep up, and the receive threads
/// wait on it (so the overload waits in the kernel's socket buffer). It is signalled: <see cref="Open"/> wakes the
/// waiting threads at once.
/// </summary>
internal sealed class IngressThrottle
{
    private static readonly TimeSpan StopCheckInterval = TimeSpan.FromMilliseconds(100);
    private readonly ManualResetEventSlim _open = new(true);

    public bool IsClosed => !_open.IsSet;

    public void Close() => _open.Reset();

    public void Open() => _open.Set();

    /// <summary>On a receive thread: waits while closed, until opened or <paramref name="stopped"/> says stop.</summary>
    public void WaitWhileClosed(Func<bool> stopped)
    {
        while (!_open.Wait(StopCheckInterval))
        {
            if (stopped())
                return;
        }
    }
}
