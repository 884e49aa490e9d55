namespace TrapActors.Security;

/// <summary>
/// The USM policy decisions waiting across every session of a receiver (usm.max-pending-policy-decisions). Each holds
/// its datagram (up to 64 KB), so the count is also part of the in-flight figure of the receiver's stats.
/// </summary>
internal sealed class PolicyWaitBudget(int limit)
{
    private int _waiting;

    /// <summary>Decisions waiting now (and those being asked at this moment).</summary>
    public long Current => Volatile.Read(ref _waiting);

    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _waiting) <= limit)
            return true;
        Interlocked.Decrement(ref _waiting);
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _waiting);
}
