using System.Text.RegularExpressions;
using TrapActors.Daemon.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>What the daemon checks and reports at start: misspelled keys in --config, the receive buffer each endpoint got.</summary>
[Collection(DaemonCollection.Name)]
public sealed partial class StartupChecksTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"trapactors-startup-{Guid.NewGuid():N}.conf");

    public void Dispose() => File.Delete(_config);

    [Fact]
    public async Task A_misspelled_key_exits_2_naming_the_file_the_key_and_the_nearest_known_key()
    {
        await File.WriteAllTextAsync(_config, """
            trap-actors {
              session.max-sesions = 5
              listner { port = 1 }
              access.rules = [ { trap-oid = "1.3.6.1.4.1.9", minimum-security-level = authPriv, user = "noc" } ]
              cluster.topic = "traps"
            }
            akka.loglevel = INFO
            """);

        var (exitCode, stdout, stderr) = await DaemonProcess.RunAsync(Timeout, "--config", _config, "--listen", "udp:127.0.0.1:0");

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Equal(
            [
                $"trapactors: {_config}: unknown key trap-actors.session.max-sesions (did you mean trap-actors.session.max-sessions?)",
                $"trapactors: {_config}: unknown key trap-actors.listner (did you mean trap-actors.listener?)",
            ],
            stderr);
    }

    [Fact]
    public async Task The_receive_buffer_of_each_endpoint_is_printed_and_one_smaller_than_configured_is_warned_about()
    {
        // More than Linux grants: rmem_max caps it without CAP_NET_ADMIN, and half of int.MaxValue is the most with it.
        await File.WriteAllTextAsync(_config, "trap-actors.listener.receive-buffer-size = 2147483647\n");
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--config", _config);
        var endpoint = Assert.Single(await daemon.WaitForListeningAsync(timeout: Timeout));

        var line = await daemon.WaitForStderrAsync(ReceiveBufferLine(), Timeout);
        Assert.Equal(endpoint, line.Groups[1].Value);
        var granted = long.Parse(line.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(granted, 1, int.MaxValue - 1);
        var warning = await daemon.WaitForStderrAsync(SmallerBufferWarning(), Timeout);
        Assert.Equal(endpoint, warning.Groups[1].Value);
        Assert.Equal(line.Groups[2].Value, warning.Groups[2].Value);
        Assert.Equal("2147483647", warning.Groups[3].Value);
        Assert.True(warning.Groups[4].Value.Contains("sysctl -w net.core.rmem_max=2147483647", StringComparison.Ordinal)
            || warning.Groups[4].Value.Contains("the kernel grants at most 1073741823 bytes", StringComparison.Ordinal), warning.Value);
        Assert.Equal(0, await daemon.StopAsync(timeout: Timeout));
    }

    [Fact]
    public async Task A_receive_buffer_the_kernel_grants_is_printed_without_a_warning()
    {
        await File.WriteAllTextAsync(_config, "trap-actors.listener.receive-buffer-size = 65536\n");
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--config", _config);
        var endpoint = Assert.Single(await daemon.WaitForListeningAsync(timeout: Timeout));

        var line = await daemon.WaitForStderrAsync(ReceiveBufferLine(), Timeout);
        Assert.Equal(endpoint, line.Groups[1].Value);
        Assert.True(long.Parse(line.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) >= 65536, line.Value);
        Assert.Equal(0, await daemon.StopAsync(timeout: Timeout));
        Assert.DoesNotContain(daemon.StderrLines, l => SmallerBufferWarning().IsMatch(l));
    }

    [GeneratedRegex(@"^receive buffer udp (\S+) (\d+) bytes$")]
    private static partial Regex ReceiveBufferLine();

    [GeneratedRegex(@"WRN\] The receive buffer of udp (\S+) is (\d+) bytes, not the (\d+) configured \(trap-actors\.listener\.receive-buffer-size\): (.+)$")]
    private static partial Regex SmallerBufferWarning();
}
