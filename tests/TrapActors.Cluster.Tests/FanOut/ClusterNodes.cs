using System.Net;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using TrapActors.Snmp.Messages;
using Xunit;

namespace TrapActors.Cluster.Tests.FanOut;

/// <summary>
/// Several ActorSystems in one test process forming an Akka.NET cluster on 127.0.0.1 (ephemeral ports): node 0 runs the
/// receiver and publishes to the cluster; the others are subscriber nodes. Each node has a TestKit for its probes.
/// </summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    public const string Hocon = """
        akka {
          loglevel = WARNING
          stdout-loglevel = WARNING
          actor.provider = cluster
          remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
          cluster {
            pub-sub { gossip-interval = 200ms, routing-logic = round-robin }
            gossip-interval = 200ms
            leader-actions-interval = 200ms
          }
          coordinated-shutdown.exit-clr = off
        }
        trap-actors {
          listener.endpoints = ["udp:127.0.0.1:0"]
          community.accepted = ["public"]
        }
        """;

    private readonly List<Akka.TestKit.Xunit2.TestKit> _kits = [];

    private ClusterNodes()
    {
    }

    public IReadOnlyList<Akka.TestKit.Xunit2.TestKit> Nodes => _kits;

    public Akka.TestKit.Xunit2.TestKit Receiver => _kits[0];

    /// <summary>Starts <paramref name="count"/> nodes, node 0 with <paramref name="receiverHocon"/> on top, and waits until all are Up.</summary>
    public static Task<ClusterNodes> StartAsync(int count, string receiverHocon = "") =>
        StartAsync(count, i => i == 0 ? receiverHocon : "");

    /// <summary>Starts <paramref name="count"/> nodes, each with its own HOCON and receiver setup on top.</summary>
    public static async Task<ClusterNodes> StartAsync(int count, Func<int, string> hoconFor, Func<int, TrapReceiverSetup?>? setupFor = null)
    {
        var nodes = new ClusterNodes();
        for (var i = 0; i < count; i++)
        {
            var config = ConfigurationFactory.ParseString(hoconFor(i))
                .WithFallback(ConfigurationFactory.ParseString(Hocon))
                .WithFallback(Serialization.TrapActorsSerialization.Config);
            var setup = Akka.Actor.Setup.ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config));
            if (setupFor?.Invoke(i) is { } receiverSetup)
                setup = setup.And(receiverSetup);
            nodes._kits.Add(new Akka.TestKit.Xunit2.TestKit(ActorSystem.Create("trap-cluster", setup)));
        }
        var first = Akka.Cluster.Cluster.Get(nodes._kits[0].Sys);
        foreach (var kit in nodes._kits)
            Akka.Cluster.Cluster.Get(kit.Sys).Join(first.SelfAddress);
        await nodes.Receiver.AwaitAssertAsync(() =>
            Assert.Equal(count, first.State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up)), TimeSpan.FromSeconds(20));
        return nodes;
    }

    /// <summary>Activates node <paramref name="node"/>'s receiver and starts publishing; returns its UDP endpoint.</summary>
    public async Task<IPEndPoint> StartReceiverAsync(int node = 0)
    {
        var system = _kits[node].Sys;
        var bound = await TrapReceiverExtension.Get(system).Receiver.Ask<BoundEndpoints>(Activate.Instance, TimeSpan.FromSeconds(10));
        Assert.True(bound.AllBound, string.Join("; ", bound.Failures));
        TrapActorsCluster.Get(system).StartPublishing();
        return bound.Endpoints[0].LocalEndPoint;
    }

    /// <summary>
    /// Gossip makes a new subscription known to the receiver node within a few intervals: publish synthetic warm-up
    /// notifications from node 0 until every given probe got one, then drain the probes.
    /// </summary>
    public async Task AwaitSubscribedAsync(params TestProbe[] probes)
    {
        var mediator = TrapActorsCluster.Get(Receiver.Sys).Mediator;
        var topic = TrapActorsCluster.Get(Receiver.Sys).Settings.Topic;
        foreach (var probe in probes)
        {
            // One probe at a time: a member of a group gets only every n-th warm-up.
            await Receiver.AwaitAssertAsync(async () =>
            {
                var warmUp = new TrapReceived(WarmUp());
                mediator.Tell(new Akka.Cluster.Tools.PublishSubscribe.Publish(topic, warmUp));
                mediator.Tell(new Akka.Cluster.Tools.PublishSubscribe.Publish(topic, warmUp, sendOneMessageToEachGroup: true));
                await probe.ExpectMsgAsync<TrapReceived>(n => n.Notification.TrapOid == WarmUpOid, TimeSpan.FromMilliseconds(300));
            }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        }
        foreach (var probe in probes)
        {
            while (await probe.ReceiveOneAsync(TimeSpan.FromMilliseconds(300)) is not null)
            {
            }
        }
    }

    public static readonly Oid WarmUpOid = Oid.Parse("1.3.6.1.4.1.8072.9999.99.1");

    private static SnmpNotification WarmUp() =>
        new(NotificationKind.Trap, WarmUpOid, 1, [], new NotificationOrigin(new IPEndPoint(IPAddress.Loopback, 1), "udp", SnmpVersion.V2c, SecurityLevel.NoAuthNoPriv), DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        foreach (var kit in _kits.AsEnumerable().Reverse())
            await kit.Sys.Terminate();
    }
}
