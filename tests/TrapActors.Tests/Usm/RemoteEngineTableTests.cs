using TrapActors.Security;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>The table's rules without a network: eviction order, quota, the application's engines, and no allocation per known-engine message.</summary>
public sealed class RemoteEngineTableTests
{
    private static byte[] Id(int n) => [0x80, 0, 0, 0, 1, (byte)(n >> 8), (byte)n];

    [Fact]
    public void The_least_recently_used_learned_engine_is_evicted_and_the_application_s_never()
    {
        var counters = new UsmCounters();
        var table = new RemoteEngineTable(3, 10, counters);
        Assert.True(table.AddExplicit(Id(0), 1, 1, nowMs: 0));
        table.Learn(Id(1), 1, 1, 1_000, null);
        table.Learn(Id(2), 1, 1, 2_000, null);
        Assert.Equal(Timeliness.InTime, table.Find(Id(1))!.Check(1, 5, 3_000, TimeSpan.FromSeconds(150)));

        Assert.Equal(EngineAdmission.Added, table.Learn(Id(3), 1, 1, 4_000, null));
        Assert.NotNull(table.Find(Id(0)));
        Assert.NotNull(table.Find(Id(1)));
        Assert.Null(table.Find(Id(2)));
        Assert.Equal(1, counters.Snapshot(0).RemoteEnginesEvicted);
    }

    [Fact]
    public void A_user_past_its_quota_pushes_out_its_own_engines_only()
    {
        var counters = new UsmCounters();
        var table = new RemoteEngineTable(100, 2, counters);
        table.Learn(Id(1), 1, 1, 0, "alice");
        for (var i = 10; i < 20; i++)
            table.Learn(Id(i), 1, 1, i, "mallory");
        Assert.Equal(3, table.Count);
        Assert.NotNull(table.Find(Id(1)));
        Assert.NotNull(table.Find(Id(18)));
        Assert.NotNull(table.Find(Id(19)));
        var stats = counters.Snapshot(0);
        Assert.Equal(8, stats.RemoteEnginesOverQuota);
        Assert.Equal(0, stats.RemoteEnginesEvicted);

        // Removing and adding explicitly take an engine out of its user's quota.
        Assert.True(table.AddExplicit(Id(19), 1, 1, 100));
        table.Learn(Id(20), 1, 1, 101, "mallory");
        Assert.NotNull(table.Find(Id(18)));
        Assert.NotNull(table.Find(Id(19)));
    }

    [Fact]
    public void A_full_table_of_the_application_s_engines_refuses()
    {
        var counters = new UsmCounters();
        var table = new RemoteEngineTable(1, 10, counters);
        Assert.True(table.AddExplicit(Id(0), 1, 1, 0));
        Assert.False(table.AddExplicit(Id(1), 1, 1, 0));
        Assert.Equal(EngineAdmission.TableFull, table.Learn(Id(2), 1, 1, 0, null));
        Assert.Equal(2, counters.Snapshot(0).RemoteEnginesRefused);
    }

    [Fact]
    public void Checking_a_known_engine_allocates_nothing()
    {
        var table = new RemoteEngineTable(1000, 1000, new UsmCounters());
        for (var i = 0; i < 500; i++)
            table.Learn(Id(i), 3, 100, 0, "u");
        var id = Id(250);
        var window = TimeSpan.FromSeconds(150);
        var time = 100;
        for (var i = 0; i < 100; i++)
            table.Find(id)!.Check(3, ++time, time * 1000L, window);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            table.Find(id)!.Check(3, ++time, time * 1000L, window, mayAdvance: (i & 1) == 0);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
