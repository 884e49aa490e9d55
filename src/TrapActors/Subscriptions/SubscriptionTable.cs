using System.Collections.Immutable;
using Akka.Actor;

namespace TrapActors.Subscriptions;

internal sealed record Subscription(IActorRef Subscriber, TrapFilter Filter);

/// <summary>
/// The current subscriptions as an immutable snapshot: the subscriptions actor is its only writer,
/// sessions read it on every notification without a message hop.
/// </summary>
internal sealed class SubscriptionTable
{
    private volatile Subscription[] _current = [];

    public ImmutableArray<Subscription> Current => ImmutableArray.Create(_current);

    public ReadOnlySpan<Subscription> Snapshot => _current;

    public void Publish(ImmutableArray<Subscription> subscriptions) => _current = subscriptions.ToArray();
}
