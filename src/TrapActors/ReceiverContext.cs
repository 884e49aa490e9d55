using Akka.Event;
using TrapActors.Diagnostics;
using TrapActors.Sessions;
using TrapActors.Subscriptions;

namespace TrapActors;

/// <summary>What every actor of one receiver shares: settings, counters, the subscription snapshot and the event stream.</summary>
internal sealed record ReceiverContext(
    TrapReceiverSettings Settings,
    ReceiverCounters Counters,
    SubscriptionTable Subscriptions,
    CommunityAuthorizer Communities,
    TimeProvider TimeProvider,
    EventStream EventStream);
