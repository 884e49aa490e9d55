using TrapActors.Security;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>A monotonic clock that moves only when told.</summary>
internal sealed class SteppedTimestamps : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>The remembered "no such user" answers of GetUser: per engine and name, for a while, bounded.</summary>
public class UnknownUserNamesTests
{
    private static readonly byte[] EngineA = Convert.FromHexString("800000000102030403e0");
    private static readonly byte[] EngineB = Convert.FromHexString("800000000102030403e1");

    [Fact]
    public void A_name_is_remembered_per_engine_until_its_time_runs_out()
    {
        var time = new SteppedTimestamps();
        var names = new UnknownUserNames(TimeSpan.FromSeconds(60), time);

        names.Remember("ghost", EngineA);

        Assert.True(names.Contains("ghost", EngineA));
        Assert.False(names.Contains("ghost", EngineB));
        Assert.False(names.Contains("other", EngineA));
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.False(names.Contains("ghost", EngineA));
        Assert.Equal(0, names.Count);
    }

    [Fact]
    public void Forgetting_a_name_forgets_it_for_every_engine()
    {
        var names = new UnknownUserNames(TimeSpan.FromSeconds(60), new SteppedTimestamps());
        names.Remember("ghost", EngineA);
        names.Remember("ghost", EngineB);
        names.Remember("other", EngineA);

        names.Forget("ghost");

        Assert.False(names.Contains("ghost", EngineA) || names.Contains("ghost", EngineB));
        Assert.True(names.Contains("other", EngineA));
    }

    [Fact]
    public void Zero_time_remembers_nothing()
    {
        var names = new UnknownUserNames(TimeSpan.Zero, new SteppedTimestamps());
        names.Remember("ghost", EngineA);
        Assert.False(names.Contains("ghost", EngineA));
    }

    [Fact]
    public void When_full_the_expired_go_first_then_any_one()
    {
        var time = new SteppedTimestamps();
        var names = new UnknownUserNames(TimeSpan.FromSeconds(60), time, capacity: 2);
        names.Remember("old", EngineA);
        time.Advance(TimeSpan.FromSeconds(59));
        names.Remember("newer", EngineA);
        time.Advance(TimeSpan.FromSeconds(2));

        names.Remember("newest", EngineA);   // "old" expired: it makes room
        Assert.True(names.Contains("newer", EngineA) && names.Contains("newest", EngineA));
        names.Remember("fourth", EngineA);   // none expired: one goes
        Assert.Equal(2, names.Count);
        Assert.True(names.Contains("fourth", EngineA));
    }
}
