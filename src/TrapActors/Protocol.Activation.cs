using System.Collections.Immutable;
using System.Net;

namespace TrapActors;

/// <summary>Bind every configured endpoint (the reference's activate). Replies <see cref="BoundEndpoints"/> once each bound or failed.</summary>
public sealed record Activate : ITrapReceiverCommand
{
    public static readonly Activate Instance = new();
    private Activate() { }
}

/// <summary>Unbind every endpoint (the reference's deactivate). Replies <see cref="Deactivated"/>.</summary>
public sealed record Deactivate : ITrapReceiverCommand
{
    public static readonly Deactivate Instance = new();
    private Deactivate() { }
}

public sealed record Deactivated
{
    public static readonly Deactivated Instance = new();
    private Deactivated() { }
}

/// <summary>Pause (false) or resume (true) reading datagrams without unbinding (the reference's accept_data). Replies <see cref="AcceptDataSet"/>.</summary>
public sealed record SetAcceptData(bool Accept) : ITrapReceiverCommand;

public sealed record AcceptDataSet(bool Accept);

/// <summary>Which endpoints are bound now. Replies <see cref="BoundEndpoints"/>.</summary>
public sealed record GetBoundEndpoints : ITrapReceiverCommand
{
    public static readonly GetBoundEndpoints Instance = new();
    private GetBoundEndpoints() { }
}

/// <summary>A bound endpoint: its configured form and the real local address and port.</summary>
public sealed record BoundEndpoint(string Configured, string Transport, IPEndPoint LocalEndPoint);

public sealed record BoundEndpoints(ImmutableArray<BoundEndpoint> Endpoints, ImmutableArray<TrapListenerBindFailed> Failures)
{
    public bool AllBound => Failures.IsEmpty;
}
