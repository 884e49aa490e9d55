using System.Collections.Concurrent;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>The USM commands (the reference's authentication cache methods) sent to the receiver at run time.</summary>
public sealed class UsmCommandTests() : UsmSpec("", new TrapReceiverSetup { Users = [Keeper.ToUsmUser(), Quiet.ToUsmUser()] })
{
    private const string Engine = "0x800000000102030401a0";
    private static readonly V3User Keeper = new("keeper", "SHA", "keeper-auth-1", "AES", "keeper-priv-1");
    private static readonly V3User Quiet = new("quiet");
    private static readonly V3User Late = new("late", "SHA-384", "late-auth-1", "AES-192-C", "late-priv-1");

    [Fact]
    public async Task A_user_added_at_run_time_receives_and_once_removed_is_unknown()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(Late, Engine, "too early");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser,
            UsmStats.Empty with { UnknownUserNames = 1 }, (DropReason.UnknownUser, 1));

        var derivations = (await StatsAsync()).Usm.KeyDerivations;
        var added = await AskAsync<UsmUserAdded>(new AddUsmUser(Late.ToUsmUser()));
        Assert.Equal("late", added.Name);
        Assert.True(added.EngineId.IsEmpty);
        Assert.Equal(derivations + 2, (await StatsAsync()).Usm.KeyDerivations); // Ku for auth and priv, at once

        await SendTrapAsync(Late, Engine, "in time");
        var n = await ExpectTrapAsync(subscriber, "late", "in time");
        Assert.Equal(SecurityLevel.AuthPriv, n.Origin.SecurityLevel);

        var removed = await AskAsync<UsmUserRemoved>(new RemoveUsmUser("late", []));
        Assert.True(removed.Existed);
        await SendTrapAsync(Late, Engine, "too late");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser,
            UsmStats.Empty with { UnknownUserNames = 2 }, (DropReason.UnknownUser, 2));

        Assert.False((await AskAsync<UsmUserRemoved>(new RemoveUsmUser("late", []))).Existed);
        // Removing the any-engine user does not match a user of another engine, and vice versa.
        Assert.False((await AskAsync<UsmUserRemoved>(new RemoveUsmUser("keeper", UsmTestData.Engine(Engine)))).Existed);
        Assert.Equal(2, (await ShowCacheAsync()).Count(e => e.User is not null));
    }

    [Fact]
    public async Task Adding_a_user_again_replaces_its_passwords()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();
        var renewed = Keeper with { AuthPassword = "keeper-auth-2", PrivPassword = "keeper-priv-2" };

        await AskAsync<UsmUserAdded>(new AddUsmUser(renewed.ToUsmUser()));

        await SendTrapAsync(renewed, Engine, "new passwords");
        await ExpectTrapAsync(subscriber, "keeper", "new passwords");
        await SendTrapAsync(Keeper, Engine, "old passwords");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.VerificationFailed, DropReason.WrongDigest,
            UsmStats.Empty with { WrongDigests = 1 }, (DropReason.WrongDigest, 1));
        Assert.Single(await ShowCacheAsync("keeper"));
    }

    [Fact]
    public async Task ShowUsmCache_lists_users_and_engines_with_passwords_masked()
    {
        var subscriber = await SubscriberAsync();
        await SendTrapAsync(Keeper, Engine, "registers the engine", bootsTime: "3,77");
        await ExpectTrapAsync(subscriber, "keeper", "registers the engine");

        var entries = await ShowCacheAsync();

        Assert.Equal(3, entries.Count);
        var keeper = Assert.Single(entries, e => e.User == "keeper");
        Assert.True(keeper.EngineId.IsEmpty);
        Assert.Equal("SHA", keeper.AuthProtocol);
        Assert.Equal("********", keeper.AuthPassword);
        Assert.Equal("AES", keeper.PrivProtocol);
        Assert.Equal("********", keeper.PrivPassword);
        Assert.DoesNotContain("keeper-", keeper.ToString());
        var quiet = Assert.Single(entries, e => e.User == "quiet");
        Assert.Equal("none", quiet.AuthProtocol);
        Assert.Null(quiet.AuthPassword);
        Assert.Equal("none", quiet.PrivProtocol);
        Assert.Null(quiet.PrivPassword);
        var engine = Assert.Single(entries, e => e.User is null);
        Assert.Equal(Engine[2..], UsmTestData.Hex(engine.EngineId));
        Assert.Equal(3, engine.EngineBoots);
        Assert.InRange(engine.EngineTime, 77, 77 + 30);

        var forKeeper = await ShowCacheAsync("keeper");
        Assert.Equal("keeper", Assert.Single(forKeeper).User);
        Assert.Empty(await ShowCacheAsync("nobody"));
    }

    [Fact]
    public async Task ClearUsmCache_forgets_users_and_engines()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();
        await SendTrapAsync(Keeper, Engine, "boots 9", bootsTime: "9,900");
        await ExpectTrapAsync(subscriber, "keeper", "boots 9");

        await AskAsync<UsmCacheCleared>(ClearUsmCache.Instance);

        Assert.Empty(await ShowCacheAsync());
        await SendTrapAsync(Keeper, Engine, "after clear", bootsTime: "9,901");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser,
            UsmStats.Empty with { UnknownUserNames = 1 }, (DropReason.UnknownUser, 1));

        // The engine was forgotten too: an earlier boot is a new engine again, not outside the time window.
        await AskAsync<UsmUserAdded>(new AddUsmUser(Keeper.ToUsmUser()));
        await SendTrapAsync(Keeper, Engine, "boots 2", bootsTime: "2,20");
        await ExpectTrapAsync(subscriber, "keeper", "boots 2");
    }

    [Fact]
    public async Task AddUsmEngine_sets_the_engines_clock_and_RemoveUsmEngine_forgets_it()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();
        var engineId = UsmTestData.Engine(Engine);

        var added = await AskAsync<UsmEngineAdded>(new AddUsmEngine(engineId, 7, 500));
        Assert.Equal(UsmTestData.Hex(engineId), UsmTestData.Hex(added.EngineId));
        var shown = Assert.Single(await ShowCacheAsync(), e => e.User is null);
        Assert.Equal(7, shown.EngineBoots);
        Assert.InRange(shown.EngineTime, 500, 530);

        // Boots 6 is an earlier boot of the registered engine.
        await SendTrapAsync(Keeper, Engine, "boots 6", bootsTime: "6,600");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadTimeFrame, DropReason.NotInTimeWindow,
            UsmStats.Empty with { NotInTimeWindows = 1 }, (DropReason.NotInTimeWindow, 1));
        await SendTrapAsync(Keeper, Engine, "boots 7", bootsTime: "7,505");
        await ExpectTrapAsync(subscriber, "keeper", "boots 7");

        Assert.True((await AskAsync<UsmEngineRemoved>(new RemoveUsmEngine(engineId))).Existed);
        Assert.False((await AskAsync<UsmEngineRemoved>(new RemoveUsmEngine(engineId))).Existed);
        Assert.DoesNotContain(await ShowCacheAsync(), e => e.User is null);
        await SendTrapAsync(Keeper, Engine, "boots 6 again", bootsTime: "6,600");
        await ExpectTrapAsync(subscriber, "keeper", "boots 6 again");
    }

    [Fact]
    public async Task GetLocalEngine_returns_the_configured_engine()
    {
        var info = await AskAsync<LocalEngineInfo>(GetLocalEngine.Instance);

        Assert.Equal(UsmTestData.LocalEngineHex, UsmTestData.Hex(info.EngineId));
        Assert.True(info.EngineBoots >= 1, $"boots {info.EngineBoots}");
        Assert.InRange(info.EngineTime, 0, 60);
    }

    [Fact]
    public async Task HashUsmPasswords_answers_with_the_number_of_users()
    {
        Assert.Equal(2, (await AskAsync<UsmPasswordsHashed>(HashUsmPasswords.Instance)).Users);
        await AskAsync<UsmUserAdded>(new AddUsmUser(Late.ToUsmUser()));
        Assert.Equal(3, (await AskAsync<UsmPasswordsHashed>(HashUsmPasswords.Instance)).Users);
    }
}

