using System.Collections.Immutable;
using System.Net;

namespace TrapActors;

/// <summary>
/// Bind every endpoint of trap-actors.listener.endpoints and start receiving; needed only with
/// trap-actors.auto-activate = off, or after <see cref="Deactivate"/>. Every <see cref="Subscribe"/> sent before it is in
/// force before anything is bound. Replies <see cref="BoundEndpoints"/> once each endpoint bound or failed (at once
/// when already active).
/// </summary>
public sealed record Activate : ITrapReceiverCommand
{
    /// <summary>The one instance.</summary>
    public static readonly Activate Instance = new();
    private Activate() { }
}

/// <summary>
/// Unbind every endpoint (each publishes <see cref="TrapListenerUnbound"/>); subscriptions and USM users stay.
/// Replies <see cref="Deactivated"/> once every listener has stopped. Coordinated shutdown sends it in its
/// service-unbind phase.
/// </summary>
public sealed record Deactivate : ITrapReceiverCommand
{
    /// <summary>The one instance.</summary>
    public static readonly Deactivate Instance = new();
    private Deactivate() { }
}

/// <summary>The reply to <see cref="Deactivate"/>: no endpoint is bound any more.</summary>
public sealed record Deactivated
{
    /// <summary>The one instance.</summary>
    public static readonly Deactivated Instance = new();
    private Deactivated() { }
}

/// <summary>
/// Pause (false) or resume (true) reading datagrams without unbinding (trap-actors.listener.accept-data at start).
/// While paused, datagrams wait in the sockets' receive buffers; what overflows them is counted as
/// <see cref="TrapReceiverStats.SocketBufferDrops"/>. Replies <see cref="AcceptDataSet"/> once every listener has switched.
/// </summary>
/// <param name="Accept">True to read, false to pause.</param>
public sealed record SetAcceptData(bool Accept) : ITrapReceiverCommand;

/// <summary>The reply to <see cref="SetAcceptData"/>.</summary>
/// <param name="Accept">Whether the listeners now read datagrams.</param>
public sealed record AcceptDataSet(bool Accept);

/// <summary>Which endpoints are bound now. Replies <see cref="BoundEndpoints"/>.</summary>
public sealed record GetBoundEndpoints : ITrapReceiverCommand
{
    /// <summary>The one instance.</summary>
    public static readonly GetBoundEndpoints Instance = new();
    private GetBoundEndpoints() { }
}

/// <summary>A bound endpoint: its configured form and the real local address and port.</summary>
/// <param name="Configured">The endpoint as configured, TRANSPORT:HOST:PORT (e.g. "udp:0.0.0.0:162").</param>
/// <param name="Transport">"udp", or "dtls" for SNMP over DTLS (RFC 6353).</param>
/// <param name="LocalEndPoint">The address and port bound; with port 0 configured, the ephemeral port the system chose.</param>
public sealed record BoundEndpoint(string Configured, string Transport, IPEndPoint LocalEndPoint)
{
    /// <summary>
    /// The socket's receive buffer in bytes as the kernel granted it (0: unknown). It can be smaller than
    /// listener.receive-buffer-size: Linux caps the request at net.core.rmem_max unless the process has CAP_NET_ADMIN.
    /// Linux reports twice the granted size for its bookkeeping; this is the granted size.
    /// </summary>
    public int ReceiveBufferSize { get; init; }
}

/// <summary>The reply to <see cref="Activate"/> and <see cref="GetBoundEndpoints"/>.</summary>
/// <param name="Endpoints">The endpoints bound and receiving.</param>
/// <param name="Failures">The endpoints that could not be bound, with the reason (also published on the EventStream).</param>
public sealed record BoundEndpoints(ImmutableArray<BoundEndpoint> Endpoints, ImmutableArray<TrapListenerBindFailed> Failures)
{
    /// <summary>True when no endpoint failed to bind.</summary>
    public bool AllBound => Failures.IsEmpty;
}
