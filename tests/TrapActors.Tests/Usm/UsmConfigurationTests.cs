using Akka.Configuration;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>usm.state-directory: a generated engine ID is kept, and snmpEngineBoots grows at every start (RFC 3414 §2.2.2).</summary>
public sealed class UsmEngineStateTests() : UsmSpec(Hocon, new TrapReceiverSetup())
{
    private static readonly string Directory = Path.Combine(Path.GetTempPath(), $"trapactors-usm-state-{Environment.ProcessId}-{Guid.NewGuid():N}");

    private static string Hocon => $$"""
        trap-actors.usm {
          local-engine-id = ""
          engine-enterprise-number = 8072
          state-directory = "{{Directory}}"
        }
        """;

    [Fact]
    public async Task A_generated_engine_is_kept_and_its_boots_grow_across_restarts()
    {
        try
        {
            var first = await AskAsync<LocalEngineInfo>(GetLocalEngine.Instance);
            Assert.Equal(1, first.EngineBoots);
            Assert.Equal(13, first.EngineId.Length);
            Assert.Equal("80001f8805", UsmTestData.Hex(first.EngineId)[..10]); // 0x80000000 | 8072, format 5 (octets)

            for (var expectedBoots = 2; expectedBoots <= 3; expectedBoots++)
            {
                var restarted = ActorSystem.Create("usm-restart-" + expectedBoots, ConfigurationFactory.ParseString(Hocon).WithFallback(ReceiverSpec.Config()));
                try
                {
                    var again = await TrapReceiverExtension.Get(restarted).Receiver.Ask<LocalEngineInfo>(GetLocalEngine.Instance, AskTimeout);
                    Assert.Equal(UsmTestData.Hex(first.EngineId), UsmTestData.Hex(again.EngineId));
                    Assert.Equal(expectedBoots, again.EngineBoots);
                }
                finally
                {
                    await restarted.Terminate();
                }
            }

            // The running receiver keeps the boots it started with.
            Assert.Equal(1, (await AskAsync<LocalEngineInfo>(GetLocalEngine.Instance)).EngineBoots);
        }
        finally
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}

/// <summary>usm.time-window narrower than the default 150 s.</summary>
public sealed class UsmNarrowTimeWindowTests() : UsmSpec("trap-actors.usm.time-window = 10s", new TrapReceiverSetup { Users = [User.ToUsmUser()] })
{
    private const string Engine = "0x800000000102030407a0";
    private static readonly V3User User = new("liam", "SHA", "liam-auth-1");

    [Fact]
    public async Task Twenty_seconds_behind_is_outside_a_ten_second_window()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(User, Engine, "t1000", bootsTime: "5,1000");
        await ExpectTrapAsync(subscriber, "liam", "t1000");
        await SendTrapAsync(User, Engine, "t995", bootsTime: "5,995");
        await ExpectTrapAsync(subscriber, "liam", "t995");

        await SendTrapAsync(User, Engine, "t980", bootsTime: "5,980");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadTimeFrame, DropReason.NotInTimeWindow,
            UsmStats.Empty with { NotInTimeWindows = 1 }, (DropReason.NotInTimeWindow, 1));
    }
}

/// <summary>
/// usm.max-remote-engines: a new engine in a full table evicts the least recently used learned engine (counted); engines
/// added with AddUsmEngine are never evicted (decision 0031).
/// </summary>
public sealed class UsmRemoteEngineLimitTests() : UsmSpec("trap-actors.usm.max-remote-engines = 1", new TrapReceiverSetup { Users = [User.ToUsmUser()] })
{
    private static readonly V3User User = new("mia", "SHA", "mia-auth-1", "AES", "mia-priv-1");

    [Fact]
    public async Task A_second_engine_evicts_the_first_learned_one()
    {
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(User, "0x800000000102030407b1", "first engine");
        await ExpectTrapAsync(subscriber, "mia", "first engine");

        await SendTrapAsync(User, "0x800000000102030407b2", "second engine");
        await ExpectTrapAsync(subscriber, "mia", "second engine");
        var stats = await AwaitStatsAsync(s => s.Usm.RemoteEnginesEvicted == 1, "one engine evicted");
        Assert.Equal(0, stats.TotalDropped);
        Assert.Equal("800000000102030407b2", UsmTestData.Hex(Assert.Single(await ShowCacheAsync(), c => c.User is null).EngineId));
    }

    [Fact]
    public async Task AddUsmEngine_fails_when_the_table_is_full_and_still_updates_a_known_engine()
    {
        var first = UsmTestData.Engine("800000000102030407c1");
        await AskAsync<UsmEngineAdded>(new AddUsmEngine(first, 4, 100));

        var e = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => AskAsync<UsmEngineAdded>(new AddUsmEngine(UsmTestData.Engine("800000000102030407c2"), 4, 100)));
        Assert.Contains("800000000102030407c2", e.Message);
        Assert.Contains("usm.max-remote-engines", e.Message);
        Assert.Equal("800000000102030407c1", UsmTestData.Hex(Assert.Single(await ShowCacheAsync(), c => c.User is null).EngineId));

        await AskAsync<UsmEngineAdded>(new AddUsmEngine(first, 5, 10));
        Assert.Equal(5, Assert.Single(await ShowCacheAsync(), c => c.User is null).EngineBoots);
    }
}

