using System.Collections.Immutable;
using Akka.Actor;

namespace TrapActors.Subscriptions;

internal sealed record Subscription(IActorRef Subscriber, TrapFilter Filter, SubscriberOutlet Outlet);

/// <summary>
/// The current subscriptions as an immutable snapshot: the subscriptions actor is its only writer,
/// sessions read it on every notification without a message hop. It also holds the back-pressure flag that
/// back-pressure subscribers raise and the listeners' receive threads wait on.
/// </summary>
internal sealed class SubscriptionTable
{
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(1);
    private volatile Subscription[] _current = [];
    private volatile bool _backPressured;

    public ImmutableArray<Subscription> Current => ImmutableArray.Create(_current);

    public ReadOnlySpan<Subscription> Snapshot => _current;

    public void Publish(ImmutableArray<Subscription> subscriptions) => _current = subscriptions.ToArray();

    /// <summary>A back-pressure subscriber's mailbox reached its capacity: the listeners stop reading.</summary>
    public void RaiseBackPressure() => _backPressured = true;

    /// <summary>
    /// On a receive thread: waits while back-pressure is raised, until every back-pressure subscriber is down to half
    /// its capacity (polled: a mailbox tells no one when it drains) or <paramref name="closed"/> says stop.
    /// </summary>
    public void WaitWhileBackPressured(Func<bool> closed)
    {
        while (_backPressured && !closed())
        {
            if (AllBackPressureSubscribersDrained())
            {
                _backPressured = false;
                return;
            }
            Thread.Sleep(DrainPoll);
        }
    }

    private bool AllBackPressureSubscribersDrained()
    {
        foreach (var subscription in _current)
        {
            if (subscription.Outlet.Queue.Overflow == SubscriberOverflow.BackPressure && !subscription.Outlet.HasDrained)
                return false;
        }
        return true;
    }

    public ImmutableArray<SubscriberStats> Stats()
    {
        var current = _current;
        var stats = ImmutableArray.CreateBuilder<SubscriberStats>(current.Length);
        foreach (var s in current)
            stats.Add(new SubscriberStats(s.Subscriber, s.Outlet.Queue, s.Outlet.Delivered, s.Outlet.Dropped, s.Outlet.Queued));
        return stats.MoveToImmutable();
    }
}
