using Akka.TestKit;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>RFC 3414 §3.2 refusals for bad credentials, each counted once and delivering nothing.</summary>
public sealed class UsmCredentialRejectionTests() : UsmSpec("", new TrapReceiverSetup
{
    Users = [Aes.ToUsmUser(), Des.ToUsmUser(), Auth.ToUsmUser()],
})
{
    private const string Engine = "0x80000000010203040a";

    private static readonly V3User Aes = new("carol", "SHA", "carol-auth-1", "AES", "carol-priv-1");
    private static readonly V3User Des = new("dave", "MD5", "dave-auth-1", "DES", "dave-priv-1");
    private static readonly V3User Auth = new("erin", "SHA-256", "erin-auth-1");

    [Fact]
    public async Task A_wrong_authentication_password_is_a_wrong_digest()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(Auth with { AuthPassword = "not-erins-password" }, Engine, "wrong auth");

        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.VerificationFailed, DropReason.WrongDigest,
            UsmStats.Empty with { WrongDigests = 1 }, (DropReason.WrongDigest, 1));

        // The same user with the right password gets through: only the digest was wrong.
        await SendTrapAsync(Auth, Engine, "right auth");
        await ExpectTrapAsync(subscriber, "erin", "right auth");
    }

    [Fact]
    public async Task A_wrong_authentication_password_of_an_authPriv_user_is_a_wrong_digest_not_a_decryption_error()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(Aes with { AuthPassword = "not-carols-password" }, Engine, "wrong auth");

        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.VerificationFailed, DropReason.WrongDigest,
            UsmStats.Empty with { WrongDigests = 1 }, (DropReason.WrongDigest, 1));
    }

    [Theory]
    [InlineData("AES")]
    [InlineData("DES")]
    public async Task A_wrong_privacy_password_with_the_right_authentication_is_a_decryption_error(string priv)
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();
        var user = priv == "AES" ? Aes : Des;

        await SendTrapAsync(user with { PrivPassword = "not-the-privacy-password" }, Engine, "wrong priv");

        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.DecryptionFailed, DropReason.DecryptionError,
            UsmStats.Empty with { DecryptionErrors = 1 }, (DropReason.DecryptionError, 1));

        await SendTrapAsync(user, Engine, "right priv");
        await ExpectTrapAsync(subscriber, user.Name, "right priv");
    }

    [Fact]
    public async Task An_unknown_user_is_refused_as_unknown_user_name()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(new V3User("mallory", "SHA", "mallory-auth-1", "AES", "mallory-priv-1"), Engine, "who?");

        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser,
            UsmStats.Empty with { UnknownUserNames = 1 }, (DropReason.UnknownUser, 1));
    }

    [Fact]
    public async Task An_unknown_noAuth_user_is_refused_as_unknown_user_name()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(new V3User("nobody"), Engine, "who?");

        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser,
            UsmStats.Empty with { UnknownUserNames = 1 }, (DropReason.UnknownUser, 1));
    }
}

/// <summary>A check-engine policy that refuses every new engine: authenticated traps from it are unknown-engine drops.</summary>
public sealed class UsmEngineRefusedTests() : UsmSpec("", new TrapReceiverSetup
{
    Users = [User.ToUsmUser()],
    UsmPolicies = new UsmPolicies { CheckEngine = _ => ValueTask.FromResult(false) },
})
{
    private static readonly V3User User = new("frank", "SHA", "frank-auth-1", "AES", "frank-priv-1");

    [Fact]
    public async Task A_trap_from_a_refused_engine_is_an_unknown_engine_drop()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(User, "0x80000000010203040b", "refused");

        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadEngineId, DropReason.UnknownEngine,
            UsmStats.Empty with { UnknownEngineIds = 1 }, (DropReason.UnknownEngine, 1));
        // Not registered: the cache shows the user but no engine.
        Assert.DoesNotContain(await ShowCacheAsync(), e => e.User is null);
    }
}

