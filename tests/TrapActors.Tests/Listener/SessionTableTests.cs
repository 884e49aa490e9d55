using System.Net;
using TrapActors.Listener;
using TrapActors.Transport;
using Xunit;

namespace TrapActors.Tests.Listener;

/// <summary>The routing table's eviction order (decision 0019), without actors: least recently used idle session first.</summary>
public sealed class SessionTableTests
{
    private sealed class FakeSession(string name)
    {
        public string Name { get; } = name;

        public SessionActivity Activity { get; set; }
    }

    private readonly SessionTable<FakeSession> _table = new(session => session.Activity);

    private static PeerKey Peer(int port) => new(IPAddress.Loopback, port);

    private FakeSession Add(int port, SessionActivity activity = SessionActivity.Idle)
    {
        var session = new FakeSession($"s{port}") { Activity = activity };
        _table.Add(Peer(port), session);
        return session;
    }

    private string? Evict() => _table.TryEvict(out _, out var session) ? session.Name : null;

    [Fact]
    public void The_least_recently_added_idle_session_is_evicted_first()
    {
        Add(1);
        Add(2);
        Add(3);

        Assert.Equal("s1", Evict());
        Assert.Equal("s2", Evict());
        Assert.Equal(1, _table.Count);
        Assert.Null(_table.Find(Peer(1)));
    }

    [Fact]
    public void A_datagram_routed_to_a_session_makes_it_the_most_recently_used()
    {
        Add(1);
        Add(2);
        Add(3);

        Assert.True(_table.TryGet(Peer(1), out var routed));
        Assert.Equal("s1", routed.Name);

        Assert.Equal("s2", Evict());
        Assert.Equal("s3", Evict());
        Assert.Equal("s1", Evict());
    }

    [Fact]
    public void Find_does_not_change_the_order()
    {
        Add(1);
        Add(2);

        Assert.Equal("s1", _table.Find(Peer(1))?.Name);
        Assert.Equal("s1", Evict());
    }

    [Fact]
    public void A_session_holding_work_is_set_aside_until_its_work_is_finished()
    {
        var holding = Add(1, SessionActivity.Holding);
        Add(2);

        Assert.Equal("s2", Evict());
        Assert.Equal(1, _table.SetAside);
        Assert.Null(Evict());   // every session holds work
        Assert.True(_table.TryGet(Peer(1), out _));   // routing to it does not put it back in the order
        Assert.Null(Evict());

        holding.Activity = SessionActivity.Idle;
        _table.WorkFinished(Peer(1));
        Assert.Equal(0, _table.SetAside);
        Assert.Equal("s1", Evict());
    }

    [Fact]
    public void Work_finished_for_a_session_in_the_order_or_unknown_changes_nothing()
    {
        Add(1);
        Add(2);

        _table.WorkFinished(Peer(1));
        _table.WorkFinished(Peer(9));

        Assert.Equal(2, _table.Count);
        Assert.Equal("s1", Evict());
    }

    [Fact]
    public void A_session_set_aside_that_holds_work_again_is_set_aside_again()
    {
        Add(1, SessionActivity.Holding);
        Add(2);
        Assert.Equal("s2", Evict());

        _table.WorkFinished(Peer(1));   // told, but it took a new inform meanwhile
        Assert.Null(Evict());
        Assert.Equal(1, _table.SetAside);
    }

    [Fact]
    public void Sessions_still_handling_datagrams_go_to_the_back_and_the_look_is_bounded()
    {
        for (var port = 0; port < SessionTable<FakeSession>.MaxWorkingLookedAt; port++)
            Add(port, SessionActivity.Working);
        Add(1000);

        Assert.Null(Evict());   // the idle one is behind as many working ones as an eviction looks past

        Assert.Equal("s1000", Evict());   // the working ones went to the back
        Assert.Equal(SessionTable<FakeSession>.MaxWorkingLookedAt, _table.Count);
    }

    [Fact]
    public void A_table_that_may_evict_working_sessions_evicts_the_least_recently_used_one_that_holds_no_work()
    {
        var table = new SessionTable<FakeSession>(session => session.Activity, evictable: SessionActivity.Working);
        table.Add(Peer(1), new FakeSession("s1") { Activity = SessionActivity.Holding });
        table.Add(Peer(2), new FakeSession("s2") { Activity = SessionActivity.Working });
        table.Add(Peer(3), new FakeSession("s3") { Activity = SessionActivity.Idle });

        Assert.True(table.TryEvict(out var peer, out var evicted));
        Assert.Equal(("s2", Peer(2)), (evicted.Name, peer));
        Assert.Equal(1, table.SetAside);
    }

    [Fact]
    public void A_few_working_sessions_are_each_looked_at_once_before_giving_up()
    {
        var looks = 0;
        var table = new SessionTable<FakeSession>(session =>
        {
            looks++;
            return session.Activity;
        });
        table.Add(Peer(1), new FakeSession("s1") { Activity = SessionActivity.Working });
        table.Add(Peer(2), new FakeSession("s2") { Activity = SessionActivity.Working });

        Assert.False(table.TryEvict(out _, out _));
        Assert.Equal(2, looks);
    }

    [Fact]
    public void Remove_takes_a_session_out_of_the_table_in_the_order_or_set_aside()
    {
        Add(1, SessionActivity.Holding);
        Add(2);
        Add(3);
        Assert.Equal("s2", Evict());   // s1 set aside

        Assert.True(_table.Remove(Peer(1), out var setAside));
        Assert.Equal("s1", setAside.Name);
        Assert.True(_table.Remove(Peer(3), out var ordered));
        Assert.Equal("s3", ordered.Name);
        Assert.False(_table.Remove(Peer(3), out _));
        Assert.Equal(0, _table.Count);
        Assert.Equal(0, _table.SetAside);
        Assert.Null(Evict());
    }
}
