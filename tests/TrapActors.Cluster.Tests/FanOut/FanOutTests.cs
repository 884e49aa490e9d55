using Akka.Actor;
using Akka.TestKit;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Cluster.Tests.FanOut;

/// <summary>
/// A receiver node gets traps from net-snmp's snmptrap; subscriber actors on other nodes of the cluster receive them,
/// alone or sharing the load as a group.
/// </summary>
public sealed class FanOutTests
{
    private static async Task SendTrapAsync(System.Net.IPEndPoint target, int id)
    {
        var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "", "1.3.6.1.4.1.8072.2.3.0.1",
            "1.3.6.1.4.1.8072.9999.1.1", "i", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static int IdOf(TrapReceived trap) =>
        (int)trap.Notification.ValueOf(Snmp.Messages.Oid.Parse("1.3.6.1.4.1.8072.9999.1.1"))!.Value.AsInt64();

    /// <summary>Node 0 receives and publishes; a probe on node 1 and one on node 2 subscribe (both seen by node 0 before returning).</summary>
    private static async Task<(ClusterNodes Cluster, System.Net.IPEndPoint Target, TestProbe B, TestProbe C)> ThreeNodesAsync(string? group = null, TrapFilter? filterOfC = null)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var cluster = await ClusterNodes.StartAsync(3);
        var target = await cluster.StartReceiverAsync();
        var b = cluster.Nodes[1].CreateTestProbe();
        var c = cluster.Nodes[2].CreateTestProbe();
        await TrapActorsCluster.Get(cluster.Nodes[1].Sys).SubscribeAsync(b.Ref, group: group);
        await TrapActorsCluster.Get(cluster.Nodes[2].Sys).SubscribeAsync(c.Ref, filterOfC, group);
        await cluster.AwaitSubscribedAsync(b, c);
        return (cluster, target, b, c);
    }

    [Fact]
    public async Task Traps_from_snmptrap_reach_subscribers_on_two_other_nodes_through_their_filters()
    {
        var (cluster, target, b, c) = await ThreeNodesAsync(filterOfC: TrapFilter.ByTrapOid("1.3.6.1.4.1.8072"));
        await using var _ = cluster;

        await SendTrapAsync(target, 1);
        var coldStart = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "", "1.3.6.1.6.3.1.1.5.1");
        Assert.True(coldStart.ExitCode == 0, coldStart.ToString());

        foreach (var probe in new[] { b, c })
        {
            var trap = await probe.ExpectMsgAsync<TrapReceived>(TimeSpan.FromSeconds(10));
            Assert.Equal("1.3.6.1.4.1.8072.2.3.0.1", trap.Notification.TrapOid.ToString());
            Assert.Equal(1, IdOf(trap));
            Assert.Equal("public", trap.Notification.Origin.Community);
        }
        Assert.Equal("1.3.6.1.6.3.1.1.5.1", (await b.ExpectMsgAsync<TrapReceived>(TimeSpan.FromSeconds(10))).Notification.TrapOid.ToString());
        await c.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500));   // outside its filter
    }

    [Fact]
    public async Task A_group_splits_traps_between_its_members()
    {
        var (cluster, target, b, c) = await ThreeNodesAsync(group: "workers");
        await using var _ = cluster;

        const int traps = 10;
        for (var id = 1; id <= traps; id++)
            await SendTrapAsync(target, id);

        var atB = await ReceiveAllAsync(b);
        var atC = await ReceiveAllAsync(c);
        Assert.Equal(Enumerable.Range(1, traps), atB.Concat(atC).Order());
        Assert.NotEmpty(atB);
        Assert.NotEmpty(atC);
    }

    [Fact]
    public async Task A_stopped_subscriber_node_is_removed_and_the_others_keep_receiving()
    {
        var (cluster, target, b, _) = await ThreeNodesAsync();
        await using var __ = cluster;

        await CoordinatedShutdown.Get(cluster.Nodes[2].Sys).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        var receiverCluster = Akka.Cluster.Cluster.Get(cluster.Receiver.Sys);
        await cluster.Receiver.AwaitAssertAsync(() => Assert.Equal(2, receiverCluster.State.Members.Count), TimeSpan.FromSeconds(20));

        for (var id = 1; id <= 3; id++)
            await SendTrapAsync(target, id);

        Assert.Equal([1, 2, 3], (await ReceiveAllAsync(b)).Order());
    }

    private static async Task<List<int>> ReceiveAllAsync(TestProbe probe)
    {
        var ids = new List<int>();
        while (await probe.ReceiveOneAsync(TimeSpan.FromSeconds(1)) is TrapReceived trap)
            ids.Add(IdOf(trap));
        return ids;
    }
}

/// <summary>With inform.acknowledge = after-delivery, the confirmation may come from a subscriber on another node.</summary>
public sealed class ClusterInformTests
{
    [Fact]
    public async Task An_inform_is_answered_only_after_a_subscriber_on_another_node_confirmed_it()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        await using var cluster = await ClusterNodes.StartAsync(2, "trap-actors.inform { acknowledge = after-delivery, decision-timeout = 15s }");
        var target = await cluster.StartReceiverAsync();
        var b = cluster.Nodes[1].CreateTestProbe();
        await TrapActorsCluster.Get(cluster.Nodes[1].Sys).SubscribeAsync(b.Ref);
        await cluster.AwaitSubscribedAsync(b);

        var inform = NetSnmpTools.SnmpInformAsync("-v", "2c", "-c", "public", "-r", "0", "-t", "10", $"127.0.0.1:{target.Port}", "", "1.3.6.1.4.1.8072.2.3.0.2");
        var received = await b.ExpectMsgAsync<InformReceived>(TimeSpan.FromSeconds(10));
        Assert.True(received.Acknowledgement.IsPending);
        await b.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.False(inform.IsCompleted, "snmpinform got a Response before the confirmation");

        received.Confirm();

        var result = await inform;
        Assert.True(result.ExitCode == 0, result.ToString());
        var stats = await TrapReceiverExtension.Get(cluster.Receiver.Sys).Receiver.Ask<TrapReceiverStats>(GetTrapReceiverStats.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal(1, stats.InformsAnswered);
    }
}