/// <summary>An asynchronous check-engine policy that accepts engine A only, and sees the request's details.</summary>
public sealed class UsmEngineSelectedTests() : UsmSpec("", new TrapReceiverSetup
{
    Users = [User.ToUsmUser()],
    UsmPolicies = new UsmPolicies
    {
        CheckEngine = async r =>
        {
            await Task.Delay(20);
            return r.IsNew && r.DefaultAccept && r.User == "grace" && r.Level == SecurityLevel.AuthPriv
                && UsmTestData.Hex(r.EngineId) == EngineA[2..] && r.EngineBoots == 3 && r.EngineTime == 333;
        },
    },
})
{
    private const string EngineA = "0x80000000010203040c";
    private const string EngineB = "0x80000000010203040d";
    private static readonly V3User User = new("grace", "SHA-512", "grace-auth-1", "AES-256", "grace-priv-1");

    [Fact]
    public async Task Only_the_accepted_engine_gets_through()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(User, EngineA, "from A", bootsTime: "3,333");
        var n = await ExpectTrapAsync(subscriber, "grace", "from A");
        Assert.Equal(EngineA[2..], UsmTestData.Hex(n.Origin.EngineId));

        await SendTrapAsync(User, EngineB, "from B", bootsTime: "3,333");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadEngineId, DropReason.UnknownEngine,
            UsmStats.Empty with { UnknownEngineIds = 1 }, (DropReason.UnknownEngine, 1));

        // A is known now: later traps from it are in time and need no decision.
        await SendTrapAsync(User, EngineA, "A again", bootsTime: "3,340");
        await ExpectTrapAsync(subscriber, "grace", "A again");
        var engines = (await ShowCacheAsync()).Where(e => e.User is null).ToList();
        Assert.Equal(EngineA[2..], UsmTestData.Hex(Assert.Single(engines).EngineId));
    }
}

/// <summary>The check-engine policy may accept a known engine that fails the time check (a device that lost its boots).</summary>
public sealed class UsmEngineResetPolicyTests() : UsmSpec("", new TrapReceiverSetup
{
    Users = [Quinn.ToUsmUser(), Rita.ToUsmUser()],
    UsmPolicies = new UsmPolicies
    {
        CheckEngine = r => ValueTask.FromResult(r.IsNew ? r.DefaultAccept : !r.DefaultAccept && r.User == "quinn"),
    },
})
{
    private const string Engine = "0x80000000010203040e1f";
    private static readonly V3User Quinn = new("quinn", "SHA", "quinn-auth-1", "AES", "quinn-priv-1");
    private static readonly V3User Rita = new("rita", "SHA", "rita-auth-1");

    [Fact]
    public async Task An_accepted_reset_moves_the_engines_clock_back()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(Quinn, Engine, "boots 5", bootsTime: "5,1000");
        await ExpectTrapAsync(subscriber, "quinn", "boots 5");

        await SendTrapAsync(Quinn, Engine, "reset to boots 2", bootsTime: "2,10");
        await ExpectTrapAsync(subscriber, "quinn", "reset to boots 2");
        Assert.Equal(2, Assert.Single(await ShowCacheAsync(), e => e.User is null).EngineBoots);

        // Boots 2 is the engine's clock now; rita's policy answer is no, so an older boot is refused.
        await SendTrapAsync(Rita, Engine, "boots 1", bootsTime: "1,5");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadTimeFrame, DropReason.NotInTimeWindow,
            UsmStats.Empty with { NotInTimeWindows = 1 }, (DropReason.NotInTimeWindow, 1));
        await SendTrapAsync(Rita, Engine, "boots 2", bootsTime: "2,20");
        await ExpectTrapAsync(subscriber, "rita", "boots 2");
    }
}

/// <summary>RFC 3414 §3.2 step 7b: a known remote engine's older time or lower boots is outside the time window.</summary>
public sealed class UsmTimeWindowTests() : UsmSpec("", new TrapReceiverSetup { Users = [User.ToUsmUser()] })
{
    private const string Engine = "0x80000000010203040e";
    private static readonly V3User User = new("heidi", "SHA", "heidi-auth-1", "AES", "heidi-priv-1");

