using System.Diagnostics;
using TrapActors.Snmp.Messages;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Informs;

/// <summary>inform.acknowledge = by-subscriber: the subscriber decides; no decision within 300ms → respond.</summary>
public class InformBySubscriberTests() : ReceiverSpec("""
    trap-actors.inform { acknowledge = by-subscriber, decision-timeout = 300ms, on-timeout = respond }
    """)
{
    private static readonly TimeSpan DecisionTimeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task No_Response_until_the_subscriber_calls_Respond()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 11), target);
        var inform = await this.InformAsync();
        Assert.True(inform.Acknowledgement.IsPending);
        Assert.Null(await TryReceiveAsync(client, TimeSpan.FromMilliseconds(100)));

        inform.Respond();

        var response = Packets.DecodeCommunity(await ReceiveAsync(client));
        Assert.Equal(PduType.Response, response.Pdu.Type);
        Assert.Equal(11, response.Pdu.RequestId);
        Assert.Equal(0, response.Pdu.ErrorStatus);
        Assert.Equal(0, response.Pdu.ErrorIndex);
        Assert.Equal(2, response.Pdu.VarBinds.Length);
        // The decision timer was cancelled: no second Response.
        Assert.Null(await TryReceiveAsync(client, DecisionTimeout + TimeSpan.FromMilliseconds(200)));
        Assert.Equal(1, (await StatsAsync()).InformsAnswered);
    }

    [Fact]
    public async Task Respond_with_an_error_sends_that_status_and_index()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 12, extra: [Packets.Int(1), Packets.Int(2)]), target);
        (await this.InformAsync()).Respond(5, 2);

        var response = Packets.DecodeCommunity(await ReceiveAsync(client));
        Assert.Equal(12, response.Pdu.RequestId);
        Assert.Equal(5, response.Pdu.ErrorStatus);
        Assert.Equal(2, response.Pdu.ErrorIndex);
        Assert.Equal(4, response.Pdu.VarBinds.Length);
    }

    [Fact]
    public async Task Suppress_sends_no_Response_not_even_at_the_timeout()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 13), target);
        (await this.InformAsync()).Suppress();

        Assert.Null(await TryReceiveAsync(client, DecisionTimeout + TimeSpan.FromMilliseconds(400)));
        Assert.Equal(0, (await StatsAsync()).InformsAnswered);
    }

    [Fact]
    public async Task The_first_decision_wins()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 14), target);
        var inform = await this.InformAsync();
        inform.Respond(5, 1);
        inform.Respond();
        inform.Suppress();

        var response = Packets.DecodeCommunity(await ReceiveAsync(client));
        Assert.Equal(5, response.Pdu.ErrorStatus);
        Assert.Null(await TryReceiveAsync(client, DecisionTimeout + TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Without_a_decision_the_Response_comes_at_the_decision_timeout()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();
        var clock = Stopwatch.StartNew();

        await SendAsync(client, Packets.Inform(requestId: 15), target);
        await this.InformAsync();

        var response = Packets.DecodeCommunity(await ReceiveAsync(client));
        Assert.True(clock.Elapsed >= DecisionTimeout - TimeSpan.FromMilliseconds(50), $"answered after {clock.Elapsed.TotalMilliseconds}ms");
        Assert.Equal(15, response.Pdu.RequestId);
        Assert.Equal(0, response.Pdu.ErrorStatus);
        Assert.Equal(1, (await AwaitStatsAsync(s => s.InformsAnswered == 1, "answered")).InformsAnswered);
    }

    [Fact]
    public async Task Two_pending_informs_from_one_peer_are_decided_separately()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 21), target);
        await SendAsync(client, Packets.Inform(requestId: 22), target);
        var first = await this.InformAsync();
        var second = await this.InformAsync();
        second.Respond(2, 1);
        first.Respond();

        var a = Packets.DecodeCommunity(await ReceiveAsync(client));
        var b = Packets.DecodeCommunity(await ReceiveAsync(client));
        Assert.Equal((22, 2), (a.Pdu.RequestId, a.Pdu.ErrorStatus));
        Assert.Equal((21, 0), (b.Pdu.RequestId, b.Pdu.ErrorStatus));
    }

    [Fact]
    public async Task An_inform_no_subscriber_takes_is_answered_at_once_with_on_timeout_respond()
    {
        var target = await ReceiverEndPointAsync();
        var client = NewClient();
        var clock = Stopwatch.StartNew();

        await SendAsync(client, Packets.Inform(requestId: 16), target);

        var response = Packets.DecodeCommunity(await ReceiveAsync(client));
        Assert.Equal(16, response.Pdu.RequestId);
        Assert.Equal(0, response.Pdu.ErrorStatus);
        Assert.True(clock.Elapsed < DecisionTimeout, $"answered after {clock.Elapsed.TotalMilliseconds}ms");
    }

    [Fact]
    public async Task Traps_are_not_affected_by_the_inform_mode()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.V2Trap(requestId: 17), target);

        await this.TrapWithIdAsync(17);
        Assert.Null(await TryReceiveAsync(client, TimeSpan.FromMilliseconds(200)));
    }
}

/// <summary>inform.on-timeout = suppress: an undecided inform gets no Response.</summary>
public class InformSuppressOnTimeoutTests() : ReceiverSpec("""
    trap-actors.inform { acknowledge = by-subscriber, decision-timeout = 300ms, on-timeout = suppress }
    """)
{
    [Fact]
    public async Task Without_a_decision_no_Response_is_sent()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 18), target);
        var inform = await this.InformAsync();
        Assert.True(inform.Acknowledgement.IsPending);

        Assert.Null(await TryReceiveAsync(client, TimeSpan.FromMilliseconds(800)));
        Assert.Equal(0, (await StatsAsync()).InformsAnswered);
    }

    [Fact]
    public async Task A_late_decision_after_the_timeout_is_ignored()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 19), target);
        var inform = await this.InformAsync();
        Assert.Null(await TryReceiveAsync(client, TimeSpan.FromMilliseconds(600)));
        inform.Respond();

        Assert.Null(await TryReceiveAsync(client, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task An_explicit_Respond_still_answers()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 20), target);
        (await this.InformAsync()).Respond();

        Assert.Equal(20, Packets.DecodeCommunity(await ReceiveAsync(client)).Pdu.RequestId);
    }
}
