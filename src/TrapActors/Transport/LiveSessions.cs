namespace TrapActors.Transport;

/// <summary>
/// How many of one transport's session actors are alive: counted up by the transport when it creates one, and down
/// through the session's lease as soon as the session has stopped (<see cref="DatagramLease.HolderStopped"/>). The
/// transport's own notice of a stop (a watch message) queues behind every datagram already in its mailbox, so under a
/// flood it would count sessions long gone as still stopping (decision 0019).
/// </summary>
internal sealed class LiveSessions
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Started() => Interlocked.Increment(ref _count);

    public void Stopped() => Interlocked.Decrement(ref _count);
}
