using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Sessions;

/// <summary>Per-source sessions stop after session.idle-timeout and come back with the next datagram, losing nothing.</summary>
public class SessionPassivationTests() : ReceiverSpec("trap-actors.session.idle-timeout = 300ms")
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMilliseconds(300);

    private Task<ActorIdentity> IdentifySessionAsync(int clientPort) =>
        Sys.ActorSelection($"/system/trap-actors/listener-udp-127.0.0.1-0/peer-127.0.0.1-{clientPort}")
            .Ask<ActorIdentity>(new Identify(clientPort), AskTimeout);

    [Fact]
    public async Task An_idle_session_stops_and_a_later_trap_starts_a_new_one()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.V2Trap(requestId: 1), target);
        await this.TrapWithIdAsync(1);
        var first = await IdentifySessionAsync(PortOf(client));
        Assert.NotNull(first.Subject);
        Assert.Equal(1, (await StatsAsync()).ActiveSessions);

        await AwaitStatsAsync(s => s.ActiveSessions == 0, "the session passivated", TimeSpan.FromSeconds(3));
        Assert.Null((await IdentifySessionAsync(PortOf(client))).Subject);

        await SendAsync(client, Packets.V2Trap(requestId: 2), target);
        await this.TrapWithIdAsync(2);
        var second = await IdentifySessionAsync(PortOf(client));
        Assert.NotNull(second.Subject);
        Assert.NotEqual(first.Subject, second.Subject); // a new incarnation
        Assert.Equal(1, (await StatsAsync()).ActiveSessions);
    }

    [Fact]
    public async Task Traps_spaced_around_the_idle_boundary_are_all_delivered_in_order()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();
        var requestId = 0;

        await SendAsync(client, Packets.V2Trap(requestId: ++requestId), target);
        await this.TrapWithIdAsync(requestId);
        var firstSession = (await IdentifySessionAsync(PortOf(client))).Subject;

        // One trap at a time, each after a pause close to the idle timeout (before, at and after it).
        foreach (var gapMs in new[] { 260, 280, 290, 295, 300, 305, 310, 320, 340, 380 })
        {
            await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(gapMs));
            await SendAsync(client, Packets.V2Trap(requestId: ++requestId), target);
            await this.TrapWithIdAsync(requestId);
        }

        // Bursts: a trap every few milliseconds across the moment the session goes idle.
        for (var round = 0; round < 3; round++)
        {
            await ExpectNoMsgAsync(IdleTimeout - TimeSpan.FromMilliseconds(40));
            var firstOfBurst = requestId + 1;
            using (var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(5)))
            {
                for (var i = 0; i < 20; i++)
                {
                    await SendAsync(client, Packets.V2Trap(requestId: ++requestId), target);
                    await pace.WaitForNextTickAsync();
                }
            }
            for (var id = firstOfBurst; id <= requestId; id++)
                await this.TrapWithIdAsync(id);
        }

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        var stats = await AwaitStatsAsync(s => s.Delivered == requestId, $"all {requestId} delivered");
        Assert.Equal(requestId, stats.Received);
        Assert.Equal(0, stats.TotalDropped);
        Assert.NotEqual(firstSession, (await IdentifySessionAsync(PortOf(client))).Subject); // passivation did happen
    }
}

/// <summary>
/// Traffic keeps a session alive: idle-timeout 2s, a trap every 250ms for well over two seconds (a wide margin: other
/// test assemblies share the cores, and a late delivery must not look like idleness).
/// </summary>
public class SessionKeepAliveTests() : ReceiverSpec("trap-actors.session.idle-timeout = 2s")
{
    private Task<ActorIdentity> IdentifySessionAsync(int clientPort) =>
        Sys.ActorSelection($"/system/trap-actors/listener-udp-127.0.0.1-0/peer-127.0.0.1-{clientPort}")
            .Ask<ActorIdentity>(new Identify(clientPort), AskTimeout);

    [Fact]
    public async Task A_session_with_traffic_stays_alive_past_the_idle_timeout()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();
        await SendAsync(client, Packets.V2Trap(requestId: 0), target);
        await this.TrapWithIdAsync(0);
        var first = (await IdentifySessionAsync(PortOf(client))).Subject;
        Assert.NotNull(first);

        for (var i = 1; i <= 10; i++)
        {
            await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(250));
            await SendAsync(client, Packets.V2Trap(requestId: i), target);
            await this.TrapWithIdAsync(i);
        }

        Assert.Equal(first, (await IdentifySessionAsync(PortOf(client))).Subject);
    }
}
