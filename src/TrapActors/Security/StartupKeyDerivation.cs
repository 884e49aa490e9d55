using System.Collections.Concurrent;
using System.Diagnostics;

namespace TrapActors.Security;

/// <summary>
/// Before the receiver binds, hashes the setup users' passwords on every core for at most usm.hash-before-binding, in
/// the order given (decision 0038). A receiver with a few dozen users has every key before its first datagram, so a
/// storm at start waits for nothing; one with 100,000 users still binds at once, the rest hashed on first use.
/// </summary>
internal static class StartupKeyDerivation
{
    /// <summary>Derives keys until <paramref name="budget"/> has passed; returns how many users it derived.</summary>
    public static int Run(UsmRuntime usm, TimeSpan budget)
    {
        if (budget <= TimeSpan.Zero)
            return 0;
        var started = Stopwatch.GetTimestamp();
        var derived = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        // Load-balanced: the workers take small chunks from the front, so the users come in the order given.
        Parallel.ForEach(Partitioner.Create((IList<UsmUserEntry>)usm.Table.Entries, loadBalance: true), parallel, (entry, loop) =>
        {
            if (Stopwatch.GetElapsedTime(started) >= budget)
            {
                loop.Stop();
                return;
            }
            if (entry.DeriveNow(usm.Counters.KeyDerivation, usm.Policies))
                Interlocked.Increment(ref derived);
        });
        return derived;
    }
}
