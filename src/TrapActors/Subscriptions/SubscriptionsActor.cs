using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;

namespace TrapActors.Subscriptions;

/// <summary>A barrier: answered with <see cref="SubscriptionsSynced"/> once every earlier Subscribe is in the table.</summary>
internal sealed record SyncSubscriptions : INoSerializationVerificationNeeded
{
    public static readonly SyncSubscriptions Instance = new();
}

internal sealed record SubscriptionsSynced : INoSerializationVerificationNeeded
{
    public static readonly SubscriptionsSynced Instance = new();
}

/// <summary>
/// The single writer of the <see cref="SubscriptionTable"/>: adds, replaces and removes subscriptions,
/// and removes a subscriber when it dies.
/// </summary>
internal sealed class SubscriptionsActor : ReceiveActor
{
    private readonly SubscriptionTable _table;
    private readonly SubscriberQueue _defaultQueue;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ImmutableArray<Subscription> _subscriptions = [];

    public SubscriptionsActor(SubscriptionTable table, SubscriberQueue defaultQueue)
    {
        _table = table;
        _defaultQueue = defaultQueue;
        Receive<Subscribe>(HandleSubscribe);
        Receive<Unsubscribe>(HandleUnsubscribe);
        Receive<Terminated>(HandleTerminated);
        Receive<SyncSubscriptions>(_ => Sender.Tell(SubscriptionsSynced.Instance));
    }

    public static Props Props(SubscriptionTable table, SubscriberQueue defaultQueue) =>
        Akka.Actor.Props.Create(() => new SubscriptionsActor(table, defaultQueue));

    /// <summary>Subscriptions survive a restart: they are re-read from the table, and every subscriber is watched again.</summary>
    protected override void PreStart()
    {
        _subscriptions = _table.Current;
        foreach (var subscription in _subscriptions)
            Context.Watch(subscription.Subscriber);
    }

    private void HandleSubscribe(Subscribe msg)
    {
        Context.Watch(msg.Subscriber);
        var queue = msg.Queue ?? _defaultQueue;
        Publish(Without(msg.Subscriber).Add(new Subscription(msg.Subscriber, msg.Filter, new SubscriberOutlet(msg.Subscriber, queue))));
        _log.Debug("Subscribed {0} with {1}, {2}", msg.Subscriber.Path, msg.Filter, queue);
        Reply(new Subscribed(msg.Subscriber, msg.Filter));
    }

    private void HandleUnsubscribe(Unsubscribe msg)
    {
        Context.Unwatch(msg.Subscriber);
        Publish(Without(msg.Subscriber));
        Reply(new Unsubscribed(msg.Subscriber));
    }

    private void HandleTerminated(Terminated msg)
    {
        _log.Debug("Subscriber {0} terminated; removing its subscription", msg.ActorRef.Path);
        Publish(Without(msg.ActorRef));
    }

    /// <summary>Fire-and-forget subscriptions (no sender) get no reply, rather than a dead letter.</summary>
    private void Reply(object message)
    {
        if (!Sender.IsNobody() && !Sender.Equals(Context.System.DeadLetters))
            Sender.Tell(message);
    }

    /// <summary>The subscriber's old outlet, if any, is closed: sessions that still hold it deliver through it once more at most.</summary>
    private ImmutableArray<Subscription> Without(IActorRef subscriber)
    {
        foreach (var old in _subscriptions)
        {
            if (old.Subscriber.Equals(subscriber))
                old.Outlet.Dispose();
        }
        return _subscriptions.RemoveAll(s => s.Subscriber.Equals(subscriber));
    }

    private void Publish(ImmutableArray<Subscription> subscriptions)
    {
        _subscriptions = subscriptions;
        _table.Publish(subscriptions);
    }
}
