using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using TrapActors.Snmp.Security;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// GetUser never answers in time: usm.policy-timeout drops the message (counted, its place given back), a late answer
/// is ignored, and the session idles out afterwards instead of holding the wait for ever (decision 0030).
/// </summary>
public sealed class UsmPolicyTimeoutTests() : UsmSpec("""
    trap-actors.usm.policy-timeout = 1s
    trap-actors.session.idle-timeout = 2s
    """, new TrapReceiverSetup { Users = [], UsmPolicies = new UsmPolicies { GetUser = LateAsync } })
{
    private static readonly V3User Silent = new("silent", "SHA", "silent-auth-1");
    private static readonly TaskCompletionSource<UsmUser?> Late = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static int _asked;

    private static ValueTask<UsmUser?> LateAsync(UsmUserRequest request)
    {
        Interlocked.Increment(ref _asked);
        return new ValueTask<UsmUser?>(Late.Task);
    }

    [Fact]
    public async Task A_message_whose_policy_does_not_answer_is_dropped_after_the_timeout_and_its_session_idles_out()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(Silent, "0x800000000102030403d0", "never decided in time");

        await ExpectBadPacketAsync(TrapReceiverErrorCodes.MessageNotAuthenticated, DropReason.PolicyTimeout);
        Late.SetResult(Silent.ToUsmUser());   // too late: ignored, whether the session still runs or not
        var stats = await AwaitStatsAsync(s => s.ActiveSessions == 0, "the session idled out", TimeSpan.FromSeconds(20));
        Assert.Equal(1, stats.Dropped[DropReason.PolicyTimeout]);
        Assert.Equal(0, stats.Dropped[DropReason.StoppedWhilePending]);
        Assert.Equal(0, stats.Dropped[DropReason.SessionFailed]);
        Assert.Equal(0, stats.InFlight);
        Assert.Equal((1, 0), (stats.Received, stats.Delivered));
        Assert.Equal(stats.Received, stats.Delivered + stats.TotalDropped);
        Assert.Equal(1, Volatile.Read(ref _asked));
        Assert.Empty(await ShowCacheAsync());
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }
}

