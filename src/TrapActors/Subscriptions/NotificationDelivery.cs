using TrapActors.Transport;

namespace TrapActors.Subscriptions;

/// <summary>What became of a notification offered to the subscribers.</summary>
internal enum DeliveryOutcome
{
    /// <summary>At least one subscriber's queue took it.</summary>
    Delivered,

    /// <summary>No subscriber's filter selects it.</summary>
    NoSubscriber,

    /// <summary>Every subscriber that selects it dropped it (drop-newest at capacity).</summary>
    QueueFull,
}

/// <summary>
/// Offers notifications to every subscriber whose filter selects them, each through its bounded queue, reading the
/// subscriptions from the immutable snapshot without a message hop. A back-pressure subscriber at capacity closes the
/// <see cref="IngressThrottle"/>; it opens again once every back-pressure subscriber is down to half its capacity.
/// Called by every session at once: thread-safe.
/// </summary>
internal sealed class NotificationDelivery
{
    /// <summary>A mailbox tells no one when it drains: while the throttle is closed, it is looked at this often.</summary>
    private static readonly TimeSpan DrainCheckInterval = TimeSpan.FromMilliseconds(1);

    private readonly SubscriptionTable _subscriptions;
    private readonly IngressThrottle _throttle;
    private readonly Timer _drainCheck;
    private bool _watching;   // under the timer's lock

    public NotificationDelivery(SubscriptionTable subscriptions, IngressThrottle throttle)
    {
        _subscriptions = subscriptions;
        _throttle = throttle;
        _drainCheck = new Timer(_ => CheckDrained(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public DeliveryOutcome Offer(TrapReceived trap) => Offer(trap.Notification, trap);

    public DeliveryOutcome Offer(InformReceived inform) => Offer(inform.Notification, inform);

    private DeliveryOutcome Offer(SnmpNotification notification, object envelope)
    {
        var matched = false;
        var delivered = false;
        foreach (var subscription in _subscriptions.Snapshot)
        {
            if (!subscription.Filter.Matches(notification))
                continue;
            matched = true;
            var outlet = subscription.Outlet;
            if (!outlet.Offer(envelope))
                continue;
            delivered = true;
            if (outlet.Queue.Overflow == SubscriberOverflow.BackPressure && outlet.IsFull)
                ThrottleIngress();
        }
        return delivered ? DeliveryOutcome.Delivered : matched ? DeliveryOutcome.QueueFull : DeliveryOutcome.NoSubscriber;
    }

    private void ThrottleIngress()
    {
        lock (_drainCheck)
        {
            _throttle.Close();
            if (_watching)
                return;
            _watching = true;
            _drainCheck.Change(DrainCheckInterval, DrainCheckInterval);
        }
    }

    private void CheckDrained()
    {
        if (!_subscriptions.BackPressureSubscribersDrained())
            return;
        lock (_drainCheck)
        {
            _watching = false;
            _drainCheck.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _throttle.Open();
        }
    }
}
