using Akka.Actor;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Cluster.Tests.FanOut;

/// <summary>
/// Two receiver nodes behind one address (share-local-port: SO_REUSEPORT spreads sources over both sockets) with the
/// same local engine ID, and a subscriber on a third node: every trap arrives there exactly once.
/// </summary>
public sealed class ScaleOutTests
{
    private const string EngineId = "800000000501020304050609";

    [Fact]
    public async Task Two_receiver_nodes_sharing_a_port_deliver_every_trap_once()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var sharedPort = 0;
        const string receiverHocon = $$"""
            trap-actors.listener.share-local-port = on
            trap-actors.usm.local-engine-id = "{{EngineId}}"
            """;
        await using var cluster = await ClusterNodes.StartAsync(3,
            i => i < 2 ? receiverHocon : "",
            i => i == 1
                ? new TrapReceiverSetup { ConfigureSettings = s => s with { Listener = s.Listener with { Endpoints = [ListenEndpoint.Parse($"udp:127.0.0.1:{sharedPort}")] } } }
                : null);
        sharedPort = (await cluster.StartReceiverAsync(0)).Port;
        Assert.Equal(sharedPort, (await cluster.StartReceiverAsync(1)).Port);
        var subscriber = cluster.Nodes[2].CreateTestProbe();
        await TrapActorsCluster.Get(cluster.Nodes[2].Sys).SubscribeAsync(subscriber.Ref);
        await cluster.AwaitSubscribedAsync(subscriber);

        const int traps = 20;   // each snmptrap run uses a new source port
        for (var id = 1; id <= traps; id++)
        {
            var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{sharedPort}", "", "1.3.6.1.4.1.8072.2.3.0.1",
                "1.3.6.1.4.1.8072.9999.1.1", "i", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        var ids = new List<long>();
        while (await subscriber.ReceiveOneAsync(TimeSpan.FromSeconds(1)) is TrapReceived trap)
            ids.Add(trap.Notification.ValueOf(Snmp.Messages.Oid.Parse("1.3.6.1.4.1.8072.9999.1.1"))!.Value.AsInt64());
        Assert.Equal(Enumerable.Range(1, traps).Select(i => (long)i), ids.Order());

        var received = new List<long>();
        foreach (var node in cluster.Nodes.Take(2))
        {
            var receiver = TrapReceiverExtension.Get(node.Sys).Receiver;
            received.Add((await receiver.Ask<TrapReceiverStats>(GetTrapReceiverStats.Instance, TimeSpan.FromSeconds(5))).Received);
            Assert.Equal(EngineId, Convert.ToHexStringLower((await receiver.Ask<LocalEngineInfo>(GetLocalEngine.Instance, TimeSpan.FromSeconds(5))).EngineId.AsSpan()));
        }
        Assert.Equal(traps, received.Sum());
        Assert.All(received, r => Assert.True(r > 0, $"one node received nothing: {string.Join(", ", received)}"));
    }
}
