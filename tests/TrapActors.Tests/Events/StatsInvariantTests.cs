using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Events;

/// <summary>Every received datagram ends up delivered or in exactly one drop reason.</summary>
public class StatsInvariantTests() : ReceiverSpec("trap-actors.session.max-sessions = 4")
{
    [Fact]
    public async Task After_a_mixed_run_Received_is_Delivered_plus_the_drops()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor, TrapFilter.ByTrapOid("1.3.6.1.4.1.8072", "1.3.6.1.6.3.1.1.5"));
        var a = NewClient();
        var b = NewClient();
        var c = NewClient();
        var d = NewClient();
        var e = NewClient(); // the fifth source: over max-sessions, evicts the least recently used idle session

        await SendAsync(a, Packets.V2Trap(requestId: 1), target); // delivered
        await SendAsync(a, Packets.V2Trap(requestId: 2), target); // delivered
        await SendAsync(b, Packets.V2Trap(requestId: 3), target); // delivered
        await SendAsync(b, Packets.V1Trap("1.3.6.1.4.1.9", generic: 0, specific: 0), target); // delivered (coldStart)
        await SendAsync(c, Packets.Inform(requestId: 4), target); // delivered and answered
        await SendAsync(c, Packets.V2Trap("1.3.6.1.4.1.9.1", requestId: 5), target); // NoSubscriber
        await SendAsync(c, Packets.V2Trap(requestId: 6, community: "private"), target); // UnknownCommunity
        await SendAsync(d, [0x30, 0x03, 0x02], target); // Malformed
        await SendAsync(d, [0xFF], target); // Malformed
        await SendAsync(d, Packets.GetRequest(), target); // UnsupportedPdu
        var v2u = Packets.V2Trap(requestId: 7);
        v2u[4] = 2;
        await SendAsync(d, v2u, target); // UnsupportedVersion
        await AwaitStatsAsync(s => s.ActiveSessions == 4, "four sessions");
        await SendAsync(e, Packets.V2Trap(requestId: 8), target); // delivered

        var stats = await AwaitStatsAsync(s => s.Received == 12 && s.Delivered + s.TotalDropped == 12, "all 12 handled");
        Assert.Equal(stats.Received, stats.Delivered + stats.Dropped.Values.Sum());
        Assert.Equal(6, stats.Delivered);
        Assert.Equal(9, stats.Decoded); // 5 traps + inform + NoSubscriber + UnknownCommunity + GetRequest
        Assert.Equal(1, stats.InformsAnswered);
        Assert.Equal(1, stats.Dropped[DropReason.NoSubscriber]);
        Assert.Equal(1, stats.Dropped[DropReason.UnknownCommunity]);
        Assert.Equal(2, stats.Dropped[DropReason.Malformed]);
        Assert.Equal(1, stats.Dropped[DropReason.UnsupportedPdu]);
        Assert.Equal(1, stats.Dropped[DropReason.UnsupportedVersion]);
        Assert.Equal(0, stats.Dropped[DropReason.SessionLimit]);
        Assert.Equal(1, stats.SessionsEvicted);
        Assert.Equal(0, stats.Dropped[DropReason.TooLarge]);
        Assert.Equal(0, stats.Dropped[DropReason.UnsupportedSecurity]);
        Assert.Equal(Enum.GetValues<DropReason>().Length, stats.Dropped.Count);
        await AwaitStatsAsync(s => s.ActiveSessions == 4, "the evicted session stopped");

        var kinds = new List<NotificationKind>();
        for (var i = 0; i < 6; i++)
        {
            var msg = await ReceiveOneAsync(TimeSpan.FromSeconds(3));
            kinds.Add(msg switch
            {
                TrapReceived t => t.Notification.Kind,
                InformReceived inf => inf.Notification.Kind,
                _ => throw new Xunit.Sdk.XunitException($"unexpected {msg}"),
            });
        }
        Assert.Equal(5, kinds.Count(k => k == NotificationKind.Trap));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}
