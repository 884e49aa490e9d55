using Akka.Actor;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Subscriptions;

/// <summary>
/// A subscriber that blocks gets a bounded queue with its overflow policy; it never delays the others, and what it
/// loses is counted for it. The blocked subscriber takes trap 1 and blocks; traps 2..20 follow.
/// </summary>
public class SubscriberQueueTests : ReceiverSpec
{
    private const int Capacity = 5;
    private const int Traps = 20;
    private readonly ManualResetEventSlim _release = new(false);

    private sealed record Took(int RequestId);

    /// <summary>Reports each trap it takes to the monitor, and blocks on the first until released.</summary>
    private sealed class BlockingSubscriber : ReceiveActor
    {
        public BlockingSubscriber(IActorRef monitor, ManualResetEventSlim release)
        {
            Receive<TrapReceived>(t =>
            {
                monitor.Tell(new Took(t.Notification.RequestId));
                release.Wait();
            });
        }
    }

    private async Task<(IActorRef Blocked, Akka.TestKit.TestProbe Monitor, System.Net.IPEndPoint Target, System.Net.Sockets.UdpClient Client)> BlockOneSubscriberAsync(SubscriberOverflow overflow)
    {
        var target = await ReceiverEndPointAsync();
        var monitor = CreateTestProbe();
        var blocked = Sys.ActorOf(Props.Create(() => new BlockingSubscriber(monitor.Ref, _release)));
        await Receiver.Ask<Subscribed>(new Subscribe(blocked) { Queue = new SubscriberQueue(Capacity, overflow) }, AskTimeout);
        await SubscribeAsync(TestActor);
        var client = NewClient();
        await SendAsync(client, Packets.V2Trap(requestId: 1), target);
        await this.TrapWithIdAsync(1);
        Assert.Equal(1, (await monitor.ExpectMsgAsync<Took>()).RequestId);
        return (blocked, monitor, target, client);
    }

    private async Task SendTheRestAndSeeThemAllAtTheOtherSubscriberAsync(System.Net.Sockets.UdpClient client, System.Net.IPEndPoint target)
    {
        for (var id = 2; id <= Traps; id++)
            await SendAsync(client, Packets.V2Trap(requestId: id), target);
        for (var id = 2; id <= Traps; id++)
            await this.TrapWithIdAsync(id);
    }

    private async Task<List<int>> ReleaseAndCollectAsync(Akka.TestKit.TestProbe monitor, int count)
    {
        _release.Set();
        var taken = new List<int>();
        for (var i = 0; i < count; i++)
            taken.Add((await monitor.ExpectMsgAsync<Took>()).RequestId);
        await monitor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        return taken;
    }

    private async Task<SubscriberStats> StatsOfAsync(IActorRef subscriber) =>
        (await StatsAsync()).Subscribers.Single(s => s.Subscriber.Equals(subscriber));

    [Fact]
    public async Task Drop_newest_keeps_the_oldest_in_order_and_counts_the_rest_while_the_other_subscriber_gets_everything()
    {
        var (blocked, monitor, target, client) = await BlockOneSubscriberAsync(SubscriberOverflow.DropNewest);

        await SendTheRestAndSeeThemAllAtTheOtherSubscriberAsync(client, target);

        var stats = await StatsOfAsync(blocked);
        Assert.Equal(1 + Capacity, stats.Delivered);
        Assert.Equal(Traps - 1 - Capacity, stats.Dropped);
        Assert.Equal(Capacity, stats.Queued);
        var receiver = await StatsAsync();
        Assert.Equal(Traps, receiver.Delivered);
        Assert.Equal(0, receiver.Dropped[DropReason.SubscriberQueueFull]);
        Assert.Equal([2, 3, 4, 5, 6], await ReleaseAndCollectAsync(monitor, Capacity));
    }

    [Fact]
    public async Task Drop_oldest_keeps_the_newest_and_hands_them_over_once_the_subscriber_catches_up()
    {
        var (blocked, monitor, target, client) = await BlockOneSubscriberAsync(SubscriberOverflow.DropOldest);

        await SendTheRestAndSeeThemAllAtTheOtherSubscriberAsync(client, target);

        var stats = await StatsOfAsync(blocked);
        Assert.Equal(Traps - 1 - 2 * Capacity, stats.Dropped);
        Assert.Equal(2 * Capacity, stats.Queued);
        var taken = await ReleaseAndCollectAsync(monitor, 2 * Capacity);
        Assert.Equal([2, 3, 4, 5, 6, 16, 17, 18, 19, 20], taken);
        stats = await StatsOfAsync(blocked);
        Assert.Equal(1 + 2 * Capacity, stats.Delivered);
    }

    [Fact]
    public async Task Back_pressure_stops_reading_while_the_subscriber_is_full_and_then_loses_nothing()
    {
        var (blocked, monitor, target, client) = await BlockOneSubscriberAsync(SubscriberOverflow.BackPressure);

        // Traps 2..6 fill the blocked subscriber's queue; the session raises back-pressure before the other subscriber gets 6.
        for (var id = 2; id <= 1 + Capacity; id++)
            await SendAsync(client, Packets.V2Trap(requestId: id), target);
        for (var id = 2; id <= 1 + Capacity; id++)
            await this.TrapWithIdAsync(id);

        // The receive thread was already waiting in the socket for the next datagram: trap 7 gets through, then it stops reading.
        for (var id = 2 + Capacity; id <= Traps; id++)
            await SendAsync(client, Packets.V2Trap(requestId: id), target);
        await this.TrapWithIdAsync(2 + Capacity);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        var during = await StatsAsync();
        Assert.Equal(2 + Capacity, during.Received);
        Assert.Equal(0, during.SocketBufferDrops);

        Assert.Equal(Enumerable.Range(2, Traps - 1), await ReleaseAndCollectAsync(monitor, Traps - 1));
        for (var id = 3 + Capacity; id <= Traps; id++)
            await this.TrapWithIdAsync(id);
        var after = await AwaitStatsAsync(s => s.Delivered == Traps, "all delivered");
        Assert.Equal(0, after.TotalDropped);
        Assert.Equal(0, (await StatsOfAsync(blocked)).Dropped);
    }

    protected override void Dispose(bool disposing)
    {
        _release.Set();
        base.Dispose(disposing);
        if (disposing)
            _release.Dispose();
    }
}

/// <summary>A subscriber that throws on every notification is restarted by its own supervisor; no one else notices.</summary>
public class CrashingSubscriberTests : ReceiverSpec
{
    private sealed class ThrowingSubscriber : ReceiveActor
    {
        public ThrowingSubscriber() => Receive<TrapReceived>(t => throw new InvalidOperationException($"subscriber bug on {t.Notification.RequestId}"));
    }

    [Fact]
    public async Task The_other_subscriber_and_the_receiver_carry_on()
    {
        var target = await ReceiverEndPointAsync();
        var crashing = Sys.ActorOf(Props.Create(() => new ThrowingSubscriber()));
        await SubscribeAsync(crashing);
        await SubscribeAsync(TestActor);
        var client = NewClient();

        for (var id = 1; id <= 10; id++)
            await SendAsync(client, Packets.V2Trap(requestId: id), target);

        for (var id = 1; id <= 10; id++)
            await this.TrapWithIdAsync(id);
        var stats = await AwaitStatsAsync(s => s.Subscribers.Single(x => x.Subscriber.Equals(crashing)).Queued == 0, "crashing subscriber worked its queue");
        Assert.Equal(10, stats.Delivered);
        Assert.Equal(10, stats.Subscribers.Single(x => x.Subscriber.Equals(crashing)).Delivered);
    }
}
