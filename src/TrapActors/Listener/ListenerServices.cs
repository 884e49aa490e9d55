using TrapActors.Diagnostics;
using TrapActors.Transport;

namespace TrapActors.Listener;

/// <summary>
/// What a listener uses: the settings, where it reports, the receiver's back-pressure throttle, the clock that stamps
/// datagrams, and the factory of the sessions it routes to.
/// </summary>
internal sealed record ListenerServices(
    TrapReceiverSettings Settings,
    ReceiverDiagnostics Diagnostics,
    IngressThrottle Throttle,
    TimeProvider TimeProvider,
    SessionFactory Sessions)
{
    /// <summary>Run by a UDP listener before it binds (listener.warm-up, decision 0039); says what it did, for the log. Null: none.</summary>
    public Func<string>? WarmUp { get; init; }
}
