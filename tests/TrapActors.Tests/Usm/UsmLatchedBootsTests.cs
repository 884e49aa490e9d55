using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// snmpEngineBoots 2147483647 is the latched "not in time window" state (RFC 3414 §2.2.2): a message claiming it (snmptrap
/// -Z) is refused as notInTimeWindow and recorded nowhere, so the device's next normal trap is still delivered. And an
/// any-engine user other than the one that made an engine known cannot advance that engine's clock (decision 0031).
/// </summary>
public sealed class UsmLatchedBootsTests() : UsmSpec("", new TrapReceiverSetup { Users = [Device.ToUsmUser(), Other.ToUsmUser()] })
{
    private static readonly V3User Device = new("dora", "SHA", "dora-auth-1", "AES", "dora-priv-1");
    private static readonly V3User Other = new("oscar", "SHA", "oscar-auth-1", "AES", "oscar-priv-1");

    [Fact]
    public async Task Boots_2147483647_is_refused_and_does_not_lock_the_device_out()
    {
        const string engine = "0x8000000001020304cc01";
        WatchBadPackets();
        var subscriber = await SubscriberAsync();
        await SendTrapAsync(Device, engine, "before", bootsTime: "3,100");
        await ExpectTrapAsync(subscriber, "dora", "before");

        await SendTrapAsync(Device, engine, "latched", bootsTime: "2147483647,100");
        var bad = await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadTimeFrame, DropReason.NotInTimeWindow);
        Assert.Contains("2147483647", bad.Description, StringComparison.Ordinal);
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        await SendTrapAsync(Device, engine, "after", bootsTime: "3,105");
        await ExpectTrapAsync(subscriber, "dora", "after");
        Assert.Equal(1, (await StatsAsync()).Usm.NotInTimeWindows);
    }

    [Fact]
    public async Task A_latched_first_message_does_not_make_the_engine_known()
    {
        const string engine = "0x8000000001020304cc02";
        WatchBadPackets();
        var subscriber = await SubscriberAsync();
        await SendTrapAsync(Other, engine, "latched", bootsTime: "2147483647,1");
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadTimeFrame, DropReason.NotInTimeWindow);

        await SendTrapAsync(Device, engine, "real", bootsTime: "2,50");
        await ExpectTrapAsync(subscriber, "dora", "real");
    }

    [Fact]
    public async Task Another_any_engine_user_cannot_advance_a_device_s_clock()
    {
        const string engine = "0x8000000001020304cc03";
        var subscriber = await SubscriberAsync();
        await SendTrapAsync(Device, engine, "device", bootsTime: "3,100");
        await ExpectTrapAsync(subscriber, "dora", "device");

        // Authenticated with another user's key: checked against the device's clock (later: in time), not recorded.
        await SendTrapAsync(Other, engine, "forged", bootsTime: "2147483000,1");
        await ExpectTrapAsync(subscriber, "oscar", "forged");

        await SendTrapAsync(Device, engine, "device again", bootsTime: "3,110");
        await ExpectTrapAsync(subscriber, "dora", "device again");
        Assert.Equal(0, (await StatsAsync()).Usm.NotInTimeWindows);
    }
}