/// <summary>usm.report-errors = off: failures are counted but never reported; discovery is governed separately.</summary>
public sealed class UsmReportErrorsOffTests() : UsmSpec("trap-actors.usm.report-errors = off", new TrapReceiverSetup
{
    Users = [UsmUser.AuthNoPriv("nina", AuthProtocol.HmacSha1, "nina-auth-1")],
})
{
    [Fact]
    public async Task A_reportable_unknown_user_gets_no_Report_but_discovery_is_still_answered()
    {
        var endpoint = await ReceiverEndPointAsync();
        WatchBadPackets();
        var client = NewClient();

        await SendAsync(client, UsmTestData.V3Packet("nobody", UsmTestData.LocalEngine, 41, V3MessageFlags.Reportable, PduType.InformRequest), endpoint);
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser);
        Assert.Null(await TryReceiveAsync(client, TimeSpan.FromMilliseconds(300)));

        await SendAsync(client, UsmTestData.DiscoveryProbe(42, 43), endpoint);
        var report = UsmTestData.DecodeV3(await ReceiveAsync(client));
        Assert.Equal(UsmTestData.UsmStatsUnknownEngineIds, Assert.Single(report.ScopedPdu!.Pdu.VarBinds).Oid);

        var stats = await AwaitDroppedAsync(DropReason.Discovery, 1);
        Assert.Equal(UsmStats.Empty with { UnknownUserNames = 1, UnknownEngineIds = 1 }, Rejections(stats));
        Assert.Equal(1, stats.Usm.ReportsSent);
    }
}

/// <summary>The discovery policy overrides usm.respond-to-discovery, asynchronously.</summary>
public sealed class UsmDiscoveryPolicyTests() : UsmSpec("trap-actors.usm.respond-to-discovery = off", new TrapReceiverSetup
{
    UsmPolicies = new UsmPolicies
    {
        RespondToDiscovery = async r =>
        {
            await Task.Delay(20);
            return r.Level == SecurityLevel.NoAuthNoPriv && r.User == "" && r.Source.Port == AllowedPort;
        },
    },
})
{
    private static volatile int AllowedPort;

    [Fact]
    public async Task Only_the_sources_the_policy_allows_are_answered()
    {
        var endpoint = await ReceiverEndPointAsync();
        var allowed = NewClient();
        var refused = NewClient();
        AllowedPort = PortOf(allowed);

        await SendAsync(allowed, UsmTestData.DiscoveryProbe(51, 52), endpoint);
        var report = UsmTestData.DecodeV3(await ReceiveAsync(allowed));
        Assert.Equal(51, report.MessageId);
        Assert.Equal(UsmTestData.LocalEngineHex, Convert.ToHexStringLower(report.Usm!.EngineId.Span));

        await SendAsync(refused, UsmTestData.DiscoveryProbe(53, 54), endpoint);
        var stats = await AwaitDroppedAsync(DropReason.Discovery, 2);
        Assert.Null(await TryReceiveAsync(refused, TimeSpan.FromMilliseconds(300)));
        Assert.Equal(1, stats.Usm.ReportsSent);
        Assert.Equal(2, stats.Usm.UnknownEngineIds);
    }
}

/// <summary>Hostile or broken v3 headers are refused without harm.</summary>
public sealed class UsmMalformedHeaderTests() : UsmSpec("", new TrapReceiverSetup
{
    Users = [UsmUser.AuthNoPriv("olga", AuthProtocol.HmacSha1, "olga-auth-1")],
})
{
    [Fact]
    public async Task Privacy_without_authentication_is_malformed()
    {
        var endpoint = await ReceiverEndPointAsync();
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendAsync(NewClient(), UsmTestData.V3Packet("olga", UsmTestData.Engine("800000000102030408c0"), 61, V3MessageFlags.Priv), endpoint);

        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.DefectivePacket, DropReason.Malformed, UsmStats.Empty, (DropReason.Malformed, 1));
    }

    [Fact]
    public async Task A_user_name_longer_than_32_octets_is_malformed()
    {
        var endpoint = await ReceiverEndPointAsync();
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendAsync(NewClient(), UsmTestData.V3Packet(new string('x', 300), UsmTestData.Engine("800000000102030408c1"), 62), endpoint);

        var bad = await ExpectBadPacketAsync(TrapReceiverErrorCodes.DefectivePacket, DropReason.Malformed);
        Assert.True(bad.Description.Length < 200, bad.Description);
        var stats = await AwaitDroppedAsync(DropReason.Malformed, 1);
        Assert.Equal(UsmStats.Empty, Rejections(stats));
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}

/// <summary>usm.max-localized-keys bounds the keys localized for users of any engine; evicted keys are derived again.</summary>
public sealed class UsmLocalizedKeyLimitTests() : UsmSpec("trap-actors.usm.max-localized-keys = 1", new TrapReceiverSetup { Users = [User.ToUsmUser()] })
{
    private static readonly V3User User = new("pia", "SHA", "pia-auth-1", "AES", "pia-priv-1");

    [Fact]
    public async Task Alternating_engines_are_all_delivered_within_the_bound()
    {
        var subscriber = await SubscriberAsync();
        var atStart = (await StatsAsync()).Usm.KeyDerivations;

        foreach (var (engine, value) in new[] { ("0x800000000102030407c1", "A"), ("0x800000000102030407c2", "B"), ("0x800000000102030407c1", "A again") })
        {
            await SendTrapAsync(User, engine, value);
            await ExpectTrapAsync(subscriber, "pia", value);
        }

        // Ku once (on first use), then one slot: A, then B evicting A, then A evicting B: three localizations of auth and priv keys.
        Assert.Equal(atStart + 2 + 6, (await StatsAsync()).Usm.KeyDerivations);
    }
}
