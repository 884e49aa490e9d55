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
    UsmProcessor UsmProcessor)
{
    /// <summary>PacketTraced and BadPacketReceived events (events.max-per-second).</summary>
    public RateLimit Events { get; } = new(Settings.Events.MaxPerSecond);

    /// <summary>The application's DTLS client-authentication policy (TrapReceiverSetup).</summary>
    public Func<DtlsClientCertificate, bool>? DtlsClientAuthentication { get; init; }

    /// <summary>The DTLS server identity given in memory (TrapReceiverSetup), if any.</summary>
    public DtlsServerIdentity? DtlsServerIdentity { get; init; }

    /// <summary>The DTLS listeners' counters.</summary>
    public Dtls.DtlsCounters Dtls { get; } = new();

    /// <summary>The access rules by trap-OID subtree, sender and security level (trap-actors.access).</summary>
    public NotificationAccess Access { get; } = NotificationAccess.FromSettings(Settings.Access);

    /// <summary>Log lines about dropped datagrams (events.max-log-lines-per-second).</summary>
    public RateLimit LogLines { get; } = new(Settings.Events.MaxLogLinesPerSecond);
}
