using System.Net;
using TrapActors.Transport;
using Xunit;

namespace TrapActors.Tests.Transport;

/// <summary>
/// The transport's in-flight accounting (<see cref="InFlightGate"/>, <see cref="DatagramLease"/>,
/// <see cref="InboundDatagram.LeasedTo"/>) and the back-pressure signal (<see cref="IngressThrottle"/>), without a socket.
/// The receive loop enters the gate for each datagram it reads; the router takes a lease for the session it hands
/// the datagram to; the session releases it.
/// </summary>
public sealed class DatagramLeaseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>What the receive loop and the router do for one datagram.</summary>
    private static void Route(InFlightGate gate, DatagramLease lease)
    {
        gate.Enter();
        lease.Take();
    }

    private static InboundDatagram Datagram() =>
        new([0x30, 0x00], new IPEndPoint(IPAddress.Loopback, 50000), new IPEndPoint(IPAddress.Loopback, 162), DateTimeOffset.UnixEpoch);

    private static Task OnOwnThread(Action action) =>
        Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>True when the task completes within the time (a task timeout, not a sleep).</summary>
    private static async Task<bool> Within(Task task, TimeSpan time) => await Task.WhenAny(task, Task.Delay(time)) == task;

    // ---------------------------------------------------------------- DatagramLease and InFlightGate

    [Fact]
    public void Take_and_release_balance_the_gate()
    {
        using var gate = new InFlightGate(100);
        var lease = new DatagramLease(gate);

        for (var i = 0; i < 3; i++)
            Route(gate, lease);
        Assert.Equal(3, gate.Current);

        lease.Release();
        lease.Release();
        Assert.Equal(1, gate.Current);
        lease.Release();
        Assert.Equal(0, gate.Current);
        Assert.Equal(0, lease.ReleaseRemaining());
        Assert.Equal(0, gate.Current);
    }

    [Fact]
    public void Two_leases_on_one_gate_are_accounted_separately()
    {
        using var gate = new InFlightGate(100);
        var a = new DatagramLease(gate);
        var b = new DatagramLease(gate);
        Route(gate, a);
        Route(gate, a);
        Route(gate, b);

        b.Release();

        Assert.Equal(2, gate.Current);
        Assert.Equal(0, b.ReleaseRemaining());
        Assert.Equal(2, a.ReleaseRemaining());
        Assert.Equal(0, gate.Current);
    }

    [Fact]
    public void Release_remaining_releases_what_a_stopped_holder_never_released_exactly_once()
    {
        using var gate = new InFlightGate(100);
        var lease = new DatagramLease(gate);
        for (var i = 0; i < 5; i++)
            Route(gate, lease);
        lease.Release();
        lease.Release();

        Assert.Equal(3, lease.ReleaseRemaining());
        Assert.Equal(0, gate.Current);

        Assert.Equal(0, lease.ReleaseRemaining());
        Assert.Equal(0, gate.Current);
    }

    [Fact]
    public async Task Releases_on_other_threads_keep_the_balance()
    {
        const int Count = 2000;
        using var gate = new InFlightGate(Count);
        var lease = new DatagramLease(gate);
        using var handed = new System.Collections.Concurrent.BlockingCollection<int>();
        var holders = Enumerable.Range(0, 2).Select(_ => OnOwnThread(() =>
        {
            foreach (var _ in handed.GetConsumingEnumerable())
                lease.Release();
        })).ToArray();

        for (var i = 0; i < Count; i++)
        {
            Route(gate, lease);
            handed.Add(i);
        }
        handed.CompleteAdding();

        Assert.True(await Within(Task.WhenAll(holders), Patience));
        Assert.Equal(0, gate.Current);
        Assert.Equal(0, lease.ReleaseRemaining());
    }

    [Fact]
    public void Untracked_counts_nothing()
    {
        using var gate = new InFlightGate(100);
        gate.Enter();

        DatagramLease.Untracked.Take();
        DatagramLease.Untracked.Take();
        DatagramLease.Untracked.Release();

        Assert.Equal(0, DatagramLease.Untracked.ReleaseRemaining());
        Assert.Equal(1, gate.Current);
    }

    [Fact]
    public void A_datagram_is_untracked_until_leased_and_leased_to_takes_the_lease()
    {
        using var gate = new InFlightGate(100);
        var lease = new DatagramLease(gate);
        var datagram = Datagram();
        Assert.Same(DatagramLease.Untracked, datagram.Lease);

        gate.Enter();
        var handed = datagram.LeasedTo(lease);

        Assert.Same(datagram, handed);
        Assert.Same(lease, handed.Lease);
        Assert.Equal(1, lease.ReleaseRemaining());   // taken once, never released
        Assert.Equal(0, gate.Current);
    }

    [Fact]
    public void The_holder_releases_a_leased_datagram_through_its_lease()
    {
        using var gate = new InFlightGate(100);
        var lease = new DatagramLease(gate);
        gate.Enter();
        var datagram = Datagram().LeasedTo(lease);

        datagram.Lease.Release();

        Assert.Equal(0, gate.Current);
        Assert.Equal(0, lease.ReleaseRemaining());
    }

    [Fact]
    public async Task Wait_for_room_holds_the_receive_thread_at_the_bound_until_a_release()
    {
        using var gate = new InFlightGate(2);
        var lease = new DatagramLease(gate);
        Route(gate, lease);
        Route(gate, lease);
        using var checks = new SemaphoreSlim(0);
        var receiver = OnOwnThread(() => gate.WaitForRoom(() =>
        {
            checks.Release();
            return false;
        }));

        Assert.True(await checks.WaitAsync(Patience));
        Assert.True(await checks.WaitAsync(Patience));   // looked again after a wait: still held
        Assert.False(receiver.IsCompleted);

        lease.Release();

        Assert.True(await Within(receiver, Patience));
        Assert.Equal(1, gate.Current);
    }

    [Fact]
    public async Task Wait_for_room_returns_at_once_below_the_bound_and_when_stopped()
    {
        using var gate = new InFlightGate(1);
        gate.WaitForRoom(() => throw new InvalidOperationException("not asked below the bound"));

        gate.Enter();
        var stop = false;
        var receiver = OnOwnThread(() => gate.WaitForRoom(() => Volatile.Read(ref stop)));
        Assert.False(await Within(receiver, TimeSpan.FromMilliseconds(150)));

        Volatile.Write(ref stop, true);

        Assert.True(await Within(receiver, Patience));
        Assert.Equal(1, gate.Current);
    }

    // ---------------------------------------------------------------- IngressThrottle

    [Fact]
    public void The_throttle_starts_open_and_an_open_throttle_does_not_wait()
    {
        var throttle = new IngressThrottle();

        Assert.False(throttle.IsClosed);
        throttle.WaitWhileClosed(() => throw new InvalidOperationException("not asked while open"));
    }

    [Fact]
    public void Close_and_open_switch_the_state()
    {
        var throttle = new IngressThrottle();

        throttle.Close(() => false);
        Assert.True(throttle.IsClosed);
        throttle.Close(() => false);
        Assert.True(throttle.IsClosed);
        throttle.Open();
        Assert.False(throttle.IsClosed);
        throttle.Open();
        Assert.False(throttle.IsClosed);
    }

    [Fact]
    public async Task A_waiting_receive_thread_is_held_while_closed_and_released_by_open()
    {
        var throttle = new IngressThrottle();
        throttle.Close(() => false);
        using var checks = new SemaphoreSlim(0);
        var receiver = OnOwnThread(() => throttle.WaitWhileClosed(() =>
        {
            checks.Release();
            return false;
        }));

        Assert.True(await checks.WaitAsync(Patience));
        Assert.True(await checks.WaitAsync(Patience));   // looked at the stop function twice: held across a wait
        Assert.False(receiver.IsCompleted);

        throttle.Open();

        Assert.True(await Within(receiver, Patience));
        Assert.False(throttle.IsClosed);
    }

    [Fact]
    public async Task A_waiting_thread_opens_the_throttle_once_the_closer_says_it_may()
    {
        var throttle = new IngressThrottle();
        var mayOpen = false;
        throttle.Close(() => Volatile.Read(ref mayOpen));
        var receiver = OnOwnThread(() => throttle.WaitWhileClosed(() => false));
        Assert.False(await Within(receiver, TimeSpan.FromMilliseconds(150)));
        Assert.True(throttle.IsClosed);

        Volatile.Write(ref mayOpen, true);

        Assert.True(await Within(receiver, Patience));
        Assert.False(throttle.IsClosed);
    }

    [Fact]
    public async Task The_stop_function_releases_a_thread_waiting_on_a_closed_throttle()
    {
        var throttle = new IngressThrottle();
        throttle.Close(() => false);
        var stop = false;
        var receiver = OnOwnThread(() => throttle.WaitWhileClosed(() => Volatile.Read(ref stop)));
        Assert.False(await Within(receiver, TimeSpan.FromMilliseconds(150)));

        Volatile.Write(ref stop, true);

        Assert.True(await Within(receiver, Patience));
        Assert.True(throttle.IsClosed);
    }

    [Fact]
    public async Task Open_releases_every_waiting_thread()
    {
        var throttle = new IngressThrottle();
        throttle.Close(() => false);
        using var checks = new SemaphoreSlim(0);
        var receivers = Enumerable.Range(0, 3).Select(_ => OnOwnThread(() => throttle.WaitWhileClosed(() =>
        {
            checks.Release();
            return false;
        }))).ToArray();
        for (var i = 0; i < 3; i++)
            Assert.True(await checks.WaitAsync(Patience));

        throttle.Open();

        Assert.True(await Within(Task.WhenAll(receivers), Patience));
    }
}
