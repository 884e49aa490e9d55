using System.Collections.Concurrent;

namespace TrapActors.Security;

/// <summary>
/// Runs deferred key derivations (a megabyte of hashing each) on the thread pool, at most <c>parallelism</c> at once,
/// in the order asked: a storm of first uses neither blocks a session or the security actor nor takes every core from
/// the receive path (decision 0038).
/// </summary>
internal sealed class KeyDerivationQueue(int parallelism)
{
    private readonly ConcurrentQueue<Action> _work = new();
    private int _running;

    /// <summary>Half the cores, at least one: the other half keeps reading the socket.</summary>
    public static int DefaultParallelism => Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Derivations queued and not started yet.</summary>
    public int Queued => _work.Count;

    /// <summary>Runs <paramref name="derive"/> once, on a pool thread, when one of the places is free; it must not throw.</summary>
    public void Enqueue(Action derive)
    {
        _work.Enqueue(derive);
        TryStartWorker();
    }

    private void TryStartWorker()
    {
        while (true)
        {
            var running = Volatile.Read(ref _running);
            if (running >= parallelism || _work.IsEmpty)
                return;
            if (Interlocked.CompareExchange(ref _running, running + 1, running) == running)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static queue => queue.Drain(), this, preferLocal: false);
                return;
            }
        }
    }

    private void Drain()
    {
        while (_work.TryDequeue(out var derive))
            derive();
        Interlocked.Decrement(ref _running);
        // Work queued between the last dequeue and the decrement would otherwise wait for the next Enqueue.
        TryStartWorker();
    }
}
