using Akka.Event;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using TrapActors.Tests.Discovery;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Security;

/// <summary>
/// A flood of bad or probing datagrams cannot become a flood of Reports, events or log lines: each is capped per
/// second, and what is held back is counted. Every datagram is still counted as dropped.
/// </summary>
public class RateLimitTests() : ReceiverSpec("""
    akka.loglevel = DEBUG
    trap-actors.usm.max-reports-per-second = 5
    trap-actors.events { max-per-second = 5, max-log-lines-per-second = 3 }
    """)
{
    private const int Flood = 40;

    [Fact]
    public async Task Discovery_probes_beyond_the_report_rate_get_no_Report_and_are_counted()
    {
        var target = await ReceiverEndPointAsync();
        var client = NewClient();
        var sender = new V3TestSender("nobody", AuthProtocol.HmacSha1, "authpassword", PrivProtocol.Aes128, "privpassword");

        for (var i = 0; i < Flood; i++)
            await SendAsync(client, sender.Probe(PduType.GetRequest, []), target);

        var stats = await AwaitStatsAsync(s => s.Dropped[DropReason.Discovery] == Flood, "every probe handled");
        var reports = 0;
        while (await TryReceiveAsync(client, TimeSpan.FromMilliseconds(300)) is not null)
            reports++;
        Assert.Equal(stats.Usm.ReportsSent, reports);
        Assert.Equal(Flood, stats.Usm.ReportsSent + stats.Usm.ReportsSuppressed);
        Assert.InRange(stats.Usm.ReportsSent, 5, 10);   // 5 a second; the flood may straddle two one-second windows
    }

    [Fact]
    public async Task Bad_packets_beyond_the_rates_publish_no_event_and_write_no_log_line_and_are_counted()
    {
        var target = await ReceiverEndPointAsync();
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(BadPacketReceived));
        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs.Ref, typeof(Debug));
        var client = NewClient();

        for (var i = 0; i < Flood; i++)
            await SendAsync(client, [0x30, 0x10, (byte)i], target);   // a truncated SEQUENCE

        var stats = await AwaitStatsAsync(s => s.Dropped[DropReason.Malformed] == Flood, "every datagram dropped");
        var published = await events.ReceiveWhileAsync<BadPacketReceived>(TimeSpan.FromMilliseconds(300), o => (BadPacketReceived)o).ToListAsync();
        Assert.Equal(Flood, published.Count + stats.EventsSuppressed);
        Assert.InRange(published.Count, 5, 10);
        var lines = await logs.ReceiveWhileAsync<Debug>(TimeSpan.FromMilliseconds(300), o => (Debug)o)
            .Where(d => d.Message?.ToString()?.StartsWith("Dropped datagram", StringComparison.Ordinal) == true).ToListAsync();
        Assert.Equal(Flood, lines.Count + stats.LogLinesSuppressed);
        Assert.InRange(lines.Count, 3, 6);
    }
}
