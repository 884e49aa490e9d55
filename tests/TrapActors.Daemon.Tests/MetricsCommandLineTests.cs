using System.Net;
using System.Net.Sockets;
using TrapActors.Daemon.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>--metrics HOST:PORT and --stats-interval SECONDS: parsed, refused in one line, and a port in use fails the start.</summary>
public sealed class MetricsCommandLineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("127.0.0.1:9464", "127.0.0.1", 9464)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("[::1]:9464", "::1", 9464)]
    [InlineData("0.0.0.0:9464", "0.0.0.0", 9464)]
    [InlineData("localhost:9464", "127.0.0.1", 9464)]
    public void Metrics_takes_an_address_and_a_port(string text, string address, int port)
    {
        Assert.True(CommandLine.TryParse(["--metrics", text], out var options, out var error), error);
        Assert.Equal(new MetricsAddress(IPAddress.Parse(address), port), options.Metrics);
    }

    [Theory]
    [InlineData("9464")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:-1")]
    [InlineData("::1:9464")]
    [InlineData("example.org:9464")]
    [InlineData(":9464")]
    public void A_bad_metrics_address_is_one_line(string text)
    {
        Assert.False(CommandLine.TryParse(["--metrics", text], out _, out var error));
        Assert.Equal($"--metrics: '{text}' is not HOST:PORT (an IP address, [IPv6] or localhost, and a port 0..65535)", error);
    }

    [Fact]
    public void Neither_is_on_by_default()
    {
        Assert.True(CommandLine.TryParse([], out var options, out _));
        Assert.Null(options.Metrics);
        Assert.Null(options.StatsInterval);
    }

    [Fact]
    public void Stats_interval_takes_whole_seconds()
    {
        Assert.True(CommandLine.TryParse(["--stats-interval", "15"], out var options, out var error), error);
        Assert.Equal(TimeSpan.FromSeconds(15), options.StatsInterval);
        foreach (var bad in new[] { "0", "1.5", "-1", "86401", "x" })
        {
            Assert.False(CommandLine.TryParse(["--stats-interval", bad], out _, out error));
            Assert.Equal($"--stats-interval: '{bad}' is not a number of seconds (1..86400)", error);
        }
    }

    [Fact]
    public void The_help_lists_both()
    {
        Assert.Contains("--metrics HOST:PORT", CommandLine.HelpText, StringComparison.Ordinal);
        Assert.Contains("--stats-interval SECONDS", CommandLine.HelpText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_daemon_refuses_a_bad_address_with_exit_code_2()
    {
        var (exitCode, stdout, stderr) = await DaemonProcess.RunAsync(Timeout, "--listen", "udp:127.0.0.1:0", "--metrics", "127.0.0.1");
        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Equal("trapactors: --metrics: '127.0.0.1' is not HOST:PORT (an IP address, [IPv6] or localhost, and a port 0..65535)", Assert.Single(stderr));
    }

    [Fact]
    public async Task A_metrics_port_in_use_fails_the_start_with_exit_code_1()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        var (exitCode, stdout, stderr) = await DaemonProcess.RunAsync(Timeout, "--listen", "udp:127.0.0.1:0", "--metrics", $"127.0.0.1:{port}");

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains($"trapactors: cannot serve metrics on 127.0.0.1:{port}: ", stderr[^1], StringComparison.Ordinal);
        Assert.Contains("in use", stderr[^1], StringComparison.OrdinalIgnoreCase);
    }
}
