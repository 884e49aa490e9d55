using System.Text.Json;
using System.Text.RegularExpressions;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// The daemon warms up before it binds (listener.warm-up, decision 0039): the receive path with synthetic notifications,
/// then its own line formatting. None of it is printed or counted; net-snmp's snmptrap traps that follow are.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed partial class WarmUpEndToEndTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private const string Engine = "8000000001020304";
    private readonly string _dir = Directory.CreateTempSubdirectory("trapactors-warm-up-e2e-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex(@"Receive-path warm-up for \S+: ""?(\d+) synthetic datagrams, (\d+) offered")]
    private static partial Regex WarmUpLine();

    private async Task<DaemonProcess> StartAsync(params string[] extra)
    {
        var users = Path.Combine(_dir, "users");
        await File.WriteAllTextAsync(users, $"createUser -e 0x{Engine} noc SHA noc-auth-pw AES noc-priv-pw\n");
        return DaemonProcess.Start(["--listen", "udp:127.0.0.1:0", "--users-file", users, "--state-dir", Path.Combine(_dir, "state"), "--verbose", .. extra]);
    }

    private static async Task SendBothAsync(string target)
    {
        var v2c = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", target, "1", "1.3.6.1.4.1.8072.9999.391");
        Assert.True(v2c.ExitCode == 0, v2c.ToString());
        var v3 = await NetSnmpTools.SnmpTrapAsync("-v", "3", "-l", "authPriv", "-u", "noc", "-a", "SHA", "-A", "noc-auth-pw", "-x", "AES",
            "-X", "noc-priv-pw", "-e", "0x" + Engine, target, "2", "1.3.6.1.4.1.8072.9999.392");
        Assert.True(v3.ExitCode == 0, v3.ToString());
    }

    [Fact]
    public async Task Warms_up_before_listening_and_prints_and_counts_only_the_real_traps()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmptrap is required");
        await using var daemon = await StartAsync("--community", "public");
        var port = await daemon.WaitForPortAsync(Timeout);

        var warmUp = WarmUpLine().Match(string.Join("\n", daemon.StderrLines));
        Assert.True(warmUp.Success, daemon.StderrText);
        Assert.True(int.Parse(warmUp.Groups[1].Value) >= 4, warmUp.Value);
        Assert.Equal(warmUp.Groups[1].Value, warmUp.Groups[2].Value);
        // Logged before the socket was bound: before the listening line.
        var lines = daemon.StderrLines.ToList();
        Assert.True(lines.FindIndex(l => WarmUpLine().IsMatch(l)) < lines.FindIndex(l => l.StartsWith("listening udp ", StringComparison.Ordinal)), daemon.StderrText);

        await SendBothAsync($"127.0.0.1:{port}");
        var printed = (await daemon.ReadStdoutLinesAsync(2, Timeout)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("trapOid").GetString());
        Assert.Equal(["1.3.6.1.4.1.8072.9999.391", "1.3.6.1.4.1.8072.9999.392"], printed.Order());

        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        Assert.Equal(2, daemon.StdoutLines.Count);
        var stats = daemon.FinalStats();
        Assert.Equal(2, stats.GetProperty("received").GetInt64());
        Assert.Equal(2, stats.GetProperty("delivered").GetInt64());
        Assert.Equal(0, stats.GetProperty("usm").GetProperty("unknownUserNames").GetInt64());
    }

    [Fact]
    public async Task Listener_warm_up_off_skips_it()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmptrap is required");
        var config = Path.Combine(_dir, "warm-up-off.conf");
        await File.WriteAllTextAsync(config, "trap-actors.listener.warm-up = off\n");
        await using var daemon = await StartAsync("--community", "public", "--config", config);
        var port = await daemon.WaitForPortAsync(Timeout);

        await SendBothAsync($"127.0.0.1:{port}");
        await daemon.ReadStdoutLinesAsync(2, Timeout);
        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        Assert.Contains(daemon.StderrLines, l => l.Contains(" DBG] ", StringComparison.Ordinal)); // Debug was logged: the line could have been
        Assert.DoesNotContain(daemon.StderrLines, l => WarmUpLine().IsMatch(l));
        Assert.Equal(2, daemon.FinalStats().GetProperty("delivered").GetInt64());
    }
}