    [Fact]
    public async Task Older_time_and_lower_boots_are_not_in_the_time_window()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(User, Engine, "boots 5 time 1000", bootsTime: "5,1000");
        await ExpectTrapAsync(subscriber, "heidi", "boots 5 time 1000");

        // 900 s older than the engine's clock: beyond the 150 s window.
        await SendTrapAsync(User, Engine, "boots 5 time 100", bootsTime: "5,100");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadTimeFrame, DropReason.NotInTimeWindow,
            UsmStats.Empty with { NotInTimeWindows = 1 }, (DropReason.NotInTimeWindow, 1));

        // An earlier boot of the engine.
        await SendTrapAsync(User, Engine, "boots 4", bootsTime: "4,2000");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadTimeFrame, DropReason.NotInTimeWindow,
            UsmStats.Empty with { NotInTimeWindows = 2 }, (DropReason.NotInTimeWindow, 2));

        // Within the window (100 s behind) is still accepted, and a reboot moves the engine on.
        await SendTrapAsync(User, Engine, "boots 5 time 900", bootsTime: "5,900");
        await ExpectTrapAsync(subscriber, "heidi", "boots 5 time 900");
        await SendTrapAsync(User, Engine, "boots 6 time 1", bootsTime: "6,1");
        await ExpectTrapAsync(subscriber, "heidi", "boots 6 time 1");
        await SendTrapAsync(User, Engine, "boots 5 again", bootsTime: "5,5000");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadTimeFrame, DropReason.NotInTimeWindow,
            UsmStats.Empty with { NotInTimeWindows = 3 }, (DropReason.NotInTimeWindow, 3));
        var engine = Assert.Single(await ShowCacheAsync(), e => e.User is null);
        Assert.Equal(6, engine.EngineBoots);
    }
}

/// <summary>Security levels below a user's minimum (or above its configuration) are usmStatsUnsupportedSecLevels.</summary>
public sealed class UsmSecurityLevelTests() : UsmSpec("", new TrapReceiverSetup
{
    Users =
    [
        Strict.ToUsmUser() with { MinimumLevel = SecurityLevel.AuthPriv },
        Full.ToUsmUser(),
        Relaxed.ToUsmUser() with { MinimumLevel = SecurityLevel.AuthNoPriv },
        AuthOnly.ToUsmUser(),
        Policed.ToUsmUser() with { MinimumLevel = SecurityLevel.NoAuthNoPriv },
    ],
    UsmPolicies = new UsmPolicies
    {
        MinimumSecurityLevel = r => ValueTask.FromResult(r.User == "policed" ? SecurityLevel.AuthPriv : r.ConfiguredMinimum),
    },
})
{
    private const string Engine = "0x80000000010203040f";
    private static readonly V3User Strict = new("strict", "SHA", "strict-auth-1", "AES", "strict-priv-1");
    private static readonly V3User Full = new("full", "SHA-256", "full-auth-1", "AES-256", "full-priv-1");
    private static readonly V3User Relaxed = new("relaxed", "MD5", "relaxed-auth-1", "DES", "relaxed-priv-1");
    private static readonly V3User AuthOnly = new("authonly", "SHA", "authonly-auth-1");
    private static readonly V3User Policed = new("policed", "SHA", "policed-auth-1", "AES", "policed-priv-1");

    [Fact]
    public async Task AuthNoPriv_below_a_minimum_of_authPriv_is_refused()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(Strict, Engine, "no privacy", SecurityLevel.AuthNoPriv);

        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.SecurityLevelNotAccepted, DropReason.UnsupportedSecurityLevel,
            UsmStats.Empty with { UnsupportedSecLevels = 1 }, (DropReason.UnsupportedSecurityLevel, 1));
        await SendTrapAsync(Strict, Engine, "private");
        await ExpectTrapAsync(subscriber, "strict", "private");
    }

    [Fact]
    public async Task A_forged_downgrade_of_an_authPriv_user_to_noAuthNoPriv_is_refused()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(Full, Engine, "forged", SecurityLevel.NoAuthNoPriv);

        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.SecurityLevelNotAccepted, DropReason.UnsupportedSecurityLevel,
            UsmStats.Empty with { UnsupportedSecLevels = 1 }, (DropReason.UnsupportedSecurityLevel, 1));
    }

    [Fact]
    public async Task A_lowered_minimum_accepts_authNoPriv_but_not_noAuthNoPriv()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(Relaxed, Engine, "auth only", SecurityLevel.AuthNoPriv);
        var n = await ExpectTrapAsync(subscriber, "relaxed", "auth only");
        Assert.Equal(SecurityLevel.AuthNoPriv, n.Origin.SecurityLevel);

        await SendTrapAsync(Relaxed, Engine, "nothing", SecurityLevel.NoAuthNoPriv);
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.SecurityLevelNotAccepted, DropReason.UnsupportedSecurityLevel,
            UsmStats.Empty with { UnsupportedSecLevels = 1 }, (DropReason.UnsupportedSecurityLevel, 1));
    }

    [Fact]
    public async Task A_level_above_the_users_configuration_is_refused()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(AuthOnly with { Priv = "AES", PrivPassword = "invented-priv-1" }, Engine, "too much");

        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.SecurityLevelNotAccepted, DropReason.UnsupportedSecurityLevel,
            UsmStats.Empty with { UnsupportedSecLevels = 1 }, (DropReason.UnsupportedSecurityLevel, 1));
    }

    [Fact]
    public async Task The_minimum_level_policy_overrides_the_users_minimum()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(Policed, Engine, "auth only", SecurityLevel.AuthNoPriv);

        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.SecurityLevelNotAccepted, DropReason.UnsupportedSecurityLevel,
            UsmStats.Empty with { UnsupportedSecLevels = 1 }, (DropReason.UnsupportedSecurityLevel, 1));
        await SendTrapAsync(Policed, Engine, "private");
        await ExpectTrapAsync(subscriber, "policed", "private");
    }
}

