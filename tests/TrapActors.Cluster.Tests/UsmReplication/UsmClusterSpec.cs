using System.Collections.Immutable;
using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.TestKit;
using TrapActors.Cluster.UsmReplication;
using Xunit;
using Xunit.Abstractions;

namespace TrapActors.Cluster.Tests.UsmReplication;

/// <summary>One cluster node of a test: its ActorSystem, its TrapActors receiver and its USM replication actor.</summary>
public sealed record ReceiverNode(string Name, ActorSystem System, IActorRef Receiver, IActorRef Replication)
{
    public override string ToString() => $"{Name} ({Akka.Cluster.Cluster.Get(System).SelfAddress})";
}

/// <summary>
/// Receiver nodes in one test process: ActorSystems with the cluster provider on 127.0.0.1 (ephemeral ports), each
/// with a receiver listening on udp:127.0.0.1:0 and the USM replication started. Node A is the TestKit's own system.
/// </summary>
public abstract class UsmClusterSpec : Akka.TestKit.Xunit2.TestKit
{
    public const string SystemName = "usm-cluster";

    public const string NodeHocon = """
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        akka.cluster.distributed-data { gossip-interval = 200ms, notify-subscribers-interval = 50ms }
        trap-actors {
          auto-activate = on
          listener.endpoints = ["udp:127.0.0.1:0"]
        }
        """;

    protected static readonly TimeSpan ClusterTimeout = TimeSpan.FromSeconds(20);
    protected static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private readonly List<ActorSystem> _extraSystems = [];
    private bool _seedJoined;

    protected UsmClusterSpec(ITestOutputHelper output)
        : base(NodeConfig(), SystemName, output)
    {
        NodeA = StartReplication("A", Sys);
    }

    protected ReceiverNode NodeA { get; }

    public static Config NodeConfig() => ConfigurationFactory.ParseString(NodeHocon);

    /// <summary>Another node in this process (not yet a cluster member: see <see cref="JoinAsync"/>).</summary>
    protected ReceiverNode StartNode(string name) => StartReplication(name, StartSystem());

    /// <summary>An ActorSystem for another cluster member that runs no replication (nor DistributedData).</summary>
    protected ActorSystem StartSystem()
    {
        var system = ActorSystem.Create(SystemName, NodeConfig());
        _extraSystems.Add(system);
        return system;
    }

    private static ReceiverNode StartReplication(string name, ActorSystem system)
    {
        var receiver = TrapReceiverExtension.Get(system).Receiver;
        return new ReceiverNode(name, system, receiver, UsmUserReplication.Start(system, receiver));
    }

    /// <summary>
    /// Node A joins itself (first time only), the others join A; returns once every given node sees all of them Up.
    /// </summary>
    protected Task JoinAsync(params ReceiverNode[] nodes) => JoinAsync(nodes.Select(n => n.System).ToArray());

    /// <summary>Node A forms a cluster of its own.</summary>
    protected Task JoinAloneAsync() => JoinAsync(Array.Empty<ActorSystem>());

