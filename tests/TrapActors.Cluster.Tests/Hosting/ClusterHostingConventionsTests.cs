using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrapActors.Cluster.Hosting;
using TrapActors.Hosting;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Cluster.Tests.Hosting;

/// <summary>
/// Two hosts that form their cluster the Akka.Cluster.Hosting way (WithRemoting + WithClustering), then add TrapActors
/// with WithTrapReceiverCluster: a trap received by one node reaches the cluster subscriber of the other.
/// </summary>
public sealed class ClusterHostingConventionsTests
{
    private const string SystemName = "trap-conventions";

    private sealed class RemoteSink;

    private sealed class ForwardingActor : ReceiveActor
    {
        public ForwardingActor(ChannelWriter<object> sink) => ReceiveAny(message => sink.TryWrite(message));
    }

    private static IHost Node(Action<AkkaConfigurationBuilder> configure, params string[] seedNodes) =>
        new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(services => services.AddAkka(SystemName, (builder, _) =>
            {
                builder.AddHocon("akka.loglevel = WARNING\nakka.coordinated-shutdown.exit-clr = off", HoconAddMode.Prepend);
                builder.WithRemoting(new RemoteOptions { HostName = "127.0.0.1", Port = 0 })
                    .WithClustering(new ClusterOptions { SeedNodes = seedNodes });
                configure(builder);
            }))
            .Build();

    [Fact]
    public async Task WithClustering_then_WithTrapReceiverCluster_carries_a_net_snmp_trap_from_one_hosted_node_to_the_other()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        using var receiverNode = Node(builder =>
        {
            // The first node has no seed to join but itself (its port is only known once bound).
            builder.AddStartup((system, _) => Akka.Cluster.Cluster.Get(system).Join(Akka.Cluster.Cluster.Get(system).SelfAddress));
            builder.WithTrapReceiver(o =>
            {
                o.Endpoints.Add("udp:127.0.0.1:0");
                o.Communities.Add("public");
            });
            builder.WithTrapReceiverCluster();
        });
        await receiverNode.StartAsync();
        var receiverSystem = receiverNode.Services.GetRequiredService<ActorSystem>();
        var seed = Akka.Cluster.Cluster.Get(receiverSystem).SelfAddress.ToString();

        var received = Channel.CreateUnbounded<object>();
        using var subscriberNode = Node(builder =>
        {
            builder.WithTrapReceiverCluster(o => o.Publish = false);
            builder.WithClusterTrapSubscriber<RemoteSink>((_, _, _) => Props.Create(() => new ForwardingActor(received.Writer)));
        }, seed);
        await subscriberNode.StartAsync();
        var subscriberCluster = Akka.Cluster.Cluster.Get(subscriberNode.Services.GetRequiredService<ActorSystem>());
        var bound = await TrapReceiverExtension.Get(receiverSystem).Receiver.Ask<BoundEndpoints>(GetBoundEndpoints.Instance, TimeSpan.FromSeconds(5));
        var port = bound.Endpoints[0].LocalEndPoint.Port;

        // The subscription reaches the receiver node by gossip: send again (bounded) until one trap arrives.
        object? message = null;
        for (var attempt = 0; attempt < 30 && message is null; attempt++)
        {
            var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{port}", "", "1.3.6.1.4.1.8072.2.3.0.1");
            Assert.True(result.ExitCode == 0, result.ToString());
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                message = await received.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // not there yet
            }
        }

        var trap = Assert.IsType<TrapReceived>(message);
        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.1", trap.Notification.TrapOid.ToString());
        Assert.Equal(2, subscriberCluster.State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up));
        await subscriberNode.StopAsync();
        await receiverNode.StopAsync();
    }
}
