using System.Collections.Immutable;
using Akka.Actor;

namespace TrapActors.Subscriptions;

internal sealed record Subscription(IActorRef Subscriber, TrapFilter Filter, SubscriberOutlet Outlet);

/// <summary>
/// The current subscriptions as an immutable snapshot: the subscriptions actor is its only writer,
/// sessions read it on every notification without a message hop.
/// </summary>
internal sealed class SubscriptionTable
{
    private volatile SubscriptionIndex _index = SubscriptionIndex.Empty;

    public ImmutableArray<Subscription> Current => ImmutableArray.Create(_index.Subscriptions);

    public ReadOnlySpan<Subscription> Snapshot => _index.Subscriptions;

    /// <summary>The snapshot indexed by trap-OID prefix, built once per <see cref="Publish"/>.</summary>
    public SubscriptionIndex Index => _index;

    public void Publish(ImmutableArray<Subscription> subscriptions) => _index = new SubscriptionIndex(subscriptions.ToArray());

    /// <summary>True when every back-pressure subscriber's mailbox is down to half its capacity.</summary>
    public bool BackPressureSubscribersDrained()
    {
        foreach (var subscription in _index.Subscriptions)
        {
            if (subscription.Outlet.Queue.Overflow == SubscriberOverflow.BackPressure && !subscription.Outlet.HasDrained)
                return false;
        }
        return true;
    }

    public ImmutableArray<SubscriberStats> Stats()
    {
        var current = _index.Subscriptions;
        var stats = ImmutableArray.CreateBuilder<SubscriberStats>(current.Length);
        foreach (var s in current)
            stats.Add(new SubscriberStats(s.Subscriber, s.Outlet.Queue, s.Outlet.Delivered, s.Outlet.Dropped, s.Outlet.Queued));
        return stats.MoveToImmutable();
    }
}
