using System.Threading.Channels;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrapActors.Cluster.Hosting;
using TrapActors.Hosting;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Cluster.Tests.Hosting;

/// <summary>A generic host that is a one-node cluster: its receiver publishes, its cluster subscriber prints.</summary>
public sealed class ClusterHostingTests
{
    private sealed class ClusterSink;

    private sealed class ForwardingActor : ReceiveActor
    {
        public ForwardingActor(ChannelWriter<object> sink) => ReceiveAny(message => sink.TryWrite(message));
    }

    [Fact]
    public async Task WithTrapReceiverCluster_and_WithClusterTrapSubscriber_deliver_a_net_snmp_trap_through_the_cluster()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var received = Channel.CreateUnbounded<object>();
        using var host = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(services => services.AddAkka("trap-cluster-host", (builder, _) =>
            {
                builder.AddHocon("""
                    akka.loglevel = WARNING
                    akka.actor.provider = cluster
                    akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
                    akka.coordinated-shutdown.exit-clr = off
                    """, HoconAddMode.Prepend);
                builder.AddStartup((system, _) => Akka.Cluster.Cluster.Get(system).Join(Akka.Cluster.Cluster.Get(system).SelfAddress));
                builder.WithTrapReceiver(o =>
                {
                    o.Endpoints.Add("udp:127.0.0.1:0");
                    o.Communities.Add("public");
                });
                builder.WithTrapReceiverCluster(o => o.Topic = "hosted-traps");
                builder.WithClusterTrapSubscriber<ClusterSink>((_, _, _) => Props.Create(() => new ForwardingActor(received.Writer)),
                    TrapFilter.ByTrapOid("1.3.6.1.4.1.8072.2.3"));
            }))
            .Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        Assert.Equal("hosted-traps", TrapActorsCluster.Get(system).Settings.Topic);
        var bound = await TrapReceiverExtension.Get(system).Receiver.Ask<BoundEndpoints>(GetBoundEndpoints.Instance, TimeSpan.FromSeconds(5));

        var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{bound.Endpoints[0].LocalEndPoint.Port}", "", "1.3.6.1.4.1.8072.2.3.0.1");
        Assert.True(result.ExitCode == 0, result.ToString());

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var message = await received.Reader.ReadAsync(cts.Token);
        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.1", Assert.IsType<TrapReceived>(message).Notification.TrapOid.ToString());
        await host.StopAsync();
    }
}
