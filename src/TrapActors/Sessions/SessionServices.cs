using TrapActors.Diagnostics;
using TrapActors.Security;
using TrapActors.Subscriptions;

namespace TrapActors.Sessions;

/// <summary>What a session uses: the settings, where it reports, the security step's shared state and the delivery to subscribers.</summary>
internal sealed record SessionServices(
    TrapReceiverSettings Settings,
    ReceiverDiagnostics Diagnostics,
    SecurityServices Security,
    NotificationDelivery Delivery);
