using System.Diagnostics;
using System.Net;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using TrapActors.Cluster;
using TrapActors.Serialization;
using TrapActors.Snmp.Messages;

namespace TrapActors.LoadBenchmark;

/// <summary>
/// Cross-node delivery: two ActorSystems in this process form an Akka.NET cluster on 127.0.0.1. Node A runs the receiver
/// (as the embedded target) and publishes to the cluster; node B has one counting subscriber, subscribed through
/// <see cref="TrapActorsCluster"/>. Every notification is serialized, sent over Akka.Remote's TCP and deserialized.
/// </summary>
internal sealed class ClusterTarget : ITargetInstance
{
    public const string Description =
        "two ActorSystems in the benchmark process forming an Akka.NET cluster on 127.0.0.1 (Akka.Remote over TCP, TrapActorsSerializer): " +
        "node A = the embedded receiver + `TrapActorsCluster.StartPublishing()`, node B = one counting subscriber through `TrapActorsCluster.SubscribeAsync` (default topic, no group); " +
        "delivered = what B's subscriber got; latency = B's receipt − `SnmpNotification.ReceivedAt` (same clock); CPU, allocations and GC count both nodes and the remoting between them.";

    /// <summary>Akka.NET's default cluster and pub-sub intervals, so that the background cost is a real deployment's.</summary>
    private const string ClusterHocon = """
        akka {
          actor.provider = cluster
          remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
          coordinated-shutdown.exit-clr = off
        }
        """;

    /// <summary>Synthetic notifications that prove B's subscription has reached A by gossip; not counted.</summary>
    private static readonly Oid WarmUpOid = Oid.Parse("1.3.6.1.4.1.8072.9999.99.1");

    private ActorSystem _receiverNode = null!;
    private ActorSystem _subscriberNode = null!;
    private IActorRef _receiver = null!;
    private readonly DeliveryCounter _counter = new();
    private int _gossipWarmUps;

    public TargetKind Kind => TargetKind.Cluster;
    public int Port { get; private set; }
    public bool InProcess => true;
    public LatencyHistogram? Latency => _counter.Latency;

    public static async Task<ITargetInstance> StartAsync(TargetEnvironment env)
    {
        var target = new ClusterTarget();
        var receiverConfig = EmbeddedTarget.ReceiverConfig(env)
            .WithFallback(ConfigurationFactory.ParseString(ClusterHocon))
            .WithFallback(TrapActorsSerialization.Config);
        target._receiverNode = ActorSystem.Create("loadbench-cluster",
            BootstrapSetup.Create().WithConfig(receiverConfig).And(EmbeddedTarget.ReceiverSetup()));
        var subscriberConfig = ConfigurationFactory.ParseString("""
                akka.loglevel = WARNING
                akka.stdout-loglevel = WARNING
                akka.log-dead-letters-during-shutdown = off
                trap-actors.auto-activate = off
                """)
            .WithFallback(ConfigurationFactory.ParseString(ClusterHocon))
            .WithFallback(TrapActorsSerialization.Config);
        target._subscriberNode = ActorSystem.Create("loadbench-cluster", subscriberConfig);
        try
        {
            await target.FormClusterAsync();
            target._receiver = TrapReceiverExtension.Get(target._receiverNode).Receiver;
            var bound = await target._receiver.Ask<BoundEndpoints>(Activate.Instance, TimeSpan.FromSeconds(30));
            if (!bound.AllBound)
                throw new InvalidOperationException("cluster receiver: " + string.Join("; ", bound.Failures.Select(f => f.Reason)));
            target.Port = bound.Endpoints[0].LocalEndPoint.Port;
            TrapActorsCluster.Get(target._receiverNode).StartPublishing();

            var subscriber = target._subscriberNode.ActorOf(Props.Create(() => new CountingSubscriber(target)), "counting-subscriber");
            await TrapActorsCluster.Get(target._subscriberNode).SubscribeAsync(subscriber);
            await target.AwaitSubscriptionGossipedAsync();
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    private async Task FormClusterAsync()
    {
        var a = Akka.Cluster.Cluster.Get(_receiverNode);
        a.Join(a.SelfAddress);
        Akka.Cluster.Cluster.Get(_subscriberNode).Join(a.SelfAddress);
        var deadline = Stopwatch.StartNew();
        while (a.State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) < 2)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                throw new InvalidOperationException("cluster: the two nodes did not come Up within 30 s");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// SubscribeAsync completes once B's own mediator registered the subscription; A learns of it by gossip. Publish
    /// synthetic notifications on A until B got one, so that the first datagrams are not published to nobody.
    /// </summary>
    private async Task AwaitSubscriptionGossipedAsync()
    {
        var cluster = TrapActorsCluster.Get(_receiverNode);
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref _gossipWarmUps) == 0)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                throw new InvalidOperationException("cluster: node B's subscription did not reach node A within 30 s");
            var warmUp = new SnmpNotification(NotificationKind.Trap, WarmUpOid, 1, [],
                new NotificationOrigin(new IPEndPoint(IPAddress.Loopback, 1), "udp", SnmpVersion.V2c, SecurityLevel.NoAuthNoPriv), DateTimeOffset.UtcNow);
            cluster.Mediator.Tell(new Publish(cluster.Settings.Topic, new TrapReceived(warmUp)));
            await Task.Delay(200);
        }
    }

    public long Delivered() => _counter.Delivered;

    public TargetSnapshot Snapshot() =>
        new(ProcFs.CpuSeconds(Environment.ProcessId), GC.GetTotalAllocatedBytes(precise: true),
            [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)]);

    public long? PeakRssKb() => ProcFs.StatusKb(Environment.ProcessId, "VmHWM");

    /// <summary>Node A's receiver stats: its "delivered" is what it handed to the local cluster publisher.</summary>
    public async Task<TargetFinal> StopAsync()
    {
        var stats = await _receiver.Ask<TrapReceiverStats>(GetTrapReceiverStats.Instance, TimeSpan.FromSeconds(10));
        var drops = stats.Dropped.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}").ToList();
        var note = $"node B's subscriber got {_counter.Delivered:#,0} in all (after the gossip warm-up)" +
                   (drops.Count > 0 ? "; dropped: " + string.Join(", ", drops) : "");
        return new TargetFinal(stats.Received, stats.Delivered, stats.TotalDropped, note)
        {
            SocketBufferDrops = stats.SocketBufferDrops,
        };
    }

    /// <summary>B leaves first, so that A sees a graceful leave rather than a lost association.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Akka.Cluster.Cluster.Get(_subscriberNode).LeaveAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
        }
        await _subscriberNode.Terminate();
        await _receiverNode.Terminate();
    }

    private sealed class CountingSubscriber(ClusterTarget target) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            var notification = message switch
            {
                TrapReceived t => t.Notification,
                InformReceived i => i.Notification,
                _ => null,
            };
            if (notification is null)
                Unhandled(message);
            else if (notification.TrapOid == WarmUpOid)
                Interlocked.Increment(ref target._gossipWarmUps);
            else
                target._counter.Record(notification.ReceivedAt);
        }
    }
}
