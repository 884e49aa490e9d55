using System.Text.Json;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>--stats-interval 1: the stats JSON line on standard error every second, growing after a trap from snmptrap.</summary>
[Collection(DaemonCollection.Name)]
public sealed class StatsIntervalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_counters_are_printed_every_interval()
    {
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--stats-interval", "1");
        var target = (await daemon.WaitForListeningAsync(1, Timeout))[0];
        var before = await NextStatsAsync(daemon);
        Assert.Equal(0, before.GetProperty("received").GetInt64());

        var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", target, "", "1.3.6.1.4.1.8072.2.3.0.1");
        Assert.True(sent.ExitCode == 0, sent.ToString());
        await daemon.ReadStdoutLinesAsync(1, Timeout);

        var deadline = DateTime.UtcNow + Timeout;
        JsonElement after;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, daemon.StderrText);
            after = await NextStatsAsync(daemon);
        }
        while (after.GetProperty("received").GetInt64() == 0);
        EndToEndTests.AssertStats(after, received: 1, delivered: 1, informsAnswered: 0);

        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        // The shutdown's counters stay the last line, with the same shape.
        EndToEndTests.AssertStats(daemon.FinalStats(), received: 1, delivered: 1, informsAnswered: 0);
        Assert.True(daemon.StderrLines.Count(l => l.StartsWith("{\"received\":", StringComparison.Ordinal)) >= 3, daemon.StderrText);
    }

    private static async Task<JsonElement> NextStatsAsync(DaemonProcess daemon)
    {
        var line = (await daemon.WaitForStderrAsync(new(@"^\{""received"":.*\}$"), Timeout)).Value;
        return JsonDocument.Parse(line).RootElement.Clone();
    }
}
