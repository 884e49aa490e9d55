using System.Collections.Immutable;
using TrapActors.Security;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Tests.Security;

/// <summary>Keys derived on first use (decision 0038): once per user however many ask, on a bounded queue, never left in use by a retired user.</summary>
public sealed class DeferredKeyDerivationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly ImmutableArray<byte> Engine = [.. Convert.FromHexString("80000000010203040506")];

    [Fact]
    public async Task Concurrent_first_uses_derive_the_keys_exactly_once()
    {
        var derivations = 0;
        var entry = UsmUserEntry.Create(UsmUser.AuthPriv("storm", AuthProtocol.HmacSha1, "storm-auth-1", PrivProtocol.Aes128, "storm-priv-1"),
            () => Interlocked.Increment(ref derivations), deferred: true);
        Assert.False(entry.KeysReady);
        Assert.Equal(0, derivations);
        var queue = new KeyDerivationQueue(2);

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => entry.DeriveKeys(queue, () => Interlocked.Increment(ref derivations), null))));

        Assert.All(results, Assert.True);
        Assert.True(entry.KeysReady);
        Assert.Equal(2, derivations); // Ku for authentication and for privacy, once
        Assert.Equal(UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, "storm-priv-1"), entry.PrivMasterKey);
    }

    [Fact]
    public async Task A_user_retired_while_its_keys_are_derived_leaves_them_retired_and_zeroed()
    {
        using var release = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var policies = new UsmPolicies
        {
            StoredMasterKey = _ =>
            {
                entered.TrySetResult();
                release.Wait(Patience);
                return null;
            },
        };
        var user = UsmUser.AuthPriv("leaving", AuthProtocol.HmacSha256, "leaving-auth-1", PrivProtocol.Aes128, "leaving-priv-1", Engine);
        var entry = UsmUserEntry.Create(user, () => { }, policies, deferred: true);

        var derivation = entry.DeriveKeys(new KeyDerivationQueue(1), () => { }, policies);
        await entered.Task.WaitAsync(Patience);
        entry.Retire();
        release.Set();

        Assert.True(await derivation.WaitAsync(Patience));
        var keys = entry.EngineKeys!;
        Assert.True(keys.IsRetired, "keys derived for a removed user must not be leased");
        Assert.False(keys.TryAcquire());
        Assert.All(new[] { keys.AuthKey, entry.PrivMasterKey }, k => Assert.DoesNotContain(k, b => b != 0));
        Assert.DoesNotContain(entry.User.AuthSecret!.Value.ToArray(), b => b != 0);
    }

    [Fact]
    public async Task A_user_retired_before_its_derivation_starts_derives_nothing()
    {
        var derivations = 0;
        var entry = UsmUserEntry.Create(UsmUser.AuthNoPriv("gone", AuthProtocol.HmacSha1, "gone-auth-1"), () => derivations++, deferred: true);
        entry.Retire();

        Assert.False(await entry.DeriveKeys(new KeyDerivationQueue(1), () => derivations++, null).WaitAsync(Patience));
        Assert.Equal(0, derivations);
        Assert.Null(entry.KeysFor(Engine.AsSpan(), () => derivations++));
    }

    [Fact]
    public void Keys_given_as_master_keys_are_ready_without_hashing()
    {
        var derivations = 0;
        var master = UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, "given-auth-1");
        var entry = UsmUserEntry.Create(new UsmUser("given", AuthProtocol.HmacSha1, UsmSecret.MasterKey(master)), () => derivations++, deferred: true);

        Assert.True(entry.KeysReady);
        Assert.Equal(0, derivations);
    }

    [Fact]
    public void The_queue_runs_no_more_derivations_at_once_than_its_parallelism()
    {
        var queue = new KeyDerivationQueue(1);
        using var release = new ManualResetEventSlim();
        using var done = new CountdownEvent(6);
        int running = 0, most = 0, started = 0;
        for (var i = 0; i < 6; i++)
        {
            queue.Enqueue(() =>
            {
                var now = Interlocked.Increment(ref running);
                Interlocked.Increment(ref started);
                InterlockedMax(ref most, now);
                release.Wait(Patience);
                Interlocked.Decrement(ref running);
                done.Signal();
            });
        }

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref started) >= 1, Patience));
        Assert.Equal(5, queue.Queued);
        release.Set();
        Assert.True(done.Wait(Patience));
        Assert.Equal(1, most);
        Assert.Equal(0, queue.Queued);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