/// <summary>
/// A flood of SNMPv3 messages with unknown user names and a slow GetUser: at most
/// usm.max-pending-policy-decisions-per-session decisions wait per source and usm.max-pending-policy-decisions overall;
/// beyond, messages are dropped as policy-busy without asking. The waiting ones count in InFlight until decided.
/// </summary>
public sealed class UsmPolicyWaitCapTests() : UsmSpec("""
    trap-actors.usm.max-pending-policy-decisions-per-session = 2
    trap-actors.usm.max-pending-policy-decisions = 3
    trap-actors.usm.policy-timeout = 5m
    """, new TrapReceiverSetup { Users = [], UsmPolicies = new UsmPolicies { GetUser = SlowAsync } })
{
    private const string Engine = "0x800000000102030403d1";
    private static readonly V3User Flood = new("flood", "SHA", "flood-auth-1");
    private static readonly TaskCompletionSource<UsmUser?> Answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly ConcurrentQueue<UsmUserRequest> Asked = new();

    private static ValueTask<UsmUser?> SlowAsync(UsmUserRequest request)
    {
        Asked.Enqueue(request);
        return new ValueTask<UsmUser?>(Answer.Task);
    }

    [Fact]
    public async Task Waiting_decisions_are_capped_per_source_and_overall_and_the_rest_dropped_without_asking()
    {
        await SubscriberAsync();
        var target = await ReceiverEndPointAsync();
        var trap = await CaptureTrapAsync(Flood, Engine);
        using var client = NewClient();

        // One source: two decisions wait, three more messages are not asked about.
        for (var i = 0; i < 5; i++)
            await SendAsync(client, trap, target);
        var stats = await AwaitStatsAsync(s => s.Decoded == 5 && s.Dropped[DropReason.PolicyBusy] == 3 && s.InFlight == 2, "5 decoded, 3 busy, 2 waiting");
        Assert.Equal(2, Asked.Count);

        // Two more sources (net-snmp's snmptrap): one place is left overall.
        await SendTrapAsync(Flood, Engine, "second source");
        await SendTrapAsync(Flood, Engine, "third source");
        stats = await AwaitStatsAsync(s => s.Decoded == 7 && s.Dropped[DropReason.PolicyBusy] == 4 && s.InFlight == 3, "7 decoded, 4 busy, 3 waiting");
        Assert.Equal(3, Asked.Count);
        Assert.Equal(0, stats.Usm.UnknownUserNames);

        // Decided: the places are given back and every message is accounted for.
        Answer.SetResult(null);
        stats = await AwaitStatsAsync(s => s.Dropped[DropReason.UnknownUser] == 3 && s.InFlight == 0, "3 unknown users, none waiting");
        Assert.Equal(3, Asked.Count);
        Assert.Equal(stats.Received, stats.Delivered + stats.TotalDropped);
        Assert.Equal(3, stats.Usm.UnknownUserNames);
    }

    /// <summary>One SNMPv3 trap as net-snmp's snmptrap sends it, caught on a local socket, to be sent again from one source.</summary>
    private static async Task<byte[]> CaptureTrapAsync(V3User user, string engineHex)
    {
        using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var buffer = new byte[65536];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var receive = sink.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
        var result = await NetSnmpTools.SnmpTrapAsync(["-v", "3", "-e", engineHex, .. user.Args(),
            $"127.0.0.1:{((IPEndPoint)sink.LocalEndPoint!).Port}", "4242", "1.3.6.1.4.1.8072.9999.0.7", UsmTestData.ValueOid, "s", "flood"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return buffer[..(await receive).ReceivedBytes];
    }
}

/// <summary>
/// A user name GetUser did not supply is unknown for usm.unknown-user-cache-time (per engine ID) without asking again:
/// still counted and reported as unknownUserName. Adding a user of that name ends it.
/// </summary>
public sealed class UsmUnknownUserCacheTests() : UsmSpec("", new TrapReceiverSetup { Users = [], UsmPolicies = new UsmPolicies { GetUser = NobodyAsync } })
{
    private const string Engine = "0x800000000102030403d2";
    private const string OtherEngine = "0x800000000102030403d3";
    private static readonly V3User Ghost = new("ghost", "SHA", "ghost-auth-1");
    private static readonly ConcurrentQueue<UsmUserRequest> Asked = new();

    private static async ValueTask<UsmUser?> NobodyAsync(UsmUserRequest request)
    {
        Asked.Enqueue(request);
        await Task.Yield();
        return null;
    }

    private int AskedFor(string engineHex) => Asked.Count(r => UsmTestData.Hex(r.EngineId) == engineHex[2..]);

    [Fact]
    public async Task An_unknown_name_is_asked_for_once_per_engine_until_a_user_of_that_name_is_added()
    {
        var subscriber = await SubscriberAsync();

        for (var i = 1; i <= 3; i++)
        {
            await SendTrapAsync(Ghost, Engine, $"try {i}");
            await AwaitDroppedAsync(DropReason.UnknownUser, i);
        }
        Assert.Equal(1, AskedFor(Engine));

        // Another engine is another question.
        await SendTrapAsync(Ghost, OtherEngine, "elsewhere");
        await AwaitDroppedAsync(DropReason.UnknownUser, 4);
        Assert.Equal(1, AskedFor(OtherEngine));

        // An inform (to this receiver's engine) gets its unknownUserName Report each time; asked once.
        for (var i = 1; i <= 2; i++)
        {
            var result = await SendInformAsync(Ghost, $"inform {i}");
            Assert.True(result.ExitCode != 0 && result.StandardError.Contains("Unknown user name", StringComparison.OrdinalIgnoreCase), result.ToString());
        }
        Assert.Equal(1, AskedFor("0x" + UsmTestData.LocalEngineHex));

        // A user of that name added (for yet another engine): the name is asked for again.
        await AskAsync<UsmUserAdded>(new AddUsmUser(UsmUser.AuthNoPriv("ghost", AuthProtocol.HmacSha1, "ghost-auth-1", UsmTestData.Engine("800000000102030403d4"))));
        await SendTrapAsync(Ghost, Engine, "after a user was added");
        var stats = await AwaitDroppedAsync(DropReason.UnknownUser, 7);
        Assert.Equal(2, AskedFor(Engine));
        Assert.Equal(7, stats.Usm.UnknownUserNames);
        Assert.Equal(0, stats.Delivered);
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}

/// <summary>
/// A user GetUser supplies is added to the table only once a message authenticated (and decrypted) with it: a message
/// with the wrong password leaves the table as it was, so the next message asks GetUser again.
/// </summary>
public sealed class UsmProvidedUserAuthenticationTests() : UsmSpec("", new TrapReceiverSetup { Users = [], UsmPolicies = new UsmPolicies { GetUser = ProvideAsync } })
{
    private const string Engine = "0x800000000102030403d5";
    private static readonly V3User Lazy = new("lazy", "SHA-256", "lazy-auth-1", "AES", "lazy-priv-1");
    private static readonly ConcurrentQueue<UsmUserRequest> Asked = new();

    private static async ValueTask<UsmUser?> ProvideAsync(UsmUserRequest request)
    {
        Asked.Enqueue(request);
        await Task.Yield();
        return request.User == Lazy.Name ? Lazy.ToUsmUser() : null;
    }

    [Fact]
    public async Task A_supplied_user_is_cached_only_after_a_message_authenticated_and_decrypted_with_it()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(Lazy with { AuthPassword = "forged-auth-1" }, Engine, "forged");
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.VerificationFailed, DropReason.WrongDigest);
        Assert.Empty(await ShowCacheAsync());

        await SendTrapAsync(Lazy with { PrivPassword = "wrong-priv-1" }, Engine, "undecryptable");
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.DecryptionFailed, DropReason.DecryptionError);
        Assert.DoesNotContain(await ShowCacheAsync(), e => e.User is not null);   // its engine is known now (it authenticated), no user
        Assert.Equal(2, Asked.Count);   // nothing was cached: asked again

        await SendTrapAsync(Lazy, Engine, "genuine");
        await ExpectTrapAsync(subscriber, "lazy", "genuine");
        Assert.Equal(3, Asked.Count);
        await AwaitAssertAsync(async () => Assert.Single(await ShowCacheAsync("lazy")), TimeSpan.FromSeconds(5));

        await SendTrapAsync(Lazy, Engine, "cached");
        await ExpectTrapAsync(subscriber, "lazy", "cached");
        Assert.Equal(3, Asked.Count);
        var stats = await StatsAsync();
        Assert.Equal((1, 1), (stats.Usm.WrongDigests, stats.Usm.DecryptionErrors));
    }
}
