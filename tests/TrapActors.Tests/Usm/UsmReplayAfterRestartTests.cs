using Akka.Actor;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// A v3 authPriv trap sent by net-snmp's snmptrap is captured, delivered to a first receiver, which then stops; a second
/// receiver starts 200 s later (its clock advanced past the 150 s window) and the captured bytes are replayed to it.
/// With usm.state-directory the remote engine's clock was saved and runs on: the replay is notInTimeWindow. Without it
/// the engine is unknown after the restart and the replay is taken as a first message (the limit docs/usm.md states).
/// </summary>
public abstract class UsmReplayAfterRestartSpec(bool persist, AdvancingClock clock, string stateDirectory)
    : UsmSpec(Hocon(persist, stateDirectory), new TrapReceiverSetup { Users = [User.ToUsmUser()], TimeProvider = clock })
{
    private const string Engine = "0x8000000001020304ee01";
    internal static readonly V3User User = new("rita", "SHA-256", "rita-auth-1", "AES", "rita-priv-1");

    internal static string Hocon(bool persist, string directory) =>
        persist ? $"trap-actors.usm.state-directory = \"{directory}\"" : "";

    protected async Task<TrapReceiverStats> ReplayAfterRestartAsync()
    {
        try
        {
            var captured = await UsmCapture.CaptureAsync("snmptrap", ["-v", "3", "-e", Engine, "-Z", "7,5000", .. User.Args()],
                "4242", "1.3.6.1.4.1.8072.9999.0.7", UsmTestData.ValueOid, "s", "captured");

            // The first receiver: same state directory, the real clock; it accepts the trap (no subscriber there) and stops.
            var first = ActorSystem.Create("replay-first", ReceiverSpec.Setup(
                $"trap-actors.usm.local-engine-id = \"{UsmTestData.LocalEngineHex}\"\n{Hocon(persist, stateDirectory)}",
                new TrapReceiverSetup { Users = [User.ToUsmUser()] }));
            try
            {
                var receiver = TrapReceiverExtension.Get(first).Receiver;
                var bound = await receiver.Ask<BoundEndpoints>(Activate.Instance, AskTimeout);
                await SendAsync(NewClient(), captured, bound.Endpoints[0].LocalEndPoint);
                await AwaitConditionAsync(async () => (await receiver.Ask<TrapReceiverStats>(GetTrapReceiverStats.Instance, AskTimeout))
                    .Dropped.GetValueOrDefault(DropReason.NoSubscriber) == 1, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), "the first receiver took the trap");
            }
            finally
            {
                await first.Terminate();
            }

            // The second receiver (this test's system) starts 200 s later.
            clock.Advance(TimeSpan.FromSeconds(200));
            WatchBadPackets();
            var subscriber = await SubscriberAsync();
            await SendAsync(NewClient(), captured, await ReceiverEndPointAsync());
            if (persist)
            {
                await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadTimeFrame, DropReason.NotInTimeWindow);
                await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
            }
            else
            {
                await ExpectTrapAsync(subscriber, "rita", "captured");
            }
            return await StatsAsync();
        }
        finally
        {
            if (Directory.Exists(stateDirectory))
                Directory.Delete(stateDirectory, recursive: true);
        }
    }

    internal static string NewDirectory() => Path.Combine(Path.GetTempPath(), $"trapactors-replay-{Environment.ProcessId}-{Guid.NewGuid():N}");
}

public sealed class UsmReplayAfterRestartPersistedTests() : UsmReplayAfterRestartSpec(true, Clock, Dir)
{
    private static readonly AdvancingClock Clock = new();
    private static readonly string Dir = NewDirectory();

    [Fact]
    public async Task A_captured_trap_replayed_after_a_restart_is_not_in_the_time_window()
    {
        var stats = await ReplayAfterRestartAsync();
        Assert.Equal(1, stats.Usm.NotInTimeWindows);
        Assert.Equal(1, stats.Dropped.GetValueOrDefault(DropReason.NotInTimeWindow));
        Assert.Equal(0, stats.Delivered);
    }
}

/// <summary>The same replay without a state directory is delivered: what the persisted case guards against.</summary>
public sealed class UsmReplayAfterRestartNotPersistedTests() : UsmReplayAfterRestartSpec(false, Clock, Dir)
{
    private static readonly AdvancingClock Clock = new();
    private static readonly string Dir = NewDirectory();

    [Fact]
    public async Task Without_a_state_directory_the_replay_is_taken_as_a_first_message()
    {
        var stats = await ReplayAfterRestartAsync();
        Assert.Equal(0, stats.Usm.NotInTimeWindows);
        Assert.Equal(1, stats.Delivered);
    }
}
