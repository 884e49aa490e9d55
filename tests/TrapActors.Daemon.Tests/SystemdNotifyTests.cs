using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// The daemon as a Type=notify service: systemd's NOTIFY_SOCKET played by a Unix datagram socket of the test
/// (decision 0051). READY=1 must mean "traps are received now", STOPPING=1 must come with SIGTERM.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class SystemdNotifyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static Dictionary<string, string?> Systemd(NotifySocket notify) => new()
    {
        ["NOTIFY_SOCKET"] = notify.Path,
        ["JOURNAL_STREAM"] = null,
    };

    [Fact]
    public async Task Ready_comes_once_every_endpoint_is_bound_and_a_trap_sent_then_is_delivered_then_stopping_on_sigterm()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmptrap is required");
        using var notify = new NotifySocket();
        await using var daemon = DaemonProcess.StartWithEnvironment(Systemd(notify), "--listen", "udp:127.0.0.1:0", "--listen", "udp:[::1]:0");

        // The first message is READY=1, and its status names the ports chosen at the bind (port 0): it was sent after both binds.
        var ready = await notify.ReceiveAsync(Timeout);
        Assert.Equal("READY=1", ready[0]);
        var status = Assert.Single(ready, f => f.StartsWith("STATUS=", StringComparison.Ordinal));
        Assert.StartsWith("STATUS=listening ", status);
        // In the order the endpoints were bound: "udp HOST:PORT, udp HOST:PORT".
        var endpoints = status["STATUS=listening ".Length..].Split(", ").Select(e => e.StartsWith("udp ", StringComparison.Ordinal) ? e[4..] : e).ToList();
        Assert.Equal(2, endpoints.Count);
        var ipv4 = Assert.Single(endpoints, e => e.StartsWith("127.0.0.1:", StringComparison.Ordinal));
        var ipv6 = Assert.Single(endpoints, e => e.StartsWith("[::1]:", StringComparison.Ordinal));
        var port = ipv4["127.0.0.1:".Length..];
        Assert.NotEqual("0", port);
        Assert.NotEqual("0", ipv6["[::1]:".Length..]);

        // Sent before reading anything else the daemon printed: READY=1 alone says that traps are received.
        var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{port}", "1", "1.3.6.1.4.1.8072.2.3.0.1");
        Assert.True(sent.ExitCode == 0, sent.ToString());
        var line = Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout));
        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.1", JsonDocument.Parse(line).RootElement.GetProperty("trapOid").GetString());
        // The status names what the listening lines name, in their order.
        Assert.Equal(endpoints, await daemon.WaitForListeningAsync(2, Timeout));
        Assert.Equal(0, notify.Pending);

        daemon.Signal(DaemonProcess.SigTerm);
        var stopping = await notify.ReceiveAsync(Timeout);
        Assert.Contains("STOPPING=1", stopping);
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));
        Assert.Equal(1, daemon.FinalStats().GetProperty("delivered").GetInt64());
    }

    [Fact]
    public async Task A_failed_bind_never_says_ready()
    {
        using var notify = new NotifySocket();
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        await using var daemon = DaemonProcess.StartWithEnvironment(Systemd(notify), "--listen", $"udp:127.0.0.1:{port}");
        Assert.Equal(1, await daemon.WaitForExitAsync(Timeout));

        Assert.Contains(daemon.StderrLines, l => l.StartsWith("trapactors: ", StringComparison.Ordinal));
        // The daemon has exited: whatever it sent is queued on the socket by now (STOPPING=1, as it stopped its host).
        var messages = new List<string>();
        while (notify.Pending > 0)
            messages.AddRange(await notify.ReceiveAsync(Timeout));
        Assert.DoesNotContain("READY=1", messages);
    }

    [Fact]
    public async Task Without_notify_socket_nothing_changes()
    {
        await using var daemon = DaemonProcess.StartWithEnvironment(new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = null, ["JOURNAL_STREAM"] = null },
            "--listen", "udp:127.0.0.1:0");
        Assert.NotEqual(0, await daemon.WaitForPortAsync(Timeout));
        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        Assert.DoesNotContain(daemon.StderrLines, l => l.Contains("systemd", StringComparison.OrdinalIgnoreCase));
    }
}
