using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// Messages waiting for their user's keys (decision 0038) are bounded by usm.max-pending-policy-decisions (beyond:
/// policy-busy), and those of a user removed while its keys are derived are dropped as unknown-user, never delivered.
/// The key-store policy holds the derivation until the test lets it go; net-snmp's snmptrap sends.
/// </summary>
public sealed class UsmDeferredKeyBoundsTests() : UsmSpec("""
    trap-actors.usm.max-pending-policy-decisions = 2
    trap-actors.usm.policy-timeout = 60s
    """, new TrapReceiverSetup
{
    Users = [Slow.ToUsmUser()],
    UsmPolicies = new UsmPolicies { StoredMasterKey = HoldDerivation },
})
{
    private const string Engine = "0x800000000102030401e0";
    private static readonly V3User Slow = new("slow", "SHA", "slow-auth-1", "AES", "slow-priv-1");
    private static readonly ManualResetEventSlim Release = new();
    private static readonly TaskCompletionSource Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static byte[]? HoldDerivation(UsmPasswordHashRequest request)
    {
        Entered.TrySetResult();
        Release.Wait(TimeSpan.FromSeconds(60));
        return null;
    }

    [Fact]
    public async Task Waiting_messages_are_bounded_and_those_of_a_removed_user_are_dropped_and_counted()
    {
        var subscriber = await SubscriberAsync();
        try
        {
            foreach (var value in new[] { "one", "two", "three" })
                await SendTrapAsync(Slow, Engine, value);
            await Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var waiting = await AwaitStatsAsync(s => s.Dropped.GetValueOrDefault(DropReason.PolicyBusy) == 1 && s.InFlight == 2, "2 waiting for the keys, 1 policy-busy");
            Assert.Equal(0, waiting.Delivered);

            Assert.True((await AskAsync<UsmUserRemoved>(new RemoveUsmUser("slow", []))).Existed);
        }
        finally
        {
            Release.Set();
        }

        var stats = await AwaitStatsAsync(s => s.Dropped.GetValueOrDefault(DropReason.UnknownUser) == 2 && s.InFlight == 0, "the 2 waiting dropped as unknown-user");
        AssertOnlyDropped(stats, (DropReason.PolicyBusy, 1), (DropReason.UnknownUser, 2));
        Assert.Equal(2, stats.Usm.UnknownUserNames);
        Assert.Equal(0, stats.Delivered);
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }
}
