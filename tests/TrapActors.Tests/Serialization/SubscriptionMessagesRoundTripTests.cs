using System.Net;
using TrapActors.Snmp.Messages;
using Xunit;

namespace TrapActors.Tests.Serialization;

/// <summary>Subscriptions made from another node: filters, queues and subscriber references come back equal.</summary>
public class SubscriptionMessagesRoundTripTests : SerializationSpec
{
    public static TheoryData<string, TrapFilter> Filters() => new()
    {
        { "all", TrapFilter.All },
        { "everything set", TrapFilter.ByTrapOid("1.3.6.1.6.3.1.1.5", "1.3.6.1.4.1.9")
            .AndSource(IPAddress.Parse("192.0.2.1"), IPAddress.Parse("2001:db8::1"))
            .AndVersion(SnmpVersion.V1, SnmpVersion.V3)
            .AndKind(NotificationKind.Inform) },
        { "traps only", TrapFilter.ByKind(NotificationKind.Trap) },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void A_filter_comes_back_equal(string what, TrapFilter filter)
    {
        Assert.Equal(filter, RoundTrip(filter));
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public async Task A_subscribe_comes_back_with_its_queue_and_a_subscriber_that_resolves()
    {
        var subscriber = CreateTestProbe();
        var subscribe = new Subscribe(subscriber.Ref, TrapFilter.ByTrapOid("1.3.6.1.6.3.1.1.5.3")) { Queue = new SubscriberQueue(500, SubscriberOverflow.BackPressure) };

        var back = RoundTrip(subscribe);

        Assert.Equal(subscribe, back);
        back.Subscriber.Tell("ping");
        await subscriber.ExpectMsgAsync("ping");
    }

    [Fact]
    public void A_subscribe_without_a_queue_keeps_it_null()
    {
        Assert.Null(RoundTrip(new Subscribe(TestActor)).Queue);
    }

    [Fact]
    public void The_replies_and_unsubscribe_come_back_equal()
    {
        var filter = TrapFilter.ByVersion(SnmpVersion.V2c);

        Assert.Equal(new Subscribed(TestActor, filter), RoundTrip(new Subscribed(TestActor, filter)));
        Assert.Equal(new Unsubscribe(TestActor), RoundTrip(new Unsubscribe(TestActor)));
        Assert.Equal(new Unsubscribed(TestActor), RoundTrip(new Unsubscribed(TestActor)));
    }
}