    /// <summary>Like <see cref="JoinAsync(ReceiverNode[])"/>, for systems of any kind.</summary>
    protected async Task JoinAsync(params ActorSystem[] systems)
    {
        var seed = Akka.Cluster.Cluster.Get(NodeA.System).SelfAddress;
        if (!_seedJoined)
        {
            Akka.Cluster.Cluster.Get(NodeA.System).Join(seed);
            _seedJoined = true;
        }
        foreach (var system in systems)
            Akka.Cluster.Cluster.Get(system).Join(seed);
        var all = systems.Append(NodeA.System).Select(s => Akka.Cluster.Cluster.Get(s).SelfAddress).ToHashSet();
        foreach (var system in systems.Append(NodeA.System))
        {
            var cluster = Akka.Cluster.Cluster.Get(system);
            await AwaitAssertAsync(() =>
            {
                var up = cluster.State.Members.Where(m => m.Status == MemberStatus.Up).Select(m => m.Address).ToHashSet();
                Assert.True(all.IsSubsetOf(up), $"{cluster.SelfAddress} sees Up: {string.Join(", ", up)}; expected {string.Join(", ", all)}");
            }, ClusterTimeout, TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Sends <paramref name="command"/> to the node's replication actor and returns its reply.</summary>
    protected async Task<T> ReplicateAsync<T>(ReceiverNode node, object command)
    {
        var probe = CreateTestProbe(node.System);
        node.Replication.Tell(command, probe.Ref);
        var reply = await probe.ReceiveOneAsync(AskTimeout) ?? throw new Xunit.Sdk.XunitException($"no reply from {node} to {command}");
        return Assert.IsType<T>(reply);
    }

    /// <summary>The node's receiver's USM cache entries for <paramref name="user"/> (ShowUsmCache).</summary>
    protected async Task<IReadOnlyList<UsmCacheEntry>> CacheEntriesAsync(ReceiverNode node, string user)
    {
        var probe = CreateTestProbe(node.System);
        node.Receiver.Tell(new ShowUsmCache(user), probe.Ref);
        var entries = new List<UsmCacheEntry>();
        while (true)
        {
            var reply = await probe.ReceiveOneAsync(AskTimeout) ?? throw new Xunit.Sdk.XunitException($"{node}: ShowUsmCache did not finish");
            if (reply is UsmCacheShown shown)
            {
                Assert.Equal(entries.Count, shown.Entries);
                return entries;
            }
            entries.Add(Assert.IsType<UsmCacheEntry>(reply));
        }
    }

    protected static bool HasEngine(UsmCacheEntry entry, ImmutableArray<byte> engineId) =>
        entry.EngineId.AsSpan().SequenceEqual(engineId.IsDefault ? [] : engineId.AsSpan());

    /// <summary>Waits until the node's receiver holds <paramref name="user"/> for <paramref name="engineId"/> (empty: any engine).</summary>
    protected Task AwaitUserAsync(ReceiverNode node, string user, ImmutableArray<byte> engineId) =>
        AwaitAssertAsync(async () =>
        {
            var entries = await CacheEntriesAsync(node, user);
            Assert.True(entries.Any(e => HasEngine(e, engineId)), $"{node} does not hold {user} yet: [{string.Join("; ", entries)}]");
        }, ClusterTimeout, TimeSpan.FromMilliseconds(50));

    /// <summary>Waits until the node's receiver no longer holds <paramref name="user"/> for <paramref name="engineId"/>.</summary>
    protected Task AwaitNoUserAsync(ReceiverNode node, string user, ImmutableArray<byte> engineId) =>
        AwaitAssertAsync(async () =>
        {
            var entries = await CacheEntriesAsync(node, user);
            Assert.False(entries.Any(e => HasEngine(e, engineId)), $"{node} still holds {user}: [{string.Join("; ", entries)}]");
        }, ClusterTimeout, TimeSpan.FromMilliseconds(50));

    /// <summary>The node's bound UDP endpoint.</summary>
    protected async Task<IPEndPoint> EndPointAsync(ReceiverNode node)
    {
        var bound = await node.Receiver.Ask<BoundEndpoints>(Activate.Instance, AskTimeout);
        Assert.True(bound.AllBound, $"bind failures: {string.Join("; ", bound.Failures)}");
        var endpoint = bound.Endpoints.Single().LocalEndPoint;
        Assert.NotEqual(0, endpoint.Port);
        return endpoint;
    }

    /// <summary>A probe in the node's own system subscribed to every notification of its receiver.</summary>
    protected async Task<TestProbe> SubscribeAsync(ReceiverNode node)
    {
        var probe = CreateTestProbe(node.System);
        var reply = await node.Receiver.Ask<Subscribed>(new Subscribe(probe.Ref), AskTimeout);
        Assert.Equal(probe.Ref, reply.Subscriber);
        return probe;
    }

    protected override void AfterAll()
    {
        foreach (var system in _extraSystems)
            Shutdown(system, TimeSpan.FromSeconds(20), verifySystemShutdown: false);
        base.AfterAll();
    }
}
