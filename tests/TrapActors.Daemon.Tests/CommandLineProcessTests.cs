using System.Reflection;
using System.Text.Json;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>The command line of the real daemon process: the --opt=value form, --version, --help and an unknown option.</summary>
[Collection(DaemonCollection.Name)]
public sealed class CommandLineProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Listen_with_an_equals_sign_receives_a_trap_from_snmptrap()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmptrap is required");
        await using var daemon = DaemonProcess.Start("--listen=udp:127.0.0.1:0");
        var port = await daemon.WaitForPortAsync();

        var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{port}", "", "1.3.6.1.4.1.99999.0.1");
        Assert.True(sent.ExitCode == 0, sent.ToString());

        var notification = JsonDocument.Parse(Assert.Single(await daemon.ReadStdoutLinesAsync(1))).RootElement;
        Assert.Equal("1.3.6.1.4.1.99999.0.1", notification.GetProperty("trapOid").GetString());
        Assert.Equal("v2c", notification.GetProperty("version").GetString());
        Assert.Equal("public", notification.GetProperty("community").GetString());
        Assert.Equal(0, await daemon.StopAsync(timeout: Timeout));
    }

    [Fact]
    public async Task Version_prints_the_informational_version_of_the_daemon_assembly()
    {
        var expected = typeof(DaemonOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var (exitCode, stdout, stderr) = await DaemonProcess.RunAsync(Timeout, "--version");

        Assert.Equal(0, exitCode);
        Assert.Equal(expected, Assert.Single(stdout));
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task Help_prints_every_option_and_exits_0()
    {
        var (exitCode, stdout, stderr) = await DaemonProcess.RunAsync(Timeout, "-h");

        Assert.Equal(0, exitCode);
        Assert.Empty(stderr);
        Assert.Equal(CommandLine.HelpText, string.Join("\n", stdout) + "\n");
        foreach (var option in CommandLine.Root.Options)
            Assert.Contains(stdout, line => line.StartsWith("  ", StringComparison.Ordinal) && line.Contains(option.Name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("trapactors: unknown option '--foo' (see --help)", "--foo")]
    [InlineData("trapactors: unknown option '--foo' (see --help)", "--listen=udp:127.0.0.1:0", "--foo=bar")]
    [InlineData("trapactors: option --verbose takes no value", "--verbose=yes")]
    [InlineData("trapactors: --listen: invalid endpoint 'udp:nowhere:1': 'nowhere' is not an IP address", "--listen=udp:nowhere:1")]
    public async Task Bad_arguments_exit_2_with_one_line_on_stderr(string expectedStart, params string[] args)
    {
        var (exitCode, stdout, stderr) = await DaemonProcess.RunAsync(Timeout, args);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.StartsWith(expectedStart, Assert.Single(stderr));
    }
}
