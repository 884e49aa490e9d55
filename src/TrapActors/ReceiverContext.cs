using Akka.Event;
using TrapActors.Security;
using TrapActors.Diagnostics;
using TrapActors.Sessions;
using TrapActors.Subscriptions;

namespace TrapActors;

/// <summary>What every actor of one receiver shares: settings, counters, the subscription snapshot, USM state and the event stream.</summary>
internal sealed record ReceiverContext(
    TrapReceiverSettings Settings,
    ReceiverCounters Counters,
    SubscriptionTable Subscriptions,
    CommunityAuthorizer Communities,
    TimeProvider TimeProvider,
    EventStream EventStream,
    UsmRuntime Usm,
    UsmProcessor UsmProcessor);
