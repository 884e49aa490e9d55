using System.Diagnostics;
using System.Net.Sockets;
using TrapActors.Snmp.Messages;
using Xunit;
using Xunit.Abstractions;

namespace TrapActors.Tests.Usm;

/// <summary>
/// 10,000 v3 messages naming unknown users cost no key derivation and do not keep valid traps out.
/// </summary>
public sealed class UsmFloodTests(ITestOutputHelper output) : UsmSpec("trap-actors.listener.receive-buffer-size = 4194304", new TrapReceiverSetup
{
    Users = [User.ToUsmUser()],
}, output)
{
    private const int FloodSize = 10_000;
    private const string Engine = "0x8000000001020304f6";
    private static readonly V3User User = new("steady", "SHA", "steady-auth-1", "AES", "steady-priv-1");

    [Fact]
    public async Task Unknown_users_cause_no_key_derivation_and_valid_traps_still_arrive()
    {
        var endpoint = await ReceiverEndPointAsync();
        var subscriber = await SubscriberAsync();

        // Warm up: the any-engine user is localized for the traps' engine before the baseline is taken.
        await SendTrapAsync(User, Engine, "warm-up");
        await ExpectTrapAsync(subscriber, "steady", "warm-up");
        var before = await StatsAsync();

        var floodEngine = UsmTestData.Engine("80000000010203040f10");
        var packets = Enumerable.Range(0, FloodSize)
            .Select(i => UsmTestData.V3Packet($"flood-{i:D5}", floodEngine, i + 1, V3MessageFlags.Auth))
            .ToArray();
        var client = NewClient();
        client.Client.SendBufferSize = 4 * 1024 * 1024;
        var clock = Stopwatch.StartNew();
        var flood = Task.Run(() =>
        {
            foreach (var packet in packets)
                client.Client.SendTo(packet, SocketFlags.None, endpoint);
        });

        var sent = 0;
        while (!flood.IsCompleted && sent < 3)
        {
            await SendTrapAsync(User, Engine, $"during {sent}");
            await ExpectTrapAsync(subscriber, "steady", $"during {sent}");
            sent++;
        }
        await flood;
        Output?.WriteLine($"flood sent in {clock.ElapsedMilliseconds} ms; {sent} traps sent during it");
        await SendTrapAsync(User, Engine, "after");
        await ExpectTrapAsync(subscriber, "steady", "after");
        var traps = sent + 1;

        // The last trap left after the whole flood, so the listener has read everything it will read; wait for the
        // sessions to finish the rest.
        var stats = await AwaitStatsAsync(s => s.Received == s.Delivered + s.TotalDropped, "everything received is accounted for", TimeSpan.FromSeconds(20));
        Output?.WriteLine($"after: {stats}; {stats.Usm}");
        var floodReceived = stats.Received - before.Received - traps;
        Assert.InRange(floodReceived, FloodSize / 10, FloodSize); // the kernel may drop some, not most, on loopback
        Assert.Equal(before.Delivered + traps, stats.Delivered);
        AssertOnlyDropped(stats, (DropReason.UnknownUser, floodReceived));
        Assert.Equal(UsmStats.Empty with { UnknownUserNames = floodReceived }, Rejections(stats));
        Assert.Equal(before.Usm.KeyDerivations, stats.Usm.KeyDerivations);
        Assert.Equal(0, stats.Usm.ReportsSent); // not reportable: no Report for any of them
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}
