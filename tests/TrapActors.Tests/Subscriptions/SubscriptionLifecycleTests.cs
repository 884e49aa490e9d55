using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Subscriptions;

/// <summary>Several subscribers, re-subscription and unsubscription.</summary>
public class SubscriptionLifecycleTests : ReceiverSpec
{
    [Fact]
    public async Task Two_subscribers_with_different_filters_each_get_only_theirs()
    {
        var target = await ReceiverEndPointAsync();
        var a = CreateTestProbe();
        var b = CreateTestProbe();
        await SubscribeAsync(a.Ref, TrapFilter.ByTrapOid("1.3.6.1.4.1.100"));
        await SubscribeAsync(b.Ref, TrapFilter.ByTrapOid("1.3.6.1.4.1.200"));
        var client = NewClient();

        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.100.1", requestId: 1), target);
        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.200.1", requestId: 2), target);
        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.100.2", requestId: 3), target);

        await a.TrapWithIdAsync(1);
        await a.TrapWithIdAsync(3);
        await b.TrapWithIdAsync(2);
        await a.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        await b.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_notification_both_filters_select_reaches_both_and_counts_once()
    {
        var target = await ReceiverEndPointAsync();
        var a = CreateTestProbe();
        var b = CreateTestProbe();
        await SubscribeAsync(a.Ref);
        await SubscribeAsync(b.Ref, TrapFilter.ByTrapOid("1.3.6.1.4.1"));

        await SendAsync(NewClient(), Packets.V2Trap("1.3.6.1.4.1.5.5", requestId: 5), target);

        await a.TrapWithIdAsync(5);
        await b.TrapWithIdAsync(5);
        var stats = await AwaitStatsAsync(s => s.Delivered >= 1, "delivered");
        Assert.Equal(1, stats.Delivered);
    }

    [Fact]
    public async Task Subscribing_again_replaces_the_filter()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor, TrapFilter.ByTrapOid("1.3.6.1.4.1.100"));
        var replaced = await SubscribeAsync(TestActor, TrapFilter.ByTrapOid("1.3.6.1.4.1.200"));
        Assert.Equal(TrapFilter.ByTrapOid("1.3.6.1.4.1.200"), replaced.Filter);
        var client = NewClient();

        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.100.1", requestId: 1), target);
        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.200.1", requestId: 2), target);

        await this.TrapWithIdAsync(2); // once: the old subscription is gone, not kept beside the new one
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        var stats = await AwaitStatsAsync(s => s.Delivered + s.Dropped[DropReason.NoSubscriber] == 2, "both handled");
        Assert.Equal(1, stats.Dropped[DropReason.NoSubscriber]);
    }

    [Fact]
    public async Task Subscribing_twice_with_the_same_filter_delivers_once()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        await SubscribeAsync(TestActor);

        await SendAsync(NewClient(), Packets.V2Trap(requestId: 1), target);

        await this.TrapWithIdAsync(1);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Unsubscribe_replies_Unsubscribed_and_stops_delivery()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();
        await SendAsync(client, Packets.V2Trap(requestId: 1), target);
        await this.TrapWithIdAsync(1);

        var reply = await Receiver.Ask<Unsubscribed>(new Unsubscribe(TestActor), AskTimeout);
        Assert.Equal(TestActor, reply.Subscriber);

        await SendAsync(client, Packets.V2Trap(requestId: 2), target);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        var stats = await AwaitStatsAsync(s => s.Dropped[DropReason.NoSubscriber] == 1, "the second trap found no subscriber");
        Assert.Equal(1, stats.Delivered);
    }

    [Fact]
    public async Task Unsubscribing_an_unknown_actor_still_replies()
    {
        var stranger = CreateTestProbe();
        var reply = await Receiver.Ask<Unsubscribed>(new Unsubscribe(stranger.Ref), AskTimeout);
        Assert.Equal(stranger.Ref, reply.Subscriber);
    }
}
