using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Load;

/// <summary>
/// AcceptDataSet(false) is the receiver's word that reading has stopped: a trap sent after that reply
/// must wait until SetAcceptData(true), even when the listener is busy (its mailbox full of earlier datagrams).
/// The race is timing-dependent; several rounds make it show.
/// </summary>
[Collection(LoadCollection.Name)]
public class AcceptDataRaceTests() : ReceiverSpec("trap-actors.listener.receive-buffer-size = 4194304")
{
    private const int Flood = 200;
    private const int Rounds = 12;

    [Fact]
    public async Task No_trap_sent_after_AcceptDataSet_false_is_delivered_before_resume()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor, TrapFilter.ByTrapOid("1.3.6.1.4.1.1"));
        var client = NewClient();
        var noise = Packets.V2Trap("1.3.6.1.4.1.2", requestId: 0); // counted NoSubscriber; keeps the listener busy
        var early = new List<int>();
        // Start Akka's scheduler before hundreds of sessions do it at once: its lazy start blocks pool threads
        // (HashedWheelTimerScheduler.Start), which under such a burst was seen to starve the pool for minutes.
        await SchedulerWarmup.StartAsync(this);

        for (var round = 1; round <= Rounds; round++)
        {
            // Datagrams from new sources: the listener starts a session for each, and falls behind the socket reader.
            var sources = Enumerable.Range(0, Flood).Select(_ => new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0))).ToList();
            foreach (var source in sources)
                await source.SendAsync(noise, target);
            await Receiver.Ask<AcceptDataSet>(new SetAcceptData(false), AskTimeout);
            await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.1", requestId: round), target);

            if (await ReceiveOneAsync(TimeSpan.FromMilliseconds(100)) is TrapReceived leaked)
                early.Add(leaked.Notification.RequestId);
            await Receiver.Ask<AcceptDataSet>(new SetAcceptData(true), AskTimeout);
            if (!early.Contains(round))
                await this.TrapWithIdAsync(round);
            var sent = round * (Flood + 1);
            await AwaitStatsAsync(s => s.Received == sent, $"all {sent} datagrams read (none lost in the socket buffer)");
            foreach (var source in sources)
                source.Dispose();
        }

        Assert.True(early.Count == 0, $"traps delivered while paused (sent after AcceptDataSet(false)): {string.Join(", ", early)}");
    }
}
