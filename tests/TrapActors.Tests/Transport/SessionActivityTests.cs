using TrapActors.Transport;
using Xunit;

namespace TrapActors.Tests.Transport;

/// <summary>
/// What a router reads from a session's lease to decide whether it may evict the session (decision 0019): datagrams
/// still unhandled, work held beyond them, and whether the session has stopped (<see cref="LiveSessions"/>).
/// </summary>
public sealed class SessionActivityTests
{
    [Fact]
    public void A_lease_is_idle_working_or_holding()
    {
        using var gate = new InFlightGate(100);
        var lease = new DatagramLease(gate);
        Assert.Equal(SessionActivity.Idle, lease.Activity);

        gate.Enter();
        lease.Take();
        Assert.Equal(SessionActivity.Working, lease.Activity);

        // The session marks the inform it left pending before it releases the datagram.
        Assert.True(lease.SetHolding(true));
        lease.Release();
        Assert.Equal(SessionActivity.Holding, lease.Activity);

        Assert.False(lease.SetHolding(true));   // unchanged
        Assert.True(lease.SetHolding(false));
        Assert.Equal(SessionActivity.Idle, lease.Activity);
    }

    [Fact]
    public void Holding_wins_over_unhandled_datagrams()
    {
        using var gate = new InFlightGate(100);
        var lease = new DatagramLease(gate);
        lease.SetHolding(true);
        gate.Enter();
        lease.Take();

        Assert.Equal(SessionActivity.Holding, lease.Activity);
    }

    [Fact]
    public void The_shared_untracked_lease_never_holds()
    {
        Assert.False(DatagramLease.Untracked.SetHolding(true));
        Assert.Equal(SessionActivity.Idle, DatagramLease.Untracked.Activity);
    }

    [Fact]
    public void A_stopped_session_is_counted_down_once_whoever_tells_first()
    {
        using var gate = new InFlightGate(100);
        var live = new LiveSessions();
        var first = new DatagramLease(gate, live);
        var second = new DatagramLease(gate, live);
        live.Started();
        live.Started();

        first.HolderStopped();   // the session's PostStop
        first.HolderStopped();   // the router, when its watch message arrives
        Assert.Equal(1, live.Count);

        second.HolderStopped();   // a session that never started: only the router tells
        Assert.Equal(0, live.Count);
    }
}
