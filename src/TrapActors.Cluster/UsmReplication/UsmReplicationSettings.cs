namespace TrapActors.Cluster.UsmReplication;

/// <summary>How the USM user table is replicated.</summary>
/// <param name="WriteTimeout">How long a write waits for a majority before answering <see cref="UsmReplicationIncomplete"/> (default 5 s).</param>
public sealed record UsmReplicationSettings(TimeSpan? WriteTimeout = null)
{
    /// <summary>A 5-second write timeout.</summary>
    public static readonly UsmReplicationSettings Default = new();

    /// <summary><see cref="WriteTimeout"/>, or 5 seconds when it is null.</summary>
    public TimeSpan EffectiveWriteTimeout => WriteTimeout ?? TimeSpan.FromSeconds(5);
}
