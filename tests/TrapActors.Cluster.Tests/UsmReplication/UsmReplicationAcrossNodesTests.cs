using System.Collections.Immutable;
using Akka.Actor;
using TrapActors.Cluster.UsmReplication;
using TrapActors.Snmp.Messages;
using Xunit;
using Xunit.Abstractions;

namespace TrapActors.Cluster.Tests.UsmReplication;

/// <summary>The USM user table replicated with Akka.DistributedData between receiver nodes on loopback.</summary>
public sealed class UsmReplicationAcrossNodesTests(ITestOutputHelper output) : UsmClusterSpec(output)
{
    private const string TrapOid = "1.3.6.1.4.1.8072.9999.0.7";

    [Fact]
    public async Task A_user_added_on_one_node_authenticates_a_net_snmp_trap_on_another()
    {
        var nodeB = StartNode("B");
        await JoinAsync(nodeB);
        var sender = new V3TrapSender("replicated-user", "auth-pass-one", "priv-pass-one", "8000000001aabbccdd");

        var reply = await ReplicateAsync<UsmUserReplicated>(NodeA, new ReplicateAddUser(sender.ToUsmUser()));
        Assert.Equal(sender.Name, reply.Name);
        Assert.Equal(sender.EngineHex, Convert.ToHexStringLower(reply.EngineId.AsSpan()));

        await AwaitUserAsync(nodeB, sender.Name, sender.EngineId);
        await AwaitUserAsync(NodeA, sender.Name, sender.EngineId);
        var probe = await SubscribeAsync(nodeB);
        await sender.SendAsync(await EndPointAsync(nodeB), TrapOid);

        var n = (await probe.ExpectMsgAsync<TrapReceived>(AskTimeout)).Notification;
        Assert.Equal(SnmpVersion.V3, n.Origin.Version);
        Assert.Equal(sender.Name, n.Origin.User);
        Assert.Equal(SecurityLevel.AuthPriv, n.Origin.SecurityLevel);
        Assert.Equal(TrapOid, n.TrapOid.ToString());
    }

    [Fact]
    public async Task A_user_removed_on_another_node_is_gone_everywhere()
    {
        var nodeB = StartNode("B");
        await JoinAsync(nodeB);
        var user = new V3TrapSender("short-lived", "auth-pass-two", "priv-pass-two", "8000000001aabbcc01").ToUsmUser(anyEngine: true);
        await ReplicateAsync<UsmUserReplicated>(NodeA, new ReplicateAddUser(user));
        await AwaitUserAsync(nodeB, user.Name, []);

        var reply = await ReplicateAsync<UsmUserRemovalReplicated>(nodeB, new ReplicateRemoveUser(user.Name));
        Assert.Equal(user.Name, reply.Name);
        Assert.Empty(reply.EngineId);

        await AwaitNoUserAsync(NodeA, user.Name, []);
        await AwaitNoUserAsync(nodeB, user.Name, []);
    }

    [Fact]
    public async Task A_user_replaced_on_one_node_carries_its_new_passwords_to_the_others()
    {
        var nodeB = StartNode("B");
        await JoinAsync(nodeB);
        var first = new V3TrapSender("rotated-user", "old-auth-pass", "old-priv-pass", "8000000001aabbcc02");
        var second = first with { AuthPassword = "new-auth-pass", PrivPassword = "new-priv-pass" };
        await ReplicateAsync<UsmUserReplicated>(NodeA, new ReplicateAddUser(first.ToUsmUser()));
        await AwaitUserAsync(nodeB, first.Name, first.EngineId);

        await ReplicateAsync<UsmUserReplicated>(NodeA, new ReplicateAddUser(second.ToUsmUser()));

        // The cache shows one entry either way: the trap with the new passwords is what tells the versions apart.
        var probe = await SubscribeAsync(nodeB);
        var target = await EndPointAsync(nodeB);
        await AwaitAssertAsync(async () =>
        {
            await second.SendAsync(target, TrapOid);
            var n = (await probe.ExpectMsgAsync<TrapReceived>(TimeSpan.FromSeconds(1))).Notification;
            Assert.Equal(second.Name, n.Origin.User);
        }, ClusterTimeout, TimeSpan.FromMilliseconds(100));
        Assert.Single(await CacheEntriesAsync(nodeB, first.Name));
    }

    [Fact]
    public async Task A_node_that_joins_later_receives_the_users_already_in_the_table()
    {
        var nodeB = StartNode("B");
        await JoinAsync(nodeB);
        var user = new V3TrapSender("early-user", "auth-pass-three", "priv-pass-three", "8000000001aabbcc03").ToUsmUser();
        await ReplicateAsync<UsmUserReplicated>(nodeB, new ReplicateAddUser(user));
        await AwaitUserAsync(NodeA, user.Name, user.EngineId);

        var nodeC = StartNode("C");
        Assert.Empty(await CacheEntriesAsync(nodeC, user.Name));
        await JoinAsync(nodeB, nodeC);

        await AwaitUserAsync(nodeC, user.Name, user.EngineId);
    }

    [Fact]
    public async Task A_node_alone_in_its_cluster_writes_locally_and_applies_to_its_own_receiver()
    {
        await JoinAloneAsync();
        var user = UsmUser.AuthNoPriv("lonely-user", Snmp.Security.AuthProtocol.HmacSha256, "lonely-auth-pass");

        await ReplicateAsync<UsmUserReplicated>(NodeA, new ReplicateAddUser(user));

        await AwaitUserAsync(NodeA, user.Name, []);
    }

    [Fact]
    public async Task A_write_without_a_majority_in_time_is_reported_incomplete_yet_applied_on_this_node()
    {
        // The other member runs no replicator: a majority of two is never reached within the write timeout.
        await JoinAsync(StartSystem());
        var user = UsmUser.AuthNoPriv("unconfirmed-user", Snmp.Security.AuthProtocol.HmacSha1, "unconfirmed-pass");

        var reply = await ReplicateAsync<UsmReplicationIncomplete>(NodeA, new ReplicateAddUser(user));

        Assert.Equal(user.Name, reply.Name);
        Assert.Contains("no majority", reply.Reason);
        await AwaitUserAsync(NodeA, user.Name, []);
    }

    [Fact]
    public async Task Users_the_receiver_got_locally_are_left_alone()
    {
        await JoinAloneAsync();
        var local = UsmUser.AuthNoPriv("local-only", Snmp.Security.AuthProtocol.HmacSha1, "local-auth-pass");
        await NodeA.Receiver.Ask<UsmUserAdded>(new AddUsmUser(local), AskTimeout);
        var replicated = UsmUser.AuthNoPriv("replicated-next-to-it", Snmp.Security.AuthProtocol.HmacSha1, "other-auth-pass");

        await ReplicateAsync<UsmUserReplicated>(NodeA, new ReplicateAddUser(replicated));
        await AwaitUserAsync(NodeA, replicated.Name, []);
        await ReplicateAsync<UsmUserRemovalReplicated>(NodeA, new ReplicateRemoveUser(replicated.Name, ImmutableArray<byte>.Empty));
        await AwaitNoUserAsync(NodeA, replicated.Name, []);

        Assert.Single(await CacheEntriesAsync(NodeA, local.Name));
    }
}
