using System.Collections.Immutable;

namespace TrapActors.Cluster.UsmReplication;

/// <summary>
/// Adds or replaces <paramref name="User"/> on every receiver node, like <see cref="AddUsmUser"/> cluster-wide; send it to
/// the actor <see cref="UsmUserReplication.Start"/> returns.
/// Replies <see cref="UsmUserReplicated"/> once a majority of the replicating nodes hold it, or
/// <see cref="UsmReplicationIncomplete"/> when that took longer than the write timeout.
/// </summary>
/// <param name="User">The user, with its secrets (they travel in the DistributedData gossip: enable Akka.Remote TLS).</param>
public sealed record ReplicateAddUser(UsmUser User);

/// <summary>
/// Removes the user <paramref name="Name"/> of one engine (empty or default: the any-engine user) from every receiver
/// node. Replies <see cref="UsmUserRemovalReplicated"/> or <see cref="UsmReplicationIncomplete"/>.
/// </summary>
/// <param name="Name">The user's name.</param>
/// <param name="EngineId">The engine the user belongs to; empty or default for the any-engine user.</param>
public sealed record ReplicateRemoveUser(string Name, ImmutableArray<byte> EngineId = default);

/// <summary>The user is in the replicated table of a majority of the nodes; every node's receiver applies it as it learns of it.</summary>
/// <param name="Name">The user's name.</param>
/// <param name="EngineId">The engine the user belongs to; empty for any engine.</param>
public sealed record UsmUserReplicated(string Name, ImmutableArray<byte> EngineId);

/// <summary>The removal is in the replicated table of a majority of the nodes.</summary>
/// <param name="Name">The user's name.</param>
/// <param name="EngineId">The engine the user belonged to; empty for any engine.</param>
public sealed record UsmUserRemovalReplicated(string Name, ImmutableArray<byte> EngineId);

/// <summary>
/// The change was written on this node but not confirmed by a majority in time (<paramref name="Reason"/>): it still
/// spreads to the other nodes by gossip; nothing is rolled back.
/// </summary>
/// <param name="Name">The user's name.</param>
/// <param name="EngineId">The engine, as given.</param>
/// <param name="Reason">Why, in words (e.g. the write timed out).</param>
public sealed record UsmReplicationIncomplete(string Name, ImmutableArray<byte> EngineId, string Reason);
