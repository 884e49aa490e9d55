using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Sessions;

/// <summary>session.max-sessions caps the concurrent per-source sessions; datagrams from further sources are dropped.</summary>
public class SessionLimitTests() : ReceiverSpec("trap-actors.session.max-sessions = 3")
{
    [Fact]
    public async Task Sources_beyond_max_sessions_are_dropped_as_SessionLimit()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var clients = Enumerable.Range(0, 5).Select(_ => NewClient()).ToList();

        for (var i = 0; i < clients.Count; i++)
        {
            await SendAsync(clients[i], Packets.V2Trap(requestId: i), target);
            var stats = await AwaitStatsAsync(s => s.Received == i + 1 && s.Delivered + s.TotalDropped == i + 1, $"trap {i} handled");
            Assert.InRange(stats.ActiveSessions, 0, 3);
        }

        for (var i = 0; i < 3; i++)
            await this.TrapWithIdAsync(i);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        var final = await StatsAsync();
        Assert.Equal(3, final.Delivered);
        Assert.Equal(2, final.Dropped[DropReason.SessionLimit]);
        Assert.Equal(3, final.ActiveSessions);

        // A source that has a session is still served.
        await SendAsync(clients[1], Packets.V2Trap(requestId: 11), target);
        await this.TrapWithIdAsync(11);
        Assert.Equal(3, (await StatsAsync()).ActiveSessions);
    }
}

/// <summary>A slot freed by passivation is given to the next new source.</summary>
public class SessionLimitAfterPassivationTests() : ReceiverSpec("trap-actors.session { max-sessions = 1, idle-timeout = 300ms }")
{
    [Fact]
    public async Task A_new_source_gets_the_slot_once_the_old_session_passivated()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var a = NewClient();
        var b = NewClient();

        await SendAsync(a, Packets.V2Trap(requestId: 1), target);
        await this.TrapWithIdAsync(1);
        await SendAsync(b, Packets.V2Trap(requestId: 2), target);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        await AwaitStatsAsync(s => s.Dropped[DropReason.SessionLimit] == 1, "b was refused");

        await AwaitStatsAsync(s => s.ActiveSessions == 0, "a's session passivated", TimeSpan.FromSeconds(3));
        await SendAsync(b, Packets.V2Trap(requestId: 3), target);
        await this.TrapWithIdAsync(3);
        Assert.Equal(1, (await StatsAsync()).ActiveSessions);
    }
}
