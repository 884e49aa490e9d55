using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Sessions;

/// <summary>SetAcceptData pauses reading (datagrams wait in the socket buffer) and resumes it without loss.</summary>
public class AcceptDataTests : ReceiverSpec
{
    [Fact]
    public async Task Paused_traps_wait_and_are_all_delivered_on_resume()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();
        await SendAsync(client, Packets.V2Trap(requestId: 1), target);
        await this.TrapWithIdAsync(1);

        var paused = await Receiver.Ask<AcceptDataSet>(new SetAcceptData(false), AskTimeout);
        Assert.False(paused.Accept);
        for (var id = 2; id <= 6; id++)
            await SendAsync(client, Packets.V2Trap(requestId: id), target);

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(400));
        Assert.Equal(1, (await StatsAsync()).Received);

        var resumed = await Receiver.Ask<AcceptDataSet>(new SetAcceptData(true), AskTimeout);
        Assert.True(resumed.Accept);
        for (var id = 2; id <= 6; id++)
            await this.TrapWithIdAsync(id);

        await SendAsync(client, Packets.V2Trap(requestId: 7), target);
        await this.TrapWithIdAsync(7);
        var stats = await AwaitStatsAsync(s => s.Delivered == 7, "7 delivered");
        Assert.Equal(7, stats.Received);
    }

    [Fact]
    public async Task Paused_traps_from_several_sources_are_not_lost()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        await Receiver.Ask<AcceptDataSet>(new SetAcceptData(false), AskTimeout);
        var clients = Enumerable.Range(0, 3).Select(_ => NewClient()).ToList();
        for (var i = 0; i < clients.Count; i++)
            await SendAsync(clients[i], Packets.V2Trap(requestId: 10 + i), target);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        await Receiver.Ask<AcceptDataSet>(new SetAcceptData(true), AskTimeout);

        var ids = new List<int>();
        for (var i = 0; i < clients.Count; i++)
            ids.Add((await this.TrapAsync()).RequestId);
        Assert.Equal([10, 11, 12], ids.Order());
    }
}

/// <summary>listener.accept-data = off: nothing is read until SetAcceptData(true).</summary>
public class AcceptDataOffAtStartTests() : ReceiverSpec("trap-actors.listener.accept-data = off")
{
    [Fact]
    public async Task Nothing_is_delivered_until_accept_data_is_switched_on()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();
        await SendAsync(client, Packets.V2Trap(requestId: 1), target);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, (await StatsAsync()).Received);

        await Receiver.Ask<AcceptDataSet>(new SetAcceptData(true), AskTimeout);

        await this.TrapWithIdAsync(1);
    }
}
