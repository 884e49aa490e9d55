using System.Collections.Concurrent;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// The check-engine policy is asked about noAuthNoPriv traps too (net-snmp's snmptrap -l noAuthNoPriv): with
/// DefaultAccept true (no timeliness without authentication), and its answer decides. It answers asynchronously here,
/// so the message waits for it and resumes. An unauthenticated message never adds or updates an engine.
/// </summary>
public sealed class UsmCheckEngineNoAuthTests() : UsmSpec("", new TrapReceiverSetup
{
    Users = [Nina.ToUsmUser()],
    UsmPolicies = new UsmPolicies
    {
        CheckEngine = async r =>
        {
            Asked.Enqueue(r);
            await Task.Delay(20);
            return UsmTestData.Hex(r.EngineId) != EngineB[2..];
        },
    },
})
{
    private const string EngineA = "0x80000000010203041a";
    private const string EngineB = "0x80000000010203041b";
    private static readonly V3User Nina = new("nina");
    private static readonly ConcurrentQueue<CheckEngineRequest> Asked = new();

    [Fact]
    public async Task A_noAuthNoPriv_trap_is_delivered_or_refused_as_the_policy_says()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(Nina, EngineA, "from A", bootsTime: "3,333");
        await ExpectTrapAsync(subscriber, "nina", "from A");
        var asked = Assert.Single(Asked);
        Assert.Equal(EngineA[2..], UsmTestData.Hex(asked.EngineId));
        Assert.Equal(SecurityLevel.NoAuthNoPriv, asked.Level);
        Assert.Equal("nina", asked.User);
        Assert.True(asked.IsNew);
        Assert.True(asked.DefaultAccept, "without authentication there is no timeliness check: accepted by default");
        Assert.Equal((3, 333), (asked.EngineBoots, asked.EngineTime));

        await SendTrapAsync(Nina, EngineB, "from B", bootsTime: "3,333");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadEngineId, DropReason.UnknownEngine,
            UsmStats.Empty with { UnknownEngineIds = 1 }, (DropReason.UnknownEngine, 1));

        // Asked for every noAuthNoPriv message: the engine of an unauthenticated message is never added.
        await SendTrapAsync(Nina, EngineA, "A again", bootsTime: "3,340");
        await ExpectTrapAsync(subscriber, "nina", "A again");
        Assert.Equal(3, Asked.Count);
        Assert.True(Asked.Last().IsNew);
        Assert.DoesNotContain(await ShowCacheAsync(), e => e.User is null);
    }
}