/// <summary>Engine discovery (RFC 3414 §4) and Reports to reportable messages.</summary>
public sealed class UsmDiscoveryTests() : UsmSpec("", new TrapReceiverSetup { Users = [User.ToUsmUser()] })
{
    private static readonly V3User User = new("ivan", "SHA", "ivan-auth-1", "AES", "ivan-priv-1");

    [Fact]
    public async Task A_discovery_probe_gets_a_Report_with_our_engine_and_a_replay_gets_another()
    {
        var endpoint = await ReceiverEndPointAsync();
        var subscriber = await SubscriberAsync();
        var client = NewClient();
        var probe = UsmTestData.DiscoveryProbe(messageId: 4711, requestId: 815);

        for (var round = 1; round <= 2; round++)
        {
            await SendAsync(client, probe, endpoint);
            var report = UsmTestData.DecodeV3(await ReceiveAsync(client));

            Assert.Equal(4711, report.MessageId);
            Assert.Equal(SecurityModels.Usm, report.SecurityModel);
            Assert.Equal(V3MessageFlags.None, report.Flags & (V3MessageFlags.Auth | V3MessageFlags.Priv | V3MessageFlags.Reportable));
            var usm = report.Usm!;
            Assert.Equal(UsmTestData.LocalEngineHex, Convert.ToHexStringLower(usm.EngineId.Span));
            Assert.True(usm.EngineBoots >= 1, $"boots {usm.EngineBoots}");
            Assert.True(usm.EngineTime >= 0, $"time {usm.EngineTime}");
            var scoped = report.ScopedPdu!;
            Assert.Equal(UsmTestData.LocalEngineHex, Convert.ToHexStringLower(scoped.ContextEngineId.Span));
            Assert.Equal(PduType.Report, scoped.Pdu.Type);
            Assert.Equal(815, scoped.Pdu.RequestId);
            var vb = Assert.Single(scoped.Pdu.VarBinds);
            Assert.Equal(UsmTestData.UsmStatsUnknownEngineIds, vb.Oid);
            Assert.Equal((uint)round, vb.Value.AsUInt32());

            var stats = await AwaitDroppedAsync(DropReason.Discovery, round);
            AssertOnlyDropped(stats, (DropReason.Discovery, round));
            Assert.Equal(UsmStats.Empty with { UnknownEngineIds = round }, Rejections(stats));
            Assert.Equal(round, stats.Usm.ReportsSent);
            Assert.Equal(round, stats.Received);
            Assert.Equal(0, stats.Delivered);
        }
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public async Task A_reportable_message_for_an_unknown_user_gets_an_unknownUserNames_Report_and_an_unreportable_one_does_not()
    {
        var endpoint = await ReceiverEndPointAsync();
        WatchBadPackets();
        var subscriber = await SubscriberAsync();
        var client = NewClient();

        await SendAsync(client, UsmTestData.V3Packet("nobody", UsmTestData.LocalEngine, 31, V3MessageFlags.Reportable, PduType.InformRequest), endpoint);
        var report = UsmTestData.DecodeV3(await ReceiveAsync(client));
        Assert.Equal(31, report.MessageId);
        Assert.Equal(UsmTestData.LocalEngineHex, Convert.ToHexStringLower(report.Usm!.EngineId.Span));
        Assert.Equal("nobody", System.Text.Encoding.UTF8.GetString(report.Usm.UserName.Span));
        Assert.Equal(PduType.Report, report.ScopedPdu!.Pdu.Type);
        Assert.Equal(31, report.ScopedPdu.Pdu.RequestId);
        var vb = Assert.Single(report.ScopedPdu.Pdu.VarBinds);
        Assert.Equal(UsmTestData.UsmStatsUnknownUserNames, vb.Oid);
        Assert.Equal(1u, vb.Value.AsUInt32());
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser);

        await SendAsync(client, UsmTestData.V3Packet("nobody", UsmTestData.LocalEngine, 32, V3MessageFlags.None, PduType.InformRequest), endpoint);
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser);
        var stats = await AwaitDroppedAsync(DropReason.UnknownUser, 2);
        Assert.Null(await TryReceiveAsync(client, TimeSpan.FromMilliseconds(200)));
        Assert.Equal(UsmStats.Empty with { UnknownUserNames = 2 }, Rejections(stats));
        Assert.Equal(1, stats.Usm.ReportsSent);
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Snmpinform_with_an_unknown_user_is_told_so_and_fails()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        var result = await SendInformAsync(new V3User("nobody", "SHA", "nobody-auth-1"), "who?", retries: "0", timeout: "2");

