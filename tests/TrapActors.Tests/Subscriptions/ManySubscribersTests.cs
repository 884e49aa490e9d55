using Akka.Actor;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Subscriptions;

/// <summary>
/// 200 subscriber actors with distinct trap-OID prefixes (and one holding their common parent prefix plus a source):
/// net-snmp's traps reach exactly the subscribers whose filters select them, through the trap-OID index.
/// </summary>
public class ManySubscribersTests : ReceiverSpec
{
    private const string Base = "1.3.6.1.4.1.9999";
    private const int Count = 200;

    private sealed record Got(int Subscriber, string TrapOid);

    private sealed class Tagger : ReceiveActor
    {
        public Tagger(int id, IActorRef target) =>
            Receive<TrapReceived>(t => target.Tell(new Got(id, t.Notification.TrapOid.ToString())));
    }

    [Fact]
    public async Task Traps_reach_exactly_the_subscribers_whose_prefixes_match()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmptrap is required (bash .ci/run installs it)");
        var target = await ReceiverEndPointAsync();
        for (var i = 0; i < Count; i++)
            await SubscribeAsync(Sys.ActorOf(Props.Create(() => new Tagger(i, TestActor))), TrapFilter.ByTrapOid($"{Base}.{i}"));
        await SubscribeAsync(Sys.ActorOf(Props.Create(() => new Tagger(Count, TestActor))),
            TrapFilter.ByTrapOid(Base).AndSource(System.Net.IPAddress.Loopback));

        string[] sent = [$"{Base}.0.0.1", $"{Base}.57.3", $"{Base}.199", $"{Base}.250.1", "1.3.6.1.4.1.99990.1"];
        foreach (var trapOid in sent)
        {
            var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "1", trapOid);
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        Got[] expected =
        [
            new(0, sent[0]), new(57, sent[1]), new(199, sent[2]),
            new(Count, sent[0]), new(Count, sent[1]), new(Count, sent[2]), new(Count, sent[3]),
        ];
        var got = new List<Got>();
        for (var i = 0; i < expected.Length; i++)
            got.Add(await ExpectMsgAsync<Got>(TimeSpan.FromSeconds(10)));
        Assert.Equal(expected.OrderBy(g => g.Subscriber).ThenBy(g => g.TrapOid), got.OrderBy(g => g.Subscriber).ThenBy(g => g.TrapOid));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        var stats = await AwaitStatsAsync(s => s.Delivered + s.Dropped[DropReason.NoSubscriber] == sent.Length, "5 traps handled");
        Assert.Equal(1, stats.Dropped[DropReason.NoSubscriber]);
    }
}
