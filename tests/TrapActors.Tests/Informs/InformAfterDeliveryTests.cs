using TrapActors.Snmp.Messages;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Informs;

/// <summary>
/// inform.acknowledge = after-delivery (at-least-once): the Response goes out only once a subscriber confirmed;
/// retransmissions are answered like the first and never delivered twice.
/// </summary>
public class InformAfterDeliveryTests() : ReceiverSpec("""
    trap-actors.inform { acknowledge = after-delivery, decision-timeout = 10s }
    """)
{
    [Fact]
    public async Task Snmpinform_retries_are_not_delivered_again_and_it_gets_one_Response_after_the_confirmation()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var port = (await ReceiverEndPointAsync()).Port;
        await SubscribeAsync(TestActor);

        // Timeout 1 s, 4 retries: snmpinform keeps retransmitting while the subscriber has not confirmed.
        var run = NetSnmpTools.SnmpInformAsync("-v", "2c", "-c", "public", "-r", "4", "-t", "1", $"127.0.0.1:{port}", "77", "1.3.6.1.4.1.8072.2.3.0.9");
        var inform = await this.InformAsync(TimeSpan.FromSeconds(5));
        Assert.True(inform.Acknowledgement.IsPending);

        var retransmitted = await AwaitStatsAsync(s => s.Dropped[DropReason.DuplicateInform] >= 2, "two retransmissions seen", TimeSpan.FromSeconds(6));
        Assert.False(run.IsCompleted, "snmpinform finished before the confirmation");
        Assert.Equal(0, retransmitted.InformsAnswered);
        Assert.Equal(1, retransmitted.Delivered);

        inform.Confirm();

        var result = await run;
        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        var stats = await StatsAsync();
        Assert.Equal(1, stats.InformsAnswered);
        Assert.Equal(1, stats.Delivered);
        Assert.Equal(stats.Received, stats.Delivered + stats.TotalDropped);
    }

    [Fact]
    public async Task A_retransmission_after_the_Response_is_answered_again_without_a_second_delivery()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();
        var inform = Packets.Inform(requestId: 31);

        await SendAsync(client, inform, target);
        (await this.InformAsync()).Confirm();
        Assert.Equal(31, Packets.DecodeCommunity(await ReceiveAsync(client)).Pdu.RequestId);

        await SendAsync(client, inform, target);
        var again = Packets.DecodeCommunity(await ReceiveAsync(client));

        Assert.Equal(PduType.Response, again.Pdu.Type);
        Assert.Equal(31, again.Pdu.RequestId);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        var stats = await StatsAsync();
        Assert.Equal(1, stats.Delivered);
        Assert.Equal(1, stats.Dropped[DropReason.DuplicateInform]);
        Assert.Equal(2, stats.InformsAnswered);
    }

    [Fact]
    public async Task Without_a_subscriber_no_Response_goes_out()
    {
        var target = await ReceiverEndPointAsync();
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 41), target);

        Assert.Null(await TryReceiveAsync(client, TimeSpan.FromMilliseconds(300)));
        var stats = await AwaitStatsAsync(s => s.Dropped[DropReason.NoSubscriber] == 1, "inform dropped");
        Assert.Equal(0, stats.InformsAnswered);
    }
}

/// <summary>after-delivery with a short timeout: an unconfirmed inform gets no Response, and its retransmission is delivered again.</summary>
public class InformAfterDeliveryTimeoutTests() : ReceiverSpec("""
    trap-actors.inform { acknowledge = after-delivery, decision-timeout = 300ms }
    """)
{
    [Fact]
    public async Task No_confirmation_in_time_means_no_Response_and_the_retransmission_is_delivered_again()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();
        var inform = Packets.Inform(requestId: 51);

        await SendAsync(client, inform, target);
        var first = await this.InformAsync();
        Assert.Null(await TryReceiveAsync(client, TimeSpan.FromMilliseconds(600)));
        first.Confirm();   // too late: the inform is no longer pending
        Assert.Null(await TryReceiveAsync(client, TimeSpan.FromMilliseconds(200)));

        await SendAsync(client, inform, target);
        var second = await this.InformAsync();
        Assert.Equal(51, second.Notification.RequestId);
        second.Confirm();

        Assert.Equal(51, Packets.DecodeCommunity(await ReceiveAsync(client)).Pdu.RequestId);
        var stats = await StatsAsync();
        Assert.Equal(2, stats.Delivered);
        Assert.Equal(1, stats.InformsAnswered);
        Assert.Equal(0, stats.Dropped[DropReason.DuplicateInform]);
    }
}