/// <summary>usm.show-passwords = on: ShowUsmCache shows passwords, and keys in hex.</summary>
public sealed class UsmShowPasswordsTests() : UsmSpec("trap-actors.usm.show-passwords = on", new TrapReceiverSetup
{
    Users =
    [
        UsmUser.AuthPriv("plain", AuthProtocol.HmacSha1, "plain-auth-1", PrivProtocol.Aes128, "plain-priv-1"),
        new UsmUser("keyed", AuthProtocol.HmacMd5, UsmSecret.MasterKey(MasterKey), PrivProtocol.Des, UsmSecret.LocalizedKey(LocalizedKey),
            UsmTestData.Engine("800000000102030402b0")),
    ],
})
{
    private static readonly byte[] MasterKey = Convert.FromHexString("00112233445566778899aabbccddeeff");
    private static readonly byte[] LocalizedKey = Convert.FromHexString("ffeeddccbbaa99887766554433221100");

    [Fact]
    public async Task Passwords_and_keys_are_shown()
    {
        var entries = await ShowCacheAsync();

        var plain = Assert.Single(entries, e => e.User == "plain");
        Assert.Equal("plain-auth-1", plain.AuthPassword);
        Assert.Equal("plain-priv-1", plain.PrivPassword);
        var keyed = Assert.Single(entries, e => e.User == "keyed");
        Assert.Equal("800000000102030402b0", UsmTestData.Hex(keyed.EngineId));
        Assert.Equal("MD5", keyed.AuthProtocol);
        Assert.Equal("00112233445566778899aabbccddeeff", keyed.AuthPassword);
        Assert.Equal("DES", keyed.PrivProtocol);
        Assert.Equal("ffeeddccbbaa99887766554433221100", keyed.PrivPassword);
        // Never in the entries' string form, even when shown.
        Assert.DoesNotContain("plain-auth-1", plain.ToString());
    }
}

