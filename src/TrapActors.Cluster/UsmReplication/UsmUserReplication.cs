using Akka.Actor;
using Akka.Configuration;
using Akka.DistributedData;

namespace TrapActors.Cluster.UsmReplication;

/// <summary>
/// The USM user table replicated to every receiver node with Akka.DistributedData: a user added on one node
/// (<see cref="ReplicateAddUser"/> to the actor <see cref="Start"/> returns) is applied to the receiver of every node
/// that runs the replication, including nodes that join later.
/// <para>
/// Security: the table travels in DistributedData gossip with the secrets (passwords or keys) in clear inside
/// Akka.Remote messages. Enable TLS on Akka.Remote for every node (Akka.NET 1.5, DotNetty transport):
/// <c>akka.remote.dot-netty.tcp.enable-ssl = true</c> and
/// <c>akka.remote.dot-netty.tcp.ssl.certificate { path, password }</c> (a PKCS#12 file), or
/// <c>ssl.certificate { use-thumbprint-over-file = true, thumbprint, store-name, store-location }</c>;
/// keep <c>ssl.suppress-validation = false</c> and <c>ssl.require-mutual-authentication = true</c> (the defaults).
/// With <c>akka.cluster.distributed-data.role</c> set, only the nodes of that role ever hold the secrets.
/// </para>
/// </summary>
public static class UsmUserReplication
{
    /// <summary>The DistributedData key of the table (an LWWDictionary of "name@engine-hex" or "name@*").</summary>
    public const string DataKeyId = "trap-actors-usm-users";

    /// <summary>The name of the replication actor, under /system.</summary>
    public const string ActorName = "trap-actors-usm-replication";

    /// <summary>
    /// Binds the table's values to their serializer (id <see cref="ReplicatedUsmUserSerializer.SerializerId"/>).
    /// <see cref="Start"/> injects it as a configuration fallback; a node whose DistributedData replicator takes part
    /// without calling Start needs it in its own configuration.
    /// </summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString("""
        akka.actor {
          serializers.trap-actors-usm-replication = "TrapActors.Cluster.UsmReplication.ReplicatedUsmUserSerializer, TrapActors.Cluster"
          serialization-bindings {
            "TrapActors.Cluster.UsmReplication.ReplicatedUsmUser, TrapActors.Cluster" = trap-actors-usm-replication
          }
        }
        """);

    /// <summary>
    /// Starts the replication on this node (once per ActorSystem, which must use the cluster provider): the actor that
    /// writes to Akka.DistributedData's replicator and applies the table to <paramref name="receiver"/> (usually
    /// <c>TrapReceiverExtension.Get(system).Receiver</c>). Returns that actor; it takes <see cref="ReplicateAddUser"/>
    /// and <see cref="ReplicateRemoveUser"/>.
    /// <para>
    /// Every node whose replicator takes part (<c>akka.cluster.distributed-data.role</c>, default: all nodes) must call
    /// this: in a cluster with subscriber-only nodes, set that role to the receivers' role (e.g. "receiver") so that
    /// the secrets reach only receiver nodes and a write majority counts only them.
    /// </para>
    /// </summary>
    /// <exception cref="InvalidOperationException">This node does not have the role DistributedData is configured for.</exception>
    public static IActorRef Start(ActorSystem system, IActorRef receiver, UsmReplicationSettings? settings = null)
    {
        var extended = (ExtendedActorSystem)system;
        RegisterSerializer(extended);
        var replicator = DistributedData.Get(system).Replicator;
        if (replicator.Equals(system.DeadLetters))
            throw new InvalidOperationException(
                $"this node has no DistributedData replicator: its roles do not include akka.cluster.distributed-data.role ({system.Settings.Config.GetString("akka.cluster.distributed-data.role")})");
        return extended.SystemActorOf(UsmUserReplicator.Props(replicator, receiver, settings ?? UsmReplicationSettings.Default), ActorName);
    }

    /// <summary>
    /// Injected like Akka's own modules inject theirs (Akka.NET reads serializer bindings from the system's
    /// configuration, so a binding added in code would be lost at the next injection by another module).
    /// </summary>
    private static void RegisterSerializer(ExtendedActorSystem system) => system.Settings.InjectTopLevelFallback(Config);
}
