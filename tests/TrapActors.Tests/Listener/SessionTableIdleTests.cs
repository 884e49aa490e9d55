using System.Net;
using TrapActors.Listener;
using TrapActors.Transport;
using Xunit;

namespace TrapActors.Tests.Listener;

/// <summary>
/// The listener's idle sweep over its routing table (decision 0040), without actors and on a clock the test moves:
/// the sessions not used for the idle time are taken out, least recently used first; a used one, a busy one and one
/// holding work are not.
/// </summary>
public sealed class SessionTableIdleTests
{
    private const long IdleMs = 1_000;

    private sealed class FakeSession(string name)
    {
        public string Name { get; } = name;

        public SessionActivity Activity { get; set; }
    }

    private long _now = 1_000_000;
    private readonly SessionTable<FakeSession> _table;

    public SessionTableIdleTests() => _table = new(session => session.Activity, SessionActivity.Working, () => _now);

    private static PeerKey Peer(int port) => new(IPAddress.Loopback, port);

    private FakeSession Add(int port, SessionActivity activity = SessionActivity.Idle)
    {
        var session = new FakeSession($"s{port}") { Activity = activity };
        _table.Add(Peer(port), session);
        return session;
    }

    private List<string> TakeIdle()
    {
        var idle = new List<(PeerKey Peer, FakeSession Session)>();
        _table.TakeIdle(IdleMs, idle);
        return [.. idle.Select(e => e.Session.Name)];
    }

    [Fact]
    public void Sessions_unused_for_the_idle_time_are_taken_out_and_used_ones_stay()
    {
        Add(1);
        Add(2);
        _now += 400;
        Add(3);
        _now += 400;
        Assert.True(_table.TryGet(Peer(1), out _));   // s1 used again
        _now += 600;   // s2: 1,000 ms unused; s3: 1,000 ms; s1: 600 ms

        Assert.Equal(["s2", "s3"], TakeIdle());
        Assert.Equal(1, _table.Count);
        Assert.NotNull(_table.Find(Peer(1)));
        Assert.Empty(TakeIdle());

        _now += 400;
        Assert.Equal(["s1"], TakeIdle());
        Assert.Equal(0, _table.Count);
    }

    [Fact]
    public void A_session_holding_work_is_not_idle_until_its_work_is_done_and_then_only_after_the_idle_time()
    {
        var holding = Add(1, SessionActivity.Holding);
        Add(2, SessionActivity.Working);   // datagrams queued: still stopped, behind them (StopSession)
        _now += IdleMs;

        Assert.Equal(["s2"], TakeIdle());
        Assert.Equal(1, _table.SetAside);

        _now += 10 * IdleMs;
        holding.Activity = SessionActivity.Idle;
        _table.WorkFinished(Peer(1));
        Assert.Empty(TakeIdle());   // its work just ended: idle from now on

        _now += IdleMs;
        Assert.Equal(["s1"], TakeIdle());
        Assert.Equal(0, _table.Count);
    }
}