/// <summary>The credential provider (UsmPolicies.GetUser) answers asynchronously for users not in the cache.</summary>
public sealed class UsmCredentialProviderTests() : UsmSpec("", new TrapReceiverSetup
{
    Users = [],
    UsmPolicies = new UsmPolicies { GetUser = ProvideAsync },
})
{
    private const string Engine = "0x800000000102030403c0";
    private static readonly V3User Lazy = new("lazy", "SHA-256", "lazy-auth-1", "AES-256", "lazy-priv-1");
    private static readonly ConcurrentQueue<UsmUserRequest> Requests = new();

    private static async ValueTask<UsmUser?> ProvideAsync(UsmUserRequest request)
    {
        Requests.Enqueue(request);
        await Task.Delay(50);
        return request.User == "lazy" ? Lazy.ToUsmUser() : null;
    }

    [Fact]
    public async Task A_provided_user_is_delivered_and_cached_and_an_unprovided_one_is_unknown()
    {
        Requests.Clear();
        WatchBadPackets();
        var subscriber = await SubscriberAsync();
        Assert.Empty(await ShowCacheAsync());

        await SendTrapAsync(Lazy, Engine, "first");
        var n = await ExpectTrapAsync(subscriber, "lazy", "first");
        Assert.Equal(SecurityLevel.AuthPriv, n.Origin.SecurityLevel);
        var request = Assert.Single(Requests);
        Assert.Equal("lazy", request.User);
        Assert.Equal(Engine[2..], UsmTestData.Hex(request.EngineId));
        Assert.Equal(SecurityLevel.AuthPriv, request.RequestedLevel);
        var cached = Assert.Single(await ShowCacheAsync("lazy"));
        Assert.Equal("SHA-256", cached.AuthProtocol);
        Assert.Equal("AES-256", cached.PrivProtocol);

        // Cached now: the provider is not asked again.
        await SendTrapAsync(Lazy, Engine, "second");
        await ExpectTrapAsync(subscriber, "lazy", "second");
        Assert.Single(Requests);

        await SendTrapAsync(new V3User("stranger", "SHA", "stranger-auth-1"), Engine, "who?");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser,
            UsmStats.Empty with { UnknownUserNames = 1 }, (DropReason.UnknownUser, 1));
        Assert.Equal(["lazy", "stranger"], Requests.Select(r => r.User).ToArray());
        Assert.DoesNotContain(await ShowCacheAsync(), e => e.User == "stranger");
    }
}

/// <summary>A message still waiting for a USM policy when the receiver stops is counted, so the stats always add up.</summary>
public sealed class UsmPendingAtShutdownTests() : UsmSpec("", new TrapReceiverSetup
{
    Users = [],
    UsmPolicies = new UsmPolicies { GetUser = NeverAsync },
})
{
    private static readonly TaskCompletionSource<UsmUser?> Never = new();

    private static ValueTask<UsmUser?> NeverAsync(UsmUserRequest request) => new(Never.Task);

    [Fact]
    public async Task Deactivating_counts_the_message_as_stopped_while_pending()
    {
        await SubscriberAsync();
        await SendTrapAsync(new V3User("waiting", "SHA", "waiting-auth-1"), "0x800000000102030403c1", "never decided");
        await AwaitStatsAsync(s => s.Decoded == 1, "the trap reached its session");

        await Receiver.Ask<Deactivated>(Deactivate.Instance, AskTimeout);

        var stats = await AwaitStatsAsync(s => s.Dropped[DropReason.StoppedWhilePending] == 1, "the pending message counted");
        Assert.Equal(1, stats.Received);
        Assert.Equal(0, stats.Delivered);
        Assert.Equal(stats.Received, stats.Delivered + stats.TotalDropped);
    }
}

/// <summary>A key-store policy that throws while a user is added: AddUsmUser fails at once instead of never answering.</summary>
public sealed class UsmAddUserPolicyFailureTests() : UsmSpec("", new TrapReceiverSetup
{
    Users = [],
    UsmPolicies = new UsmPolicies { StoredMasterKey = r => r.User == "broken" ? throw new InvalidOperationException("key store offline") : null },
})
{
    [Fact]
    public async Task AddUsmUser_replies_with_the_failure_and_the_receiver_keeps_working()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AskAsync<UsmUserAdded>(new AddUsmUser(UsmUser.AuthNoPriv("broken", AuthProtocol.HmacSha1, "broken-auth-1"))));
        Assert.Equal("key store offline", e.Message);

        await AskAsync<UsmUserAdded>(new AddUsmUser(UsmUser.AuthNoPriv("fine", AuthProtocol.HmacSha1, "fine-auth-1")));
        Assert.Equal(["fine"], (await ShowCacheAsync()).Select(c => c.User));
    }
}
