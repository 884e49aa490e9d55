using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Sessions;

/// <summary>
/// A session that holds an inform awaiting its subscriber's decision is never evicted, and that inform is still
/// answered; only when every session holds work is a new source refused (session-limit). net-snmp's snmpinform waits
/// for the Response, so its exit code says whether the inform was answered.
/// </summary>
public sealed class BusySessionEvictionTests() : ReceiverSpec("""
    trap-actors.session.max-sessions = 2
    trap-actors.inform { acknowledge = by-subscriber, decision-timeout = 60s }
    """)
{
    private const string InformOid = "1.3.6.1.4.1.8072.9999.2.1";

    [Fact]
    public async Task Sessions_awaiting_an_inform_decision_are_not_evicted_and_refusal_comes_only_when_all_are_busy()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);

        var first = InformAsync(target, "1");
        var firstInform = await this.InformAsync(TimeSpan.FromSeconds(10));
        Assert.True(firstInform.Acknowledgement.IsPending);

        // Two new sources for one free slot: each evicts the other's idle session, never the busy one.
        for (var i = 0; i < 3; i++)
            await TrapDeliveredAsync(target, i);
        var stats = await AwaitStatsAsync(s => s.SessionsEvicted == 2 && s.ActiveSessions == 2, "two evictions");
        Assert.Equal(0, stats.Dropped[DropReason.SessionLimit]);

        // A second inform takes the last idle session's place: now both sessions hold an inform.
        var second = InformAsync(target, "2");
        var secondInform = await this.InformAsync(TimeSpan.FromSeconds(10));
        await AwaitStatsAsync(s => s.SessionsEvicted == 3, "the third eviction");

        var refused = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "", "1.3.6.1.4.1.8072.9999.2.9");
        Assert.True(refused.ExitCode == 0, refused.ToString());
        stats = await AwaitStatsAsync(s => s.Dropped[DropReason.SessionLimit] == 1, "the new source refused: every session is busy");
        Assert.Equal(3, stats.SessionsEvicted);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        // Both informs are still answered.
        firstInform.Respond();
        secondInform.Respond();
        foreach (var run in new[] { first, second })
        {
            var result = await run;
            Assert.True(result.ExitCode == 0, $"snmpinform got its Response: {result}");
        }
        Assert.Equal(2, (await AwaitStatsAsync(s => s.InformsAnswered == 2, "both answered")).InformsAnswered);

        // Decided, the sessions are idle again: the next new source evicts one.
        await TrapDeliveredAsync(target, 3);
        Assert.Equal(4, (await AwaitStatsAsync(s => s.SessionsEvicted == 4, "the fourth eviction")).SessionsEvicted);
    }

    private static Task<ToolResult> InformAsync(System.Net.IPEndPoint target, string value) =>
        NetSnmpTools.SnmpInformAsync("-v", "2c", "-c", "public", "-r", "0", "-t", "30", $"127.0.0.1:{target.Port}", "", InformOid,
            "1.3.6.1.4.1.8072.9999.2.2", "s", value);

    private async Task TrapDeliveredAsync(System.Net.IPEndPoint target, int i)
    {
        var trapOid = $"1.3.6.1.4.1.8072.9999.2.1{i}";
        var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "", trapOid);
        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.Equal(trapOid, (await this.TrapAsync()).TrapOid.ToString());
    }
}
