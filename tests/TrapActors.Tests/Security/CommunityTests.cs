using System.Net;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Security;

/// <summary>community.accepted: other communities are dropped as UnknownCommunity with a BadPacketReceived (320).</summary>
public class CommunityTests : ReceiverSpec
{
    [Fact]
    public async Task An_unknown_community_is_rejected_counted_and_reported()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var bad = CreateTestProbe();
        Sys.EventStream.Subscribe(bad.Ref, typeof(BadPacketReceived));
        var client = NewClient();
        var packet = Packets.V2Trap(requestId: 1, community: "private");

        await SendAsync(client, packet, target);

        var report = await bad.ExpectMsgAsync<BadPacketReceived>();
        Assert.Equal(TrapReceiverErrorCodes.BadPacket, report.ErrorCode);
        Assert.Equal(320, report.ErrorCode);
        Assert.Equal(DropReason.UnknownCommunity, report.Reason);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, PortOf(client)), report.Source);
        Assert.Equal(packet, report.Packet.ToArray());
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        var stats = await AwaitStatsAsync(s => s.Dropped[DropReason.UnknownCommunity] == 1, "counted");
        Assert.Equal(0, stats.Delivered);
    }

    [Fact]
    public async Task The_community_is_compared_exactly()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        foreach (var (community, id) in new[] { ("Public", 1), ("publi", 2), ("public ", 3), ("", 4), ("public", 5) })
            await SendAsync(client, Packets.V2Trap(requestId: id, community: community), target);

        var n = await this.TrapWithIdAsync(5);
        Assert.Equal("public", n.Origin.Community);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        await AwaitStatsAsync(s => s.Dropped[DropReason.UnknownCommunity] == 4, "4 rejected");
    }

    [Fact]
    public async Task A_v1_trap_with_an_unknown_community_is_rejected_too()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);

        await SendAsync(NewClient(), Packets.V1Trap(community: "private"), target);

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        await AwaitStatsAsync(s => s.Dropped[DropReason.UnknownCommunity] == 1, "rejected");
    }

    [Fact]
    public async Task An_inform_with_an_unknown_community_gets_no_response()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 1, community: "private"), target);

        Assert.Null(await TryReceiveAsync(client, TimeSpan.FromMilliseconds(300)));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        Assert.Equal(0, (await StatsAsync()).InformsAnswered);
    }
}

/// <summary>community.accept-any = on accepts every community.</summary>
public class AcceptAnyCommunityTests() : ReceiverSpec("trap-actors.community.accept-any = on")
{
    [Fact]
    public async Task Any_community_is_accepted()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var bad = CreateTestProbe();
        Sys.EventStream.Subscribe(bad.Ref, typeof(BadPacketReceived));

        await SendAsync(NewClient(), Packets.V2Trap(requestId: 1, community: "private"), target);

        var n = await this.TrapWithIdAsync(1);
        Assert.Equal("private", n.Origin.Community);
        await bad.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}

/// <summary>Communities given through TrapReceiverSetup are accepted beside the HOCON ones.</summary>
public class SetupCommunityTests() : ReceiverSpec(Setup("", new TrapReceiverSetup { Communities = ["s3cret"] }))
{
    [Fact]
    public async Task Setup_and_hocon_communities_are_both_accepted()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.V2Trap(requestId: 1, community: "s3cret"), target);
        await SendAsync(client, Packets.V2Trap(requestId: 2, community: "public"), target);
        await SendAsync(client, Packets.V2Trap(requestId: 3, community: "other"), target);

        await this.TrapWithIdAsync(1);
        await this.TrapWithIdAsync(2);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }
}

/// <summary>events.bad-packet = off: rejections are counted but not published.</summary>
public class BadPacketEventsOffTests() : ReceiverSpec("trap-actors.events.bad-packet = off")
{
    [Fact]
    public async Task No_BadPacketReceived_is_published()
    {
        var target = await ReceiverEndPointAsync();
        var bad = CreateTestProbe();
        Sys.EventStream.Subscribe(bad.Ref, typeof(BadPacketReceived));

        await SendAsync(NewClient(), Packets.V2Trap(community: "private"), target);

        await AwaitStatsAsync(s => s.Dropped[DropReason.UnknownCommunity] == 1, "counted");
        await bad.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }
}
