using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TrapActors.Daemon.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>Runs of the real daemon that end by themselves: --help, bad arguments (exit 2), an endpoint it cannot bind (exit 1).</summary>
[Collection(DaemonCollection.Name)]
public sealed class ProcessErrorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Help_goes_to_stdout_with_exit_0()
    {
        var (exitCode, stdout, stderr) = await DaemonProcess.RunAsync(Timeout, "--help");
        Assert.Equal(0, exitCode);
        Assert.Equal("Usage: trapactors [OPTIONS]", stdout[0]);
        Assert.Empty(stderr);
    }

    [Theory]
    [InlineData("trapactors: unknown option '--bogus' (see --help)", "--bogus")]
    [InlineData("trapactors: option --listen requires a value", "--listen")]
    [InlineData("trapactors: --listen: invalid endpoint 'udp:nowhere:1': 'nowhere' is not an IP address", "--listen", "udp:nowhere:1")]
    [InlineData("trapactors: --format: 'xml' is not a format (expected json or text)", "--format", "xml")]
    [InlineData("trapactors: cannot read config file '/nonexistent/trapactors.conf': ", "--config", "/nonexistent/trapactors.conf")]
    [InlineData("trapactors: cannot read users file '/nonexistent/users.conf': ", "--users-file", "/nonexistent/users.conf", "--listen", "udp:127.0.0.1:0")]
    [InlineData("trapactors: --engine-id: '0102': an engine ID is 5 to 32 octets, not 2", "--engine-id", "0102")]
    public async Task Bad_arguments_exit_2_with_one_line(string expectedStart, params string[] args)
    {
        var (exitCode, stdout, stderr) = await DaemonProcess.RunAsync(Timeout, args);
        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.StartsWith(expectedStart, Assert.Single(stderr));
    }

    [Fact]
    public async Task Bad_hocon_exits_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trapactors-bad-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(path, "trap-actors { listener { endpoints = [ \n");
        try
        {
            var (exitCode, stdout, stderr) = await DaemonProcess.RunAsync(Timeout, "--config", path);
            Assert.Equal(2, exitCode);
            Assert.Empty(stdout);
            Assert.StartsWith($"trapactors: invalid config file '{path}': ", Assert.Single(stderr));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Bad_configuration_value_exits_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trapactors-bad-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(path, "trap-actors.listener.max-packet-size = 0\n");
        try
        {
            var (exitCode, _, stderr) = await DaemonProcess.RunAsync(Timeout, "--config", path, "--listen", "udp:127.0.0.1:0");
            Assert.Equal(2, exitCode);
            Assert.Equal("trapactors: invalid configuration: trap-actors.listener.max-packet-size: must be 1..65535, was 0", Assert.Single(stderr));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("createUser carol SHA-256 Sh0rt!", "the authentication password of user 'carol' is shorter than 8 characters (net-snmp refuses it too)")]
    [InlineData("createUser carol Sh0rt!pw-s3cret AES Pr1v-s3cret", "unknown authentication protocol for user 'carol' (expected MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512)")]
    [InlineData("createUser carol SHA Au7h-s3cret Pr1v-s3cret", "unknown privacy protocol for user 'carol' (expected DES, 3DES, AES, AES-192, AES-256, AES-192-C or AES-256-C)")]
    [InlineData("createUser -e 0x8000000001020304 carol SHA -l 0x5ec2e75ec2e75ec2e75ec2e75ec2e7", "USM user 'carol': a SHA localized authentication key is 20 octets, not 15")]
    public async Task A_bad_users_file_exits_2_with_the_line_and_no_password(string badLine, string reason)
    {
        var path = Path.Combine(Path.GetTempPath(), $"trapactors-users-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(path, $"# users\ncreateUser alice SHA Al1ce-s3cret AES\n{badLine}\ncreateUser bob\n");
        try
        {
            var (exitCode, stdout, stderr) = await DaemonProcess.RunAsync(Timeout, "--users-file", path, "--listen", "udp:127.0.0.1:0");
            Assert.Equal(2, exitCode);
            Assert.Empty(stdout);
            var line = Assert.Single(stderr);
            Assert.Equal($"trapactors: {path}:3: {reason}", line);
            Assert.DoesNotContain("s3cret", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Sh0rt", line, StringComparison.Ordinal);
            Assert.DoesNotContain("5ec2e7", line, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_port_in_use_exits_1_with_the_cannot_bind_line()
    {
        using var blocker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        blocker.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)blocker.LocalEndPoint!).Port;

        var (exitCode, stdout, stderr) = await DaemonProcess.RunAsync(Timeout, "--listen", $"udp:127.0.0.1:{port}");
        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr);
        Assert.StartsWith($"trapactors: cannot bind udp:127.0.0.1:{port}: ", line);
        Assert.Contains("in use", line, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_trapactors_command_launches_the_daemon()
    {
        var command = Path.Combine(Path.GetDirectoryName(DaemonBinary.Dll)!, "trapactors");
        Assert.True(File.Exists(command), $"{command} is missing");
        var psi = new ProcessStartInfo(command, "--help") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.IsPathRooted(DaemonBinary.DotnetHost))
            psi.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(DaemonBinary.DotnetHost);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Timeout);
        Assert.True(process.ExitCode == 0, await stderr);
        Assert.StartsWith("Usage: trapactors", await stdout);
    }
}
