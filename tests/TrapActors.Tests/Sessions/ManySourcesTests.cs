using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using TrapActors.Sessions;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using TrapActors.Tests.Load;
using Xunit;

namespace TrapActors.Tests.Sessions;

/// <summary>
/// Issue #15's many sources at test scale (decision 0040): a net-snmp v2c trap replayed once from each of 3,000
/// distinct loopback addresses, and three real snmptrap runs (each a new source port), with session.max-sessions
/// above that: every trap is delivered, every source keeps its session (none evicted, none idle), and each session
/// has the compact mailbox queue.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class ManySourcesTests() : ReceiverSpec("""
    trap-actors.session.max-sessions = 5000
    trap-actors.listener.receive-buffer-size = 4194304
    """)
{
    private const int Replayed = 3_000;
    private const int SnmptrapRuns = 3;
    private const int MostAhead = 200;   // sent but not yet read: the kernel buffer never overflows
    private const string ReplayedTrapOid = "1.3.6.1.4.1.8072.9999.0.40";
    private const string SnmptrapTrapOid = "1.3.6.1.4.1.8072.9999.0.41";

    [Fact]
    public async Task A_trap_from_each_of_3000_distinct_sources_is_delivered_and_every_source_keeps_a_compact_session()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var trap = await CapturedTraps.V2cTrapAsync(ReplayedTrapOid);
        var target = await ReceiverEndPointAsync();
        var replayed = CreateTestProbe();
        await SubscribeAsync(replayed, TrapFilter.ByTrapOid(ReplayedTrapOid));
        await SubscribeAsync(TestActor, TrapFilter.ByTrapOid(SnmptrapTrapOid));

        var sources = new List<IPEndPoint>();
        for (var i = 0; i < Replayed; i++)
        {
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                socket.Bind(new IPEndPoint(new IPAddress([127, 2, (byte)(i / 256), (byte)(i % 256)]), 0));
                Assert.Equal(trap.Length, socket.SendTo(trap, target));
                sources.Add((IPEndPoint)socket.LocalEndPoint!);
            }
            if ((i + 1) % 100 == 0)
                await AwaitStatsAsync(s => i + 1 - s.Received <= MostAhead, $"the receiver read up to {i + 1 - MostAhead}", TimeSpan.FromSeconds(30));
        }
        for (var run = 0; run < SnmptrapRuns; run++)
        {
            var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "", SnmptrapTrapOid);
            Assert.True(sent.ExitCode == 0, sent.ToString());
            Assert.Equal(SnmptrapTrapOid, (await this.TrapAsync()).TrapOid.ToString());
        }

        const int Total = Replayed + SnmptrapRuns;
        var stats = await AwaitStatsAsync(s => s.Delivered + s.TotalDropped >= Total, $"all {Total} traps handled", TimeSpan.FromSeconds(60));
        Assert.Equal(Total, stats.Delivered);
        Assert.Equal(0, stats.TotalDropped);
        Assert.Equal(0, stats.SocketBufferDrops);
        Assert.Equal(Total, stats.ActiveSessions);
        Assert.Equal(0, stats.SessionsEvicted);
        for (var i = 0; i < Replayed; i++)
            Assert.Equal(ReplayedTrapOid, replayed.ExpectMsg<TrapReceived>().Notification.TrapOid.ToString());

        var session = await Sys.ActorSelection($"/system/trap-actors/listener-udp-127.0.0.1-0/peer-{sources[^1].Address}-{sources[^1].Port}")
            .Ask<ActorIdentity>(new Identify(null), AskTimeout);
        Assert.NotNull(session.Subject);
        Assert.IsType<CompactMessageQueue>(((LocalActorRef)session.Subject!).Cell.Mailbox!.MessageQueue);
    }
}
