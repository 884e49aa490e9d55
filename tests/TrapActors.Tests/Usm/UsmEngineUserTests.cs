using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>One user name, two engines, two sets of passwords: each engine's user is used for its own engine only.</summary>
public sealed class UsmEngineBoundUserTests() : UsmSpec("", new TrapReceiverSetup
{
    Users = [OnA.ToUsmUser(UsmTestData.Engine(EngineA)), OnB.ToUsmUser(UsmTestData.Engine(EngineB))],
})
{
    private const string EngineA = "0x8000000001020304a1";
    private const string EngineB = "0x8000000001020304b2";
    private static readonly V3User OnA = new("router", "SHA", "router-auth-on-a", "AES", "router-priv-on-a");
    private static readonly V3User OnB = new("router", "SHA-256", "router-auth-on-b", "AES-256", "router-priv-on-b");

    [Fact]
    public async Task Each_engine_uses_its_own_passwords()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();
        Assert.Equal(0, (await StatsAsync()).Usm.KeyDerivations); // the setup's users are hashed on first use (decision 0038)

        await SendTrapAsync(OnA, EngineA, "A with A's passwords");
        var a = await ExpectTrapAsync(subscriber, "router", "A with A's passwords");
        Assert.Equal(EngineA[2..], UsmTestData.Hex(a.Origin.EngineId));

        await SendTrapAsync(OnB, EngineB, "B with B's passwords");
        var b = await ExpectTrapAsync(subscriber, "router", "B with B's passwords");
        Assert.Equal(EngineB[2..], UsmTestData.Hex(b.Origin.EngineId));
        var derived = (await StatsAsync()).Usm.KeyDerivations;
        Assert.Equal(8, derived); // per engine-bound user: Ku for authentication and privacy, both localized

        await SendTrapAsync(OnA, EngineB, "B with A's passwords");
        var stats = await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.VerificationFailed, DropReason.WrongDigest,
            UsmStats.Empty with { WrongDigests = 1 }, (DropReason.WrongDigest, 1));

        // Keys of engine-bound users are derived once, on first use: nothing per packet.
        Assert.Equal(derived, stats.Usm.KeyDerivations);

        // One cache entry per user and engine, the engines' clocks shown on their users' entries.
        var entries = await ShowCacheAsync();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("router", e.User));
        Assert.Equal([EngineA[2..], EngineB[2..]], entries.Select(e => UsmTestData.Hex(e.EngineId)).Order().ToArray());
        Assert.All(entries, e => Assert.True(e.EngineBoots > 0 || e.EngineTime > 0, $"no clock on {e}"));
    }

    [Fact]
    public async Task Removing_the_user_of_one_engine_leaves_the_other()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        Assert.False((await AskAsync<UsmUserRemoved>(new RemoveUsmUser("router", []))).Existed); // there is no any-engine router
        Assert.True((await AskAsync<UsmUserRemoved>(new RemoveUsmUser("router", UsmTestData.Engine(EngineA)))).Existed);

        await SendTrapAsync(OnB, EngineB, "B still");
        await ExpectTrapAsync(subscriber, "router", "B still");
        await SendTrapAsync(OnA, EngineA, "A gone");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser,
            UsmStats.Empty with { UnknownUserNames = 1 }, (DropReason.UnknownUser, 1));
    }

    [Fact]
    public async Task The_user_is_unknown_for_a_third_engine()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(OnA, "0x8000000001020304c3", "C");

        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser,
            UsmStats.Empty with { UnknownUserNames = 1 }, (DropReason.UnknownUser, 1));
    }
}

/// <summary>A user for any engine is localized once per sender engine, and the localized keys are reused.</summary>
public sealed class UsmAnyEngineUserTests() : UsmSpec("", new TrapReceiverSetup { Users = [User.ToUsmUser()] })
{
    private const string EngineA = "0x8000000001020304d4";
    private const string EngineB = "0x8000000001020304e5";
    private static readonly V3User User = new("roamer", "SHA", "roamer-auth-1", "AES", "roamer-priv-1");

    [Fact]
    public async Task Two_engines_are_delivered_and_each_is_localized_once()
    {
        var subscriber = await SubscriberAsync();
        var atStart = (await StatsAsync()).Usm.KeyDerivations;
        Assert.Equal(0, atStart); // hashed on first use (decision 0038)

        await SendTrapAsync(User, EngineA, "A1");
        Assert.Equal(EngineA[2..], UsmTestData.Hex((await ExpectTrapAsync(subscriber, "roamer", "A1")).Origin.EngineId));
        await SendTrapAsync(User, EngineB, "B1");
        Assert.Equal(EngineB[2..], UsmTestData.Hex((await ExpectTrapAsync(subscriber, "roamer", "B1")).Origin.EngineId));
        var afterFirstRound = (await StatsAsync()).Usm.KeyDerivations;
        Assert.Equal(2 + 4, afterFirstRound); // password to Ku (authentication and privacy) once, Kul for both per engine

        await SendTrapAsync(User, EngineA, "A2");
        await ExpectTrapAsync(subscriber, "roamer", "A2");
        await SendTrapAsync(User, EngineB, "B2");
        await ExpectTrapAsync(subscriber, "roamer", "B2");
        var stats = await StatsAsync();
        Assert.Equal(afterFirstRound, stats.Usm.KeyDerivations);
        Assert.Equal(4, stats.Delivered);
        Assert.Equal(0, stats.TotalDropped);
    }
}
