using Akka.Actor;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Sessions;

/// <summary>At session.max-sessions a new source evicts the least recently used idle session, not any other.</summary>
public class SessionLimitTests() : ReceiverSpec("trap-actors.session.max-sessions = 3")
{
    private const string Listener = "/system/trap-actors/listener-udp-127.0.0.1-0";

    [Fact]
    public async Task A_new_source_beyond_max_sessions_evicts_the_least_recently_used_session()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var clients = Enumerable.Range(0, 4).Select(_ => NewClient()).ToList();
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(clients[i], Packets.V2Trap(requestId: i), target);
            await this.TrapWithIdAsync(i);
        }
        // Used again: client 0 is now the most recently used, client 1 the least.
        await SendAsync(clients[0], Packets.V2Trap(requestId: 10), target);
        await this.TrapWithIdAsync(10);

        await SendAsync(clients[3], Packets.V2Trap(requestId: 3), target);
        await this.TrapWithIdAsync(3);

        await AwaitAssertAsync(async () => Assert.False(await SessionExistsAsync(clients[1])), TimeSpan.FromSeconds(5));
        foreach (var kept in new[] { clients[0], clients[2], clients[3] })
            Assert.True(await SessionExistsAsync(kept), $"the session of port {PortOf(kept)} was kept");
        var stats = await AwaitStatsAsync(s => s.ActiveSessions == 3, "three sessions");
        Assert.Equal(1, stats.SessionsEvicted);
        Assert.Equal(0, stats.Dropped[DropReason.SessionLimit]);

        // The evicted source is served again, by a new session (which evicts the next least recently used: client 2).
        await SendAsync(clients[1], Packets.V2Trap(requestId: 11), target);
        await this.TrapWithIdAsync(11);
        await AwaitAssertAsync(async () => Assert.False(await SessionExistsAsync(clients[2])), TimeSpan.FromSeconds(5));
        Assert.Equal(2, (await AwaitStatsAsync(s => s.ActiveSessions == 3, "three sessions again")).SessionsEvicted);
    }

    private async Task<bool> SessionExistsAsync(System.Net.Sockets.UdpClient client)
    {
        var identity = await Sys.ActorSelection($"{Listener}/peer-127.0.0.1-{PortOf(client)}").Ask<ActorIdentity>(new Identify(null), AskTimeout);
        return identity.Subject is not null;
    }
}

/// <summary>A session that passivated frees its slot: the next new source needs no eviction.</summary>
public class SessionLimitAfterPassivationTests() : ReceiverSpec("trap-actors.session { max-sessions = 1, idle-timeout = 300ms }")
{
    [Fact]
    public async Task A_new_source_takes_the_slot_of_a_passivated_session_without_an_eviction()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var a = NewClient();
        var b = NewClient();

        await SendAsync(a, Packets.V2Trap(requestId: 1), target);
        await this.TrapWithIdAsync(1);
        await AwaitStatsAsync(s => s.ActiveSessions == 0, "a's session passivated", TimeSpan.FromSeconds(5));

        await SendAsync(b, Packets.V2Trap(requestId: 2), target);
        await this.TrapWithIdAsync(2);
        var stats = await AwaitStatsAsync(s => s.ActiveSessions == 1, "b's session");
        Assert.Equal(0, stats.SessionsEvicted);
        Assert.Equal(0, stats.TotalDropped);
    }
}
