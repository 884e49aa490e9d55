using System.Net;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Sessions;

/// <summary>
/// session.max-sessions bounds the sessions, not the sources served: at the cap the least recently used idle session
/// makes room. net-snmp's snmptrap sends each notification from a new source port, so each run is a new source.
/// </summary>
public sealed class SessionEvictionTests() : ReceiverSpec("trap-actors.session.max-sessions = 3")
{
    private const int Runs = 7;

    [Fact]
    public async Task Every_snmptrap_run_beyond_max_sessions_is_delivered_and_the_evictions_are_counted()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var sources = new HashSet<IPEndPoint>();

        for (var i = 0; i < Runs; i++)
        {
            var trapOid = $"1.3.6.1.4.1.8072.9999.1.{i}";
            var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "", trapOid);
            Assert.True(sent.ExitCode == 0, sent.ToString());
            var trap = await this.TrapAsync();
            Assert.Equal(trapOid, trap.TrapOid.ToString());
            sources.Add(trap.Origin.Source);
        }

        Assert.True(sources.Count > 3, $"snmptrap used {sources.Count} source ports in {Runs} runs");
        var stats = await AwaitStatsAsync(s => s.ActiveSessions <= 3, "the evicted sessions stopped");
        Assert.Equal(Runs, stats.Delivered);
        Assert.Equal(0, stats.Dropped[DropReason.SessionLimit]);
        Assert.Equal(sources.Count - 3, stats.SessionsEvicted);
    }
}
