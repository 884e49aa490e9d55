using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// One any-engine user's key fills the remote engine table with engine IDs it invents (snmptrap -e, a real peer): past
/// usm.max-remote-engines-per-user its own least recently used engines leave, a new real device with another user is
/// still accepted (a learned engine is evicted for it), and the engine the application added is never evicted.
/// </summary>
public sealed class UsmRemoteEngineTableTests() : UsmSpec(
    "trap-actors.usm { max-remote-engines = 4, max-remote-engines-per-user = 2 }",
    new TrapReceiverSetup { Users = [Mallory.ToUsmUser(), Alice.ToUsmUser(), Bob.ToUsmUser()] })
{
    private static readonly V3User Mallory = new("mallory", "SHA", "mallory-auth-1", "AES", "mallory-priv-1");
    private static readonly V3User Alice = new("alice", "SHA", "alice-auth-1", "AES", "alice-priv-1");
    private static readonly V3User Bob = new("bob", "SHA", "bob-auth-1", "AES", "bob-priv-1");
    private const string Added = "8000000001020304dd00";

    [Fact]
    public async Task Invented_engines_push_out_only_their_own_user_s_engines_and_a_new_device_is_accepted()
    {
        await AskAsync<UsmEngineAdded>(new AddUsmEngine(UsmTestData.Engine(Added), 1, 1));
        var subscriber = await SubscriberAsync();
        await SendTrapAsync(Alice, "0x8000000001020304dd0a", "alice", bootsTime: "3,100");
        await ExpectTrapAsync(subscriber, "alice", "alice");

        for (var i = 1; i <= 4; i++)
        {
            await SendTrapAsync(Mallory, $"0x8000000001020304dd1{i}", $"invented {i}", bootsTime: "1,1");
            await ExpectTrapAsync(subscriber, "mallory", $"invented {i}");
        }
        var afterFlood = await StatsAsync();
        Assert.Equal(2, afterFlood.Usm.RemoteEnginesOverQuota);
        Assert.Equal(0, afterFlood.Usm.RemoteEnginesEvicted);
        Assert.Equal(["8000000001020304dd00", "8000000001020304dd0a", "8000000001020304dd13", "8000000001020304dd14"], await EnginesAsync());

        // A new device (another user) in the full table: accepted, the least recently used learned engine makes room.
        await SendTrapAsync(Bob, "0x8000000001020304dd0b", "bob", bootsTime: "5,500");
        await ExpectTrapAsync(subscriber, "bob", "bob");
        var stats = await AwaitStatsAsync(s => s.Usm.RemoteEnginesEvicted == 1, "one engine evicted");
        Assert.Equal(0, stats.Usm.RemoteEnginesRefused);
        Assert.Equal(0, stats.Usm.UnknownEngineIds);
        Assert.Equal(0, stats.TotalDropped);
        var engines = await EnginesAsync();
        Assert.Contains(Added, engines);
        Assert.Contains("8000000001020304dd0b", engines);
        Assert.Equal(4, engines.Count);
    }

    private async Task<List<string>> EnginesAsync() =>
        [.. (await ShowCacheAsync()).Where(e => e.User is null).Select(e => UsmTestData.Hex(e.EngineId)).Order()];
}

/// <summary>A table full of engines the application added refuses a new learned engine, counted.</summary>
public sealed class UsmRemoteEngineTableFullTests() : UsmSpec("trap-actors.usm.max-remote-engines = 1", new TrapReceiverSetup { Users = [User.ToUsmUser()] })
{
    private static readonly V3User User = new("carol", "SHA", "carol-auth-1");

    [Fact]
    public async Task Engines_added_by_the_application_are_never_evicted()
    {
        await AskAsync<UsmEngineAdded>(new AddUsmEngine(UsmTestData.Engine("8000000001020304dc00"), 1, 1));
        WatchBadPackets();
        var subscriber = await SubscriberAsync();
        await SendTrapAsync(User, "0x8000000001020304dc01", "new", bootsTime: "1,1");
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadEngineId, DropReason.UnknownEngine);
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        var stats = await AwaitStatsAsync(s => s.Usm.RemoteEnginesRefused == 1, "one engine refused");
        Assert.Equal(0, stats.Usm.RemoteEnginesEvicted);
    }
}
