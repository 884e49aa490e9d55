using Akka.Actor;
using Akka.Event;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Subscriptions;

/// <summary>A subscriber that stops is removed without Unsubscribe.</summary>
public class DeadSubscriberTests : ReceiverSpec
{
    [Fact]
    public async Task A_stopped_subscriber_is_removed_and_later_traps_count_as_NoSubscriber_without_dead_letters()
    {
        var target = await ReceiverEndPointAsync();
        var subscriber = CreateTestProbe();
        await SubscribeAsync(subscriber.Ref);
        var client = NewClient();
        await SendAsync(client, Packets.V2Trap(requestId: 1), target);
        await subscriber.TrapWithIdAsync(1);

        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        await WatchAsync(subscriber.Ref);
        Sys.Stop(subscriber.Ref);
        await ExpectTerminatedAsync(subscriber.Ref);

        // The receiver learns of the death asynchronously: send until a trap is counted as NoSubscriber.
        var before = await StatsAsync();
        var requestId = 100;
        TrapReceiverStats after;
        do
        {
            requestId++;
            await SendAsync(client, Packets.V2Trap(requestId: requestId), target);
            var handled = before.Delivered + before.Dropped[DropReason.NoSubscriber] + 1;
            after = await AwaitStatsAsync(s => s.Delivered + s.Dropped[DropReason.NoSubscriber] == handled, "trap handled");
            before = after;
        }
        while (after.Dropped[DropReason.NoSubscriber] == 0 && requestId < 120);

        Assert.Equal(1, after.Dropped[DropReason.NoSubscriber]);
        var lastId = requestId;
        var letters = await deadLetters.ReceiveWhileAsync<DeadLetter>(TimeSpan.FromMilliseconds(300), o => (DeadLetter)o).ToListAsync();
        Assert.DoesNotContain(letters, l => l.Message is TrapReceived t && t.Notification.RequestId == lastId);
    }

    [Fact]
    public async Task A_stopped_subscriber_does_not_disturb_the_others()
    {
        var target = await ReceiverEndPointAsync();
        var doomed = CreateTestProbe();
        await SubscribeAsync(doomed.Ref);
        await SubscribeAsync(TestActor);
        await WatchAsync(doomed.Ref);
        Sys.Stop(doomed.Ref);
        await ExpectTerminatedAsync(doomed.Ref);

        await SendAsync(NewClient(), Packets.V2Trap(requestId: 7), target);

        await this.TrapWithIdAsync(7);
        var stats = await AwaitStatsAsync(s => s.Delivered == 1, "delivered to the live subscriber");
        Assert.Equal(0, stats.Dropped[DropReason.NoSubscriber]);
    }
}
