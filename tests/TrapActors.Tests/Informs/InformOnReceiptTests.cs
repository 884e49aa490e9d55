using TrapActors.Snmp.Messages;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Informs;

/// <summary>inform.acknowledge = on-receipt: every accepted inform is answered at once (RFC 3416 §4.2.7).</summary>
public class InformOnReceiptTests : ReceiverSpec
{
    [Fact]
    public async Task An_inform_gets_a_Response_with_the_same_request_id_and_varbinds()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();
        var request = Packets.V2Message(PduType.InformRequest, "1.3.6.1.4.1.8072.9999.0.2", 0x1234567, extra: [Packets.Text("hello"), Packets.Int(-5)]);

        await SendAsync(client, Snmp.SnmpMessageEncoder.Encode(request), target);

        var response = Packets.DecodeCommunity(await ReceiveAsync(client));
        Assert.Equal(SnmpVersion.V2c, response.Version);
        Assert.Equal("public"u8.ToArray(), response.Community.ToArray());
        Assert.Equal(PduType.Response, response.Pdu.Type);
        Assert.Equal(0x1234567, response.Pdu.RequestId);
        Assert.Equal(0, response.Pdu.ErrorStatus);
        Assert.Equal(0, response.Pdu.ErrorIndex);
        Assert.Equal(request.Pdu.VarBinds.ToArray(), response.Pdu.VarBinds.ToArray()); // arrays: ImmutableArray equality is by reference

        var inform = await this.InformAsync();
        Assert.Equal(NotificationKind.Inform, inform.Notification.Kind);
        Assert.Equal(0x1234567, inform.Notification.RequestId);
        Assert.Equal("1.3.6.1.4.1.8072.9999.0.2", inform.Notification.TrapOid.ToString());
        Assert.False(inform.Acknowledgement.IsPending);
        Assert.Equal(1, (await AwaitStatsAsync(s => s.InformsAnswered == 1, "answered")).Delivered);
    }

    [Fact]
    public async Task Respond_and_Suppress_do_nothing_on_an_inform_already_answered()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 9), target);
        await ReceiveAsync(client);
        var inform = await this.InformAsync();
        inform.Respond(5, 2);
        inform.Suppress();

        Assert.Null(await TryReceiveAsync(client, TimeSpan.FromMilliseconds(300)));
        Assert.Equal(1, (await StatsAsync()).InformsAnswered);
    }

    [Fact]
    public async Task An_inform_nobody_subscribed_to_is_still_answered()
    {
        var target = await ReceiverEndPointAsync();
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 3), target);

        var response = Packets.DecodeCommunity(await ReceiveAsync(client));
        Assert.Equal(3, response.Pdu.RequestId);
        Assert.Equal(0, response.Pdu.ErrorStatus);
        await AwaitStatsAsync(s => s.Dropped[DropReason.NoSubscriber] == 1, "counted NoSubscriber");
    }

    [Fact]
    public async Task A_retransmitted_inform_is_answered_each_time()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();
        var packet = Packets.Inform(requestId: 77);

        await SendAsync(client, packet, target);
        await SendAsync(client, packet, target);

        Assert.Equal(77, Packets.DecodeCommunity(await ReceiveAsync(client)).Pdu.RequestId);
        Assert.Equal(77, Packets.DecodeCommunity(await ReceiveAsync(client)).Pdu.RequestId);
    }
}

/// <summary>inform.max-response-size: a Response that would be larger becomes tooBig with no varbinds.</summary>
public class InformTooBigTests() : ReceiverSpec("trap-actors.inform.max-response-size = 100")
{
    [Fact]
    public async Task A_response_over_max_response_size_is_tooBig_with_empty_varbinds()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 31, extra: Packets.Text(new string('x', 200))), target);

        var bytes = await ReceiveAsync(client);
        Assert.True(bytes.Length <= 100, $"the tooBig response has {bytes.Length} bytes");
        var response = Packets.DecodeCommunity(bytes);
        Assert.Equal(PduType.Response, response.Pdu.Type);
        Assert.Equal(31, response.Pdu.RequestId);
        Assert.Equal(1, response.Pdu.ErrorStatus); // tooBig
        Assert.Equal(0, response.Pdu.ErrorIndex);
        Assert.Empty(response.Pdu.VarBinds);
        await this.InformAsync(); // still delivered
    }

    [Fact]
    public async Task A_response_within_max_response_size_is_sent_whole()
    {
        var target = await ReceiverEndPointAsync();
        var client = NewClient();
        var packet = Packets.Inform(requestId: 32);
        Assert.True(packet.Length <= 100);

        await SendAsync(client, packet, target);

        var response = Packets.DecodeCommunity(await ReceiveAsync(client));
        Assert.Equal(0, response.Pdu.ErrorStatus);
        Assert.Equal(2, response.Pdu.VarBinds.Length);
    }
}
