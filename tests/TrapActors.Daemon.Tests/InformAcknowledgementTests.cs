using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// The daemon's printer is a subscriber that confirms each inform once its line is on standard output. The decision
/// timeout is ten minutes and snmpinform gives up after three tries of three seconds: only that confirmation can answer.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class InformAcknowledgementTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"trapactors-inform-{Guid.NewGuid():N}.conf");

    public void Dispose() => File.Delete(_config);

    [Theory]
    [InlineData("after-delivery")]
    [InlineData("by-subscriber")]
    public async Task Snmpinform_is_answered_once_the_daemon_printed_it(string acknowledge)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmpinform is required");
        await File.WriteAllTextAsync(_config, $$"""
            trap-actors.inform {
              acknowledge = {{acknowledge}}
              decision-timeout = 10m
              on-timeout = respond
            }
            """);
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--format", "json", "--config", _config);
        var port = await daemon.WaitForPortAsync(Timeout);

        var result = await NetSnmpTools.SnmpInformAsync("-v", "2c", "-c", "public", "-t", "3", "-r", "2", $"127.0.0.1:{port}",
            "777", "1.3.6.1.6.3.1.1.5.1", "1.3.6.1.2.1.1.5.0", "s", "confirm me");

        Assert.True(result.ExitCode == 0, $"snmpinform got no answer: {result}\nstderr:\n{daemon.StderrText}");
        var line = Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout));
        Assert.Contains("\"pdu\":\"inform\"", line);
        Assert.Equal(0, await daemon.StopAsync(timeout: Timeout));
        EndToEndTests.AssertStats(daemon.FinalStats(), received: 1, delivered: 1, informsAnswered: 1);
    }
}
