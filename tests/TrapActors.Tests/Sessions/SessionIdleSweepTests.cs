using Akka.Actor;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Sessions;

/// <summary>
/// The listener's idle sweep (decision 0040) stops an idle session and not one holding an inform that awaits its
/// subscriber's decision; that one is stopped once the decision is made and it has been idle for the timeout.
/// Real peers: net-snmp's snmptrap and snmpinform, each run a new source port.
/// </summary>
public sealed class SessionIdleSweepTests() : ReceiverSpec("""
    trap-actors.session.idle-timeout = 300ms
    trap-actors.inform { acknowledge = by-subscriber, decision-timeout = 60s }
    """)
{
    private const string Listener = "/system/trap-actors/listener-udp-127.0.0.1-0";

    [Fact]
    public async Task An_idle_session_is_stopped_and_one_holding_an_inform_only_after_its_decision()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);

        var run = NetSnmpTools.SnmpInformAsync("-v", "2c", "-c", "public", "-r", "0", "-t", "30", $"127.0.0.1:{target.Port}", "",
            "1.3.6.1.4.1.8072.9999.3.2");
        var inform = await this.InformAsync(TimeSpan.FromSeconds(10));
        var holding = (await Sys.ActorSelection($"{Listener}/peer-127.0.0.1-{inform.Notification.Origin.Source.Port}")
            .Ask<ActorIdentity>(new Identify(null), AskTimeout)).Subject;
        Assert.NotNull(holding);
        var watcher = CreateTestProbe();
        watcher.Watch(holding);

        var trap = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "", "1.3.6.1.4.1.8072.9999.3.3");
        Assert.True(trap.ExitCode == 0, trap.ToString());
        await this.TrapAsync();
        // The trap's session goes idle and is stopped; the inform's stays, well past several idle timeouts.
        await AwaitStatsAsync(s => s.ActiveSessions == 1, "the idle session stopped", TimeSpan.FromSeconds(10));
        await watcher.ExpectNoMsgAsync(TimeSpan.FromSeconds(1));

        inform.Respond();
        var result = await run;
        Assert.True(result.ExitCode == 0, $"snmpinform got its Response: {result}");
        await watcher.ExpectTerminatedAsync(holding, TimeSpan.FromSeconds(10));
        var stats = await AwaitStatsAsync(s => s.ActiveSessions == 0, "every session stopped");
        Assert.Equal(2, stats.Delivered);
        Assert.Equal(1, stats.InformsAnswered);
    }

    /// <summary>
    /// Still routed while it holds the inform: a retransmission after several idle timeouts reaches the same session,
    /// which knows it (a duplicate, not delivered again). Had the sweep taken it out of the routing table, the
    /// retransmission would wait for it to stop and reach a new session, which would deliver it again.
    /// </summary>
    [Fact]
    public async Task A_retransmission_of_a_held_inform_after_the_idle_timeout_is_not_delivered_again()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();
        var datagram = Packets.Inform(requestId: 42);

        await SendAsync(client, datagram, target);
        var inform = await this.InformAsync(TimeSpan.FromSeconds(10));
        await ExpectNoMsgAsync(TimeSpan.FromSeconds(1));   // more than three idle timeouts
        await SendAsync(client, datagram, target);
        await AwaitStatsAsync(s => s.Dropped[DropReason.DuplicateInform] == 1, "the retransmission was a duplicate");

        inform.Respond();
        Assert.NotEmpty(await ReceiveAsync(client));   // the Response (to the latest copy)
        await AwaitStatsAsync(s => s.ActiveSessions == 0, "the session stopped once idle");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, (await StatsAsync()).Delivered);
    }
}
