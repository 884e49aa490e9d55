using System.Text.RegularExpressions;
using Akka.Event;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Listener;

/// <summary>
/// listener.warm-up (decision 0039): before the UDP listener binds, synthetic notifications run through a session's
/// steps with tables of their own. They reach the warm-up's own subscriber, never the receiver's counters or
/// subscribers; a real trap from net-snmp's snmptrap is delivered as usual afterwards.
/// </summary>
public sealed partial class ReceivePathWarmUpTests
{
    private const string Hocon = """
        akka.loglevel = DEBUG
        trap-actors.auto-activate = off
        """;

    [GeneratedRegex(@"Receive-path warm-up for \S+: (\d+) synthetic datagrams, (\d+) offered to its own subscriber")]
    private static partial Regex WarmUpLine();

    public sealed class On() : ReceiverSpec(Hocon)
    {
        [Fact]
        public async Task Runs_every_synthetic_datagram_to_its_own_subscriber_and_counts_or_delivers_none()
        {
            var subscriber = CreateTestProbe();
            await SubscribeAsync(subscriber);
            var log = CreateTestProbe();
            Sys.EventStream.Subscribe(log, typeof(Debug));

            var target = await ReceiverEndPointAsync();

            var line = (await log.FishForMessageAsync<Debug>(d => WarmUpLine().IsMatch(d.Message.ToString() ?? ""),
                TimeSpan.FromSeconds(30))).Message.ToString()!;
            var match = WarmUpLine().Match(line);
            var datagrams = int.Parse(match.Groups[1].Value);
            Assert.True(datagrams >= 4, line);                        // v1, v2c and two v3 authPriv at least once
            Assert.Equal(datagrams, int.Parse(match.Groups[2].Value)); // each one got through decoding, USM and the offer
            var stats = await StatsAsync();
            Assert.Equal(0, stats.Received);
            Assert.Equal(0, stats.Decoded);
            Assert.Equal(0, stats.Delivered);
            Assert.Equal(0, stats.TotalDropped);
            Assert.Equal(0, stats.Usm.UnknownUserNames);

            var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "1", "1.3.6.1.4.1.8072.9999.39");
            Assert.True(sent.ExitCode == 0, sent.ToString());
            var trap = await subscriber.ExpectMsgAsync<TrapReceived>(TimeSpan.FromSeconds(10));
            Assert.Equal("1.3.6.1.4.1.8072.9999.39", trap.Notification.TrapOid.ToString());
            Assert.Equal("public", trap.Notification.Origin.Community);
            stats = await AwaitStatsAsync(s => s.Delivered == 1, "the trap delivered");
            Assert.Equal(1, stats.Received);
            await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        }
    }

    public sealed class Off() : ReceiverSpec(Hocon + "\ntrap-actors.listener.warm-up = off")
    {
        [Fact]
        public async Task Is_skipped_and_traps_are_delivered()
        {
            Assert.False(TrapReceiverExtension.Get(Sys).Settings.Listener.WarmUp);
            var subscriber = CreateTestProbe();
            await SubscribeAsync(subscriber);
            var log = CreateTestProbe();
            Sys.EventStream.Subscribe(log, typeof(Debug));

            var target = await ReceiverEndPointAsync();
            var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "1", "1.3.6.1.4.1.8072.9999.39");
            Assert.True(sent.ExitCode == 0, sent.ToString());
            await subscriber.ExpectMsgAsync<TrapReceived>(TimeSpan.FromSeconds(10));

            // Everything logged at Debug up to the delivery (the warm-up line would precede the bind): none is the warm-up's.
            while (log.HasMessages)
            {
                var debug = Assert.IsType<Debug>(log.ReceiveOne(TimeSpan.FromSeconds(1)));
                Assert.DoesNotMatch(WarmUpLine(), debug.Message.ToString() ?? "");
            }
        }
    }
}
