using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace TrapActors.Sessions;

/// <summary>
/// An unbounded mailbox queue that costs one small object while empty (decision 0040). Akka's default queue is a
/// ConcurrentQueue whose first segment (32 slots, padded head and tail) takes over 1 KB per actor, the largest part of
/// a session's memory; most sessions hold nothing most of the time, or one message. Here one message waits in a field
/// of the queue; only a second one makes a ring, which starts at <see cref="FirstCapacity"/> slots, doubles as needed,
/// and is let go when the queue empties from beyond <see cref="KeptCapacity"/>. Any thread may enqueue (the listener, subscribers, the scheduler); the mailbox dequeues
/// on one thread at a time. A lock on the queue itself (a thin lock in its header, no extra object; nothing else
/// locks it) guards the ring: it is held for a few instructions and, in practice, by at most two threads.
/// </summary>
internal sealed class CompactMessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
{
    /// <summary>Slots of a ring allocated for an empty queue.</summary>
    public const int FirstCapacity = 2;

    /// <summary>A ring this large or smaller is kept when the queue empties; a larger one is let go.</summary>
    public const int KeptCapacity = 32;

    private Envelope _single;   // the one message of a queue without a ring
    private Envelope[]? _ring;
    private int _head;
    private int _count;

    /// <summary>
    /// Read without the lock: the mailbox re-checks it after marking itself idle, and an enqueuer schedules the
    /// mailbox after its enqueue; both steps are full fences, so one of them sees the other (as with ConcurrentQueue).
    /// </summary>
    public bool HasMessages => Volatile.Read(ref _count) > 0;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Slots of the ring allocated now (0: none, one message at most); for tests.</summary>
    public int Capacity
    {
        get
        {
            lock (this)
                return _ring?.Length ?? 0;
        }
    }

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        lock (this)
        {
            var ring = _ring;
            if (ring is null)
            {
                if (_count == 0)
                {
                    _single = envelope;
                    Volatile.Write(ref _count, 1);
                    return;
                }
                _ring = ring = new Envelope[FirstCapacity];
                ring[0] = _single;
                _single = default;
                _head = 0;
            }
            else if (_count == ring.Length)
            {
                ring = Grow(ring);
            }
            ring[(_head + _count) & (ring.Length - 1)] = envelope;
            Volatile.Write(ref _count, _count + 1);
        }
    }

    public bool TryDequeue(out Envelope envelope)
    {
        lock (this)
        {
            if (_count == 0)
            {
                envelope = default;
                return false;
            }
            var ring = _ring;
            if (ring is null)
            {
                envelope = _single;
                _single = default;
                Volatile.Write(ref _count, 0);
                return true;
            }
            envelope = ring[_head];
            ring[_head] = default;   // the message is the actor's now, not the queue's
            _head = (_head + 1) & (ring.Length - 1);
            Volatile.Write(ref _count, _count - 1);
            if (_count == 0)
            {
                _head = 0;
                if (ring.Length > KeptCapacity)
                    _ring = null;
            }
            return true;
        }
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope))
            deadletters.Enqueue(owner, envelope);
    }

    /// <summary>Twice the slots, the queued envelopes moved to the front in order.</summary>
    private Envelope[] Grow(Envelope[] ring)
    {
        var grown = new Envelope[ring.Length * 2];
        for (var i = 0; i < _count; i++)
            grown[i] = ring[(_head + i) & (ring.Length - 1)];
        _head = 0;
        _ring = grown;
        return grown;
    }
}
