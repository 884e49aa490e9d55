using Akka.TestKit;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>A clock that a test moves forward, so that a remote engine's clock runs past the 150 s window at once.</summary>
public sealed class AdvancingClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>
/// An agent that never sets its engine clock sends the same boots and time on every trap (often 0 and 0; net-snmp's
/// snmptrap takes -Z 0,0 as "not given", so these tests send 1,1, which takes the same path).
/// By default RFC 3414 §3.2 step 7b drops its traps once the engine's clock, as this receiver keeps it, is past the
/// window, and says once, at Warning level, which engine it is and what to change.
/// </summary>
public sealed class UsmUnsetClockDroppedTests() : UsmSpec("", new TrapReceiverSetup { Users = [User.ToUsmUser()], TimeProvider = Clock })
{
    private const string Engine = "0x8000000001020304aa01";
    private static readonly V3User User = new("ivan", "SHA", "ivan-auth-1", "AES", "ivan-priv-1");
    private const string Fixed = "1,1";
    private static readonly AdvancingClock Clock = new();

    [Fact]
    public async Task Traps_past_the_window_are_dropped_with_one_warning_naming_the_engine_and_the_setting()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();
        await SendTrapAsync(User, Engine, "first", bootsTime: Fixed);
        await ExpectTrapAsync(subscriber, "ivan", "first");

        Clock.Advance(TimeSpan.FromSeconds(200));
        await EventFilter.Warning(contains: "usm.accept-outside-time-window = on").ExpectOneAsync(async () =>
        {
            await SendTrapAsync(User, Engine, "200 s later", bootsTime: Fixed);
            await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.BadTimeFrame, DropReason.NotInTimeWindow,
                UsmStats.Empty with { NotInTimeWindows = 1 }, (DropReason.NotInTimeWindow, 1));
        });
        // The next drop names the engine in its event, without a second warning.
        await EventFilter.Warning().ExpectAsync(0, async () =>
        {
            await SendTrapAsync(User, Engine, "again", bootsTime: Fixed);
            var bad = await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadTimeFrame, DropReason.NotInTimeWindow);
            Assert.Contains("8000000001020304aa01", bad.Description, StringComparison.Ordinal);
        });
    }
}

/// <summary>With usm.accept-outside-time-window = on, the same traps are delivered, as snmptrapd delivers them, and counted.</summary>
public sealed class UsmUnsetClockAcceptedTests() : UsmSpec("trap-actors.usm.accept-outside-time-window = on",
    new TrapReceiverSetup { Users = [User.ToUsmUser()], TimeProvider = Clock })
{
    private const string Engine = "0x8000000001020304aa02";
    private static readonly V3User User = new("judy", "SHA", "judy-auth-1", "AES", "judy-priv-1");
    private const string Fixed = "1,1";
    private static readonly AdvancingClock Clock = new();

    [Fact]
    public async Task Authenticated_traps_outside_the_window_are_delivered_and_counted()
    {
        var subscriber = await SubscriberAsync();
        await SendTrapAsync(User, Engine, "first", bootsTime: Fixed);
        await ExpectTrapAsync(subscriber, "judy", "first");

        Clock.Advance(TimeSpan.FromSeconds(200));
        await SendTrapAsync(User, Engine, "200 s later", bootsTime: Fixed);
        await ExpectTrapAsync(subscriber, "judy", "200 s later");

        var stats = await AwaitStatsAsync(s => s.Usm.AcceptedOutsideTimeWindow == 1, "one accepted outside the window");
        Assert.Equal(0, stats.Usm.NotInTimeWindows);
        Assert.Equal(0, stats.TotalDropped);
    }
}
