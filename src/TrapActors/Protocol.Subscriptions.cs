using Akka.Actor;

namespace TrapActors;

/// <summary>Subscribe <paramref name="Subscriber"/> to the notifications <paramref name="Filter"/> selects; replaces an earlier filter. Replies <see cref="Subscribed"/>.</summary>
public sealed record Subscribe(IActorRef Subscriber, TrapFilter Filter) : ITrapReceiverCommand
{
    public Subscribe(IActorRef subscriber) : this(subscriber, TrapFilter.All) { }

    /// <summary>The subscriber's queue and overflow policy; null: the receiver's subscribers.* settings.</summary>
    public SubscriberQueue? Queue { get; init; }
}

/// <summary>What happens to a notification for a subscriber whose queue is full.</summary>
public enum SubscriberOverflow
{
    /// <summary>The new notification is dropped for this subscriber (counted); what is queued is kept, in order.</summary>
    DropNewest,
    /// <summary>The oldest notification not yet in the subscriber's mailbox is dropped (counted), so the newest are kept.</summary>
    DropOldest,
    /// <summary>
    /// Nothing is dropped: the listeners stop reading until the subscriber has worked its queue down to half, so a
    /// storm waits in the socket receive buffer (and what overflows it is counted as SocketBufferDrops). Every other
    /// subscriber waits too: for subscribers that want no loss.
    /// </summary>
    BackPressure,
}

/// <summary>
/// A subscriber's bounded queue: at most <paramref name="Capacity"/> notifications wait in its mailbox, then
/// <paramref name="Overflow"/> applies. Only local subscribers have a visible mailbox; a remote one is not bounded here.
/// </summary>
public sealed record SubscriberQueue(int Capacity, SubscriberOverflow Overflow)
{
    public static readonly SubscriberQueue Default = new(10_000, SubscriberOverflow.DropNewest);
}

public sealed record Subscribed(IActorRef Subscriber, TrapFilter Filter);

/// <summary>Stop delivering to <paramref name="Subscriber"/>. Replies <see cref="Unsubscribed"/>. A subscriber that dies is removed without this.</summary>
public sealed record Unsubscribe(IActorRef Subscriber) : ITrapReceiverCommand;

public sealed record Unsubscribed(IActorRef Subscriber);
