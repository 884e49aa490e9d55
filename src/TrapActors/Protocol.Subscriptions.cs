using Akka.Actor;

namespace TrapActors;

/// <summary>
/// Subscribe <paramref name="Subscriber"/> to the notifications <paramref name="Filter"/> selects; a second Subscribe for
/// the same actor replaces its filter and queue. Send it to <see cref="TrapReceiverExtension.Receiver"/> (with Akka.Hosting,
/// <c>IRequiredActor&lt;TrapReceiver&gt;</c>); the sender gets <see cref="Subscribed"/> (none when sent without a sender).
/// The subscriber then receives <see cref="TrapReceived"/> and <see cref="InformReceived"/> messages; it is watched and
/// unsubscribed when it stops.
/// </summary>
/// <param name="Subscriber">The actor that receives the notifications; it may be on another node (the messages then need <see cref="Serialization.TrapActorsSerialization"/>).</param>
/// <param name="Filter">Which notifications it receives; <see cref="TrapFilter.All"/> for every one.</param>
public sealed record Subscribe(IActorRef Subscriber, TrapFilter Filter) : ITrapReceiverCommand
{
    /// <summary>Subscribe <paramref name="subscriber"/> to every notification (<see cref="TrapFilter.All"/>).</summary>
    public Subscribe(IActorRef subscriber) : this(subscriber, TrapFilter.All) { }

    /// <summary>The subscriber's queue and overflow policy; null: the receiver's subscribers.* settings.</summary>
    public SubscriberQueue? Queue { get; init; }
}

/// <summary>What happens to a notification for a subscriber whose queue is full (trap-actors.subscribers.overflow).</summary>
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
/// <param name="Capacity">Most notifications waiting for the subscriber (trap-actors.subscribers.queue-capacity).</param>
/// <param name="Overflow">What happens to a notification beyond it.</param>
public sealed record SubscriberQueue(int Capacity, SubscriberOverflow Overflow)
{
    /// <summary>The defaults of trap-actors.subscribers: 10000 notifications, then drop the newest.</summary>
    public static readonly SubscriberQueue Default = new(10_000, SubscriberOverflow.DropNewest);
}

/// <summary>The reply to <see cref="Subscribe"/>: the subscription is in force for the notifications handled from now on.</summary>
/// <param name="Subscriber">The subscribed actor.</param>
/// <param name="Filter">The filter now in force for it.</param>
public sealed record Subscribed(IActorRef Subscriber, TrapFilter Filter);

/// <summary>
/// Stop delivering to <paramref name="Subscriber"/>; send it to <see cref="TrapReceiverExtension.Receiver"/>. Replies
/// <see cref="Unsubscribed"/>. A subscriber that stops is removed without this.
/// </summary>
/// <param name="Subscriber">The actor to unsubscribe.</param>
public sealed record Unsubscribe(IActorRef Subscriber) : ITrapReceiverCommand;

/// <summary>The reply to <see cref="Unsubscribe"/>: the subscription is gone (a notification already on its way may still arrive).</summary>
/// <param name="Subscriber">The actor that was unsubscribed (also when it was not subscribed).</param>
public sealed record Unsubscribed(IActorRef Subscriber);
