using Akka.Actor;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using TrapActors.Transport;
using Xunit;

namespace TrapActors.Tests.Sessions;

/// <summary>
/// A session the listener stops (passivated, or evicted while a datagram it had been given was still queued) stops only
/// once it holds no work: an inform that such a datagram left waiting for its subscriber's decision is still answered.
/// </summary>
public sealed class SessionStopTests() : ReceiverSpec("trap-actors.inform { acknowledge = by-subscriber, decision-timeout = 60s }")
{
    private const string Listener = "/system/trap-actors/listener-udp-127.0.0.1-0";

    [Fact]
    public async Task A_session_told_to_stop_while_an_inform_awaits_a_decision_answers_it_and_then_stops()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);

        var run = NetSnmpTools.SnmpInformAsync("-v", "2c", "-c", "public", "-r", "0", "-t", "30", $"127.0.0.1:{target.Port}", "",
            "1.3.6.1.4.1.8072.9999.3.1");
        var inform = await this.InformAsync(TimeSpan.FromSeconds(10));
        var source = inform.Notification.Origin.Source;
        var session = (await Sys.ActorSelection($"{Listener}/peer-127.0.0.1-{source.Port}").Ask<ActorIdentity>(new Identify(null), AskTimeout)).Subject;
        Assert.NotNull(session);
        var watcher = CreateTestProbe();
        watcher.Watch(session);

        // What the listener sends a session it takes out of its routing table.
        session.Tell(StopSession.Instance);
        await watcher.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        inform.Respond();
        var result = await run;
        Assert.True(result.ExitCode == 0, $"snmpinform got its Response: {result}");
        await watcher.ExpectTerminatedAsync(session, TimeSpan.FromSeconds(5));
        Assert.Equal(1, (await StatsAsync()).InformsAnswered);
    }
}
