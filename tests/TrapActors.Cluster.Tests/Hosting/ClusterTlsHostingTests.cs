using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrapActors.Cluster.Hosting;
using TrapActors.Cluster.Remoting;
using TrapActors.Cluster.Tests.FanOut;
using TrapActors.Hosting;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Cluster.Tests.Hosting;

/// <summary>
/// WithTrapReceiverCluster(o =&gt; o.Tls = ...) turns on mutual TLS: a hosted receiver node and a subscriber node made
/// with <see cref="ClusterTls.AddTo"/>, both with certificates of the cluster CA, form a cluster and carry a trap.
/// </summary>
public sealed class ClusterTlsHostingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_hosted_receiver_with_Tls_and_a_TLS_subscriber_node_carry_a_net_snmp_trap()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        using var pki = new ClusterPki();
        using var host = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(services => services.AddAkka("tls-host", (builder, _) =>
            {
                builder.AddHocon(ClusterNodes.Hocon, HoconAddMode.Prepend);
                builder.AddStartup((system, _) => Akka.Cluster.Cluster.Get(system).Join(Akka.Cluster.Cluster.Get(system).SelfAddress));
                builder.WithTrapReceiver(o => o.Endpoints.Add("udp:127.0.0.1:0"));
                builder.WithTrapReceiverCluster(o => o.Tls = new ClusterTls(ClusterPki.Node(pki.ClusterCa, "receiver"), [pki.ClusterCa]));
            }))
            .Build();
        await host.StartAsync();
        var receiverSystem = host.Services.GetRequiredService<ActorSystem>();
        var seed = Akka.Cluster.Cluster.Get(receiverSystem).SelfAddress;
        Assert.Equal(ClusterTls.Protocol, seed.Protocol);

        var subscriberTls = new ClusterTls(ClusterPki.Node(pki.ClusterCa, "subscriber"), [pki.ClusterCa]);
        var config = ConfigurationFactory.ParseString(ClusterTls.Hocon).WithFallback(ConfigurationFactory.ParseString(ClusterNodes.Hocon))
            .WithFallback(Serialization.TrapActorsSerialization.Config);
        using var subscriber = new TestKit(subscriberTls.AddTo(ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config))), "tls-host");
        Akka.Cluster.Cluster.Get(subscriber.Sys).Join(seed);
        await subscriber.AwaitAssertAsync(() => Assert.Equal(2,
            Akka.Cluster.Cluster.Get(receiverSystem).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up)), Timeout);
        await TrapActorsCluster.Get(subscriber.Sys).SubscribeAsync(subscriber.TestActor);

        var bound = await TrapReceiverExtension.Get(receiverSystem).Receiver.Ask<BoundEndpoints>(GetBoundEndpoints.Instance, Timeout);
        await subscriber.AwaitAssertAsync(async () =>
        {
            var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{bound.Endpoints[0].LocalEndPoint.Port}", "", "1.3.6.1.4.1.8072.2.3.0.1");
            Assert.True(result.ExitCode == 0, result.ToString());
            var trap = await subscriber.ExpectMsgAsync<TrapReceived>(TimeSpan.FromSeconds(1));
            Assert.Equal("1.3.6.1.4.1.8072.2.3.0.1", trap.Notification.TrapOid.ToString());
        }, Timeout, TimeSpan.FromMilliseconds(200));
        await host.StopAsync();
    }
}
