namespace TrapActors.Transport;

/// <summary>
/// Back-pressure towards the sockets: closed while a back-pressure subscriber cannot keep up, and the receive threads
/// wait on it (so the overload waits in the kernel's socket buffer). <see cref="Open"/> wakes the waiting threads at
/// once. A mailbox tells no one when it drains, so whoever closes the throttle also says how to tell that it may open:
/// a waiting receive thread asks that each millisecond, on its own thread, and opens the throttle itself.
/// </summary>
internal sealed class IngressThrottle
{
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(1);
    private readonly ManualResetEventSlim _open = new(true, spinCount: 0);   // a waiting receive thread must not spin on the cores the subscribers need
    private volatile Func<bool> _mayOpen = static () => true;

    public bool IsClosed => !_open.IsSet;

    /// <summary>Closes the throttle until <see cref="Open"/>, or until <paramref name="mayOpen"/> says it may open.</summary>
    public void Close(Func<bool> mayOpen)
    {
        _mayOpen = mayOpen;
        _open.Reset();
    }

    public void Open() => _open.Set();

    /// <summary>On a receive thread: waits while closed, until opened or <paramref name="stopped"/> says stop.</summary>
    public void WaitWhileClosed(Func<bool> stopped)
    {
        while (!_open.Wait(RecheckInterval))
        {
            if (stopped())
                return;
            if (_mayOpen())
            {
                Open();
                return;
            }
        }
    }
}
