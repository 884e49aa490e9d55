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
/// subscriptions from the immutable snapshot without a message hop; only the candidates its trap-OID index yields are
/// checked, in subscription order. A back-pressure subscriber at capacity closes the
/// <see cref="IngressThrottle"/> until every back-pressure subscriber is down to half its capacity.
/// Called by every session at once: thread-safe.
/// </summary>
internal sealed class NotificationDelivery(SubscriptionTable subscriptions, IngressThrottle throttle)
{
    private readonly Func<bool> _drained = subscriptions.BackPressureSubscribersDrained;

    public DeliveryOutcome Offer(TrapReceived trap) => Offer(trap.Notification, trap);

    public DeliveryOutcome Offer(InformReceived inform) => Offer(inform.Notification, inform);

    private DeliveryOutcome Offer(SnmpNotification notification, object envelope)
    {
        var matched = false;
        var delivered = false;
        foreach (var subscription in subscriptions.Index.CandidatesFor(notification.TrapOid))
        {
            if (!subscription.Filter.Matches(notification))
                continue;
            matched = true;
            var outlet = subscription.Outlet;
            if (!outlet.Offer(envelope))
                continue;
            delivered = true;
            if (outlet.Queue.Overflow == SubscriberOverflow.BackPressure && outlet.IsFull)
                throttle.Close(_drained);
        }
        return delivered ? DeliveryOutcome.Delivered : matched ? DeliveryOutcome.QueueFull : DeliveryOutcome.NoSubscriber;
    }
}
