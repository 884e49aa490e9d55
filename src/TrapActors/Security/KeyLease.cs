namespace TrapActors.Security;

/// <summary>
/// Key material that is retired rather than zeroed in place: every use (verify, decrypt, localize, seal) holds a lease,
/// a lease is refused once the material is retired (fail closed), and the material is zeroed when the last lease
/// returns. One int per object, changed with Interlocked: no lock and no allocation on the receive path.
/// </summary>
internal abstract class KeyLease
{
    private const int Retired = int.MinValue;
    private int _state;
    private long _refused;

    /// <summary>True once <see cref="Retire"/> was called: no new lease is granted.</summary>
    public bool IsRetired => Volatile.Read(ref _state) < 0;

    /// <summary>Leases refused because the material was retired (test-visible; each refusal left something unanswered).</summary>
    public long RefusedLeases => Interlocked.Read(ref _refused);

    /// <summary>A lease, or false once retired; every true must be followed by exactly one <see cref="Release"/>.</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state < 0)
            {
                Interlocked.Increment(ref _refused);
                return false;
            }
            if (Interlocked.CompareExchange(ref _state, state + 1, state) == state)
                return true;
        }
    }

    /// <summary>Returns a lease; the last one returned after retirement zeroes the material.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _state) == Retired)
            ZeroMaterial();
    }

    /// <summary>No new lease from now on; the material is zeroed now if nothing holds it, else by the last <see cref="Release"/>.</summary>
    public void Retire()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state < 0)
                return;
            if (Interlocked.CompareExchange(ref _state, state | Retired, state) == state)
            {
                OnRetired();
                if (state == 0)
                    ZeroMaterial();
                return;
            }
        }
    }

    /// <summary>Called once, at retirement, before any zeroing: retires what depends on this material.</summary>
    protected virtual void OnRetired()
    {
    }

    /// <summary>Zeroes the material; called once, when retired and no lease is held.</summary>
    protected abstract void ZeroMaterial();
}
