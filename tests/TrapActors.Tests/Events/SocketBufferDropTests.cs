using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Events;

/// <summary>Datagrams the kernel drops for a full socket buffer are counted, so a loss is never silent.</summary>
public sealed class SocketBufferDropTests() : ReceiverSpec("trap-actors.listener.receive-buffer-size = 4096")
{
    [Fact]
    public async Task Datagrams_dropped_by_a_full_socket_buffer_are_counted()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        await Receiver.Ask<AcceptDataSet>(new SetAcceptData(false), AskTimeout);
        var client = NewClient();
        const int sent = 300;
        for (var i = 0; i < sent; i++)
            await SendAsync(client, Packets.V2Trap(requestId: i), target);

        await Receiver.Ask<AcceptDataSet>(new SetAcceptData(true), AskTimeout);
        var stats = await AwaitStatsAsync(s => s.SocketBufferDrops > 0 && s.Received + s.SocketBufferDrops == sent,
            $"every one of {sent} datagrams either received or counted as dropped by the kernel");
        Assert.True(stats.Received > 0, "some datagrams fit in the buffer");
        // Every datagram that was read is delivered (delivery lags the read by a message hop).
        stats = await AwaitStatsAsync(s => s.Delivered == stats.Received, "every received datagram delivered");
        Assert.Equal(stats.Received, stats.Delivered);
        Assert.Equal(0, stats.TotalDropped);
    }
}