        Assert.True(result.ExitCode != 0, $"snmpinform should have failed: {result}");
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser);
        var stats = await AwaitDroppedAsync(DropReason.UnknownUser, 1);
        Assert.Equal(1, stats.Usm.UnknownUserNames);
        Assert.Equal(1, stats.Usm.UnknownEngineIds); // the discovery probe
        Assert.Equal(2, stats.Usm.ReportsSent);      // discovery, then unknownUserName
        Assert.Equal(0, stats.InformsAnswered);
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}

/// <summary>usm.respond-to-discovery = off: probes are counted and never answered.</summary>
public sealed class UsmDiscoveryOffTests() : UsmSpec("trap-actors.usm.respond-to-discovery = off", new TrapReceiverSetup
{
    Users = [UsmUser.AuthNoPriv("judy", AuthProtocol.HmacSha1, "judy-auth-1")],
})
{
    [Fact]
    public async Task A_discovery_probe_gets_no_answer()
    {
        var endpoint = await ReceiverEndPointAsync();
        var subscriber = await SubscriberAsync();
        var client = NewClient();

        await SendAsync(client, UsmTestData.DiscoveryProbe(messageId: 99, requestId: 98), endpoint);

        var stats = await AwaitDroppedAsync(DropReason.Discovery, 1);
        Assert.Null(await TryReceiveAsync(client, TimeSpan.FromMilliseconds(300)));
        AssertOnlyDropped(stats, (DropReason.Discovery, 1));
        Assert.Equal(0, stats.Usm.ReportsSent);
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }
}
