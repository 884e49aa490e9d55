using Akka.Actor;

namespace TrapActors.Subscriptions;

/// <summary>
/// Delivery to one subscriber through a bounded queue with its overflow policy. The queue is the subscriber's own
/// mailbox, whose length a local actor reports (decision 0012); a drop-oldest outlet also keeps the newest
/// notifications in a ring of its own while the mailbox is full. Called by every session at once: thread-safe.
/// </summary>
internal sealed class SubscriberOutlet : IDisposable
{
    private static readonly TimeSpan PumpInterval = TimeSpan.FromMilliseconds(5);
    private readonly IActorRef _subscriber;
    private readonly ICell? _cell;
    private readonly Queue<object>? _ring;
    private readonly Timer? _pump;
    private long _delivered;
    private long _dropped;
    private bool _pumping;

    public SubscriberOutlet(IActorRef subscriber, SubscriberQueue queue)
    {
        _subscriber = subscriber;
        Queue = queue;
        _cell = (subscriber as ActorRefWithCell)?.Underlying;
        if (queue.Overflow == SubscriberOverflow.DropOldest)
        {
            _ring = new Queue<object>();
            _pump = new Timer(_ => Pump(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public SubscriberQueue Queue { get; }

    /// <summary>Notifications in the subscriber's mailbox (0 for a remote subscriber, whose mailbox is not visible) plus the ring.</summary>
    public int Queued
    {
        get
        {
            if (_ring is null)
                return MailboxLength;
            lock (_ring)
                return MailboxLength + _ring.Count;
        }
    }

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>True while a back-pressure subscriber's mailbox is at its capacity.</summary>
    public bool IsFull => MailboxLength >= Queue.Capacity;

    /// <summary>True when the back-pressure may end: the mailbox is down to half its capacity.</summary>
    public bool HasDrained => MailboxLength <= Queue.Capacity / 2;

    private int MailboxLength => _cell?.NumberOfMessages ?? 0;

    /// <summary>False when the policy dropped the notification for this subscriber.</summary>
    public bool Offer(object envelope)
    {
        switch (Queue.Overflow)
        {
            case SubscriberOverflow.DropNewest when MailboxLength >= Queue.Capacity:
                Interlocked.Increment(ref _dropped);
                return false;
            case SubscriberOverflow.DropOldest:
                OfferDroppingOldest(envelope);
                return true;
            default:   // a back-pressure outlet never drops: the listener stops reading instead (SubscriberBackPressure)
                Send(envelope);
                return true;
        }
    }

    private void Send(object envelope)
    {
        _subscriber.Tell(envelope, ActorRefs.NoSender);
        Interlocked.Increment(ref _delivered);
    }

    private void OfferDroppingOldest(object envelope)
    {
        lock (_ring!)
        {
            if (_ring.Count == 0 && MailboxLength < Queue.Capacity)
            {
                Send(envelope);
                return;
            }
            if (_ring.Count >= Queue.Capacity)
            {
                _ring.Dequeue();
                Interlocked.Increment(ref _dropped);
            }
            _ring.Enqueue(envelope);
            MovePending();
        }
    }

    /// <summary>Under the ring's lock: moves what fits into the mailbox, and keeps the pump running while anything waits.</summary>
    private void MovePending()
    {
        while (_ring!.Count > 0 && MailboxLength < Queue.Capacity)
            Send(_ring.Dequeue());
        var pending = _ring.Count > 0;
        if (pending != _pumping)
        {
            _pumping = pending;
            _pump!.Change(pending ? PumpInterval : Timeout.InfiniteTimeSpan, pending ? PumpInterval : Timeout.InfiniteTimeSpan);
        }
    }

    private void Pump()
    {
        lock (_ring!)
            MovePending();
    }

    /// <summary>The subscription ended: what still waits in the ring is dropped.</summary>
    public void Dispose()
    {
        if (_ring is null)
            return;
        _pump!.Dispose();
        lock (_ring)
        {
            Interlocked.Add(ref _dropped, _ring.Count);
            _ring.Clear();
        }
    }
}
