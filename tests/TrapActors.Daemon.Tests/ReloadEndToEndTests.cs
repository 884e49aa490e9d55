using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// SIGHUP with the real daemon: the users file and the --config file read again and put in force on the bound socket,
/// traps from net-snmp's snmptrap; a broken file keeps what runs; nothing is lost while reloading.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed partial class ReloadEndToEndTests : IDisposable
{
    private const int SigHup = 1;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly string[] NoPersistentState = ["--noPersistentLoad=1", "--noPersistentSave=1"];

    private const string AliceAuth = "alice-auth-pw";
    private const string AlicePriv = "alice-priv-pw";
    private const string BobAuth = "bob-auth-pw1";
    private const string BobPriv = "bob-priv-pw1";
    private static readonly string[] Secrets = [AliceAuth, AlicePriv, BobAuth, BobPriv, "reload-community"];

    private readonly string _dir = Directory.CreateTempSubdirectory("trapactors-reload-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex("^reloaded: ")]
    private static partial Regex Reloaded();

    [GeneratedRegex("^trapactors: reload failed")]
    private static partial Regex ReloadFailed();

    [Fact]
    public async Task Sighup_puts_an_added_user_in_force_and_a_removed_one_out_of_it()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var users = Path.Combine(_dir, "users.conf");
        WriteSecret(users, $"createUser alice SHA-256 {AliceAuth} AES {AlicePriv}\n");
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--users-file", users, "--state-dir", Path.Combine(_dir, "state"));
        var target = $"127.0.0.1:{await daemon.WaitForPortAsync(Timeout)}";

        await AliceAsync(target, "1.3.6.1.4.1.8072.9999.1");
        Assert.Contains("\"1.3.6.1.4.1.8072.9999.1\"", (await daemon.ReadStdoutLinesAsync(1, Timeout))[0], StringComparison.Ordinal);

        WriteSecret(users, $"# alice left\ncreateUser bob SHA {BobAuth} AES {BobPriv}\n");
        daemon.Signal(SigHup);
        var line = (await daemon.WaitForStderrAsync(Reloaded(), Timeout)).Groups[0].Value;
        Assert.Equal("reloaded: users +1 -1 ~0, communities unchanged, access rules unchanged, cert map unchanged",
            daemon.StderrLines.Single(l => l.StartsWith(line, StringComparison.Ordinal)));

        // alice's keys were derived and localized for her engine: she is refused all the same.
        await AliceAsync(target, "1.3.6.1.4.1.8072.9999.2");
        await BobAsync(target, "1.3.6.1.4.1.8072.9999.3");
        var printed = await daemon.ReadStdoutLinesAsync(1, Timeout);
        Assert.Equal("bob", JsonDocument.Parse(printed[0]).RootElement.GetProperty("user").GetString());

        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        Assert.Equal(2, daemon.StdoutLines.Count);
        Assert.DoesNotContain(daemon.StdoutLines, l => l.Contains("1.3.6.1.4.1.8072.9999.2", StringComparison.Ordinal));
        var stats = daemon.FinalStats();
        Assert.Equal(1, stats.GetProperty("dropped").GetProperty("unknown-user").GetInt64());
        AssertNoSecret(daemon);
    }

    [Fact]
    public async Task A_broken_users_file_keeps_the_running_users_and_says_where()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var users = Path.Combine(_dir, "users.conf");
        WriteSecret(users, $"createUser alice SHA-256 {AliceAuth} AES {AlicePriv}\n");
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--users-file", users, "--state-dir", Path.Combine(_dir, "state"));
        var target = $"127.0.0.1:{await daemon.WaitForPortAsync(Timeout)}";

        WriteSecret(users, $"createUser bob SHA {BobAuth} AES {BobPriv}\ncreateUser alice SHA-256 {AliceAuth} BLOWFISH {AlicePriv}\n");
        daemon.Signal(SigHup);
        await daemon.WaitForStderrAsync(ReloadFailed(), Timeout);
        var failure = Assert.Single(daemon.StderrLines, l => l.StartsWith("trapactors: reload failed", StringComparison.Ordinal));
        Assert.Contains($"{users}:2: ", failure, StringComparison.Ordinal);

        await BobAsync(target, "1.3.6.1.4.1.8072.9999.4");     // not in force
        await AliceAsync(target, "1.3.6.1.4.1.8072.9999.5");   // still in force
        Assert.Contains("\"alice\"", (await daemon.ReadStdoutLinesAsync(1, Timeout))[0], StringComparison.Ordinal);

        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        Assert.Single(daemon.StdoutLines);
        Assert.Equal(1, daemon.FinalStats().GetProperty("dropped").GetProperty("unknown-user").GetInt64());
        AssertNoSecret(daemon);
    }

    [Fact]
    public async Task Traps_sent_during_several_reloads_are_all_delivered()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        const int Count = 2_000;
        const int Reloads = 5;
        var config = Path.Combine(_dir, "trapactors.conf");
        WriteSecret(config, "trap-actors.community.accepted = [\"public\"]\n");
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--config", config);
        var target = new IPEndPoint(IPAddress.Loopback, await daemon.WaitForPortAsync(Timeout));
        var trap = await CaptureV2cTrapAsync();

        var sending = Task.Run(async () =>
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            for (var i = 0; i < Count; i++)
            {
                await socket.SendToAsync(trap, SocketFlags.None, target);
                if (i % 50 == 49)
                    await Task.Delay(5);   // a modest rate: well inside the socket buffer, so that any loss is the reload's
            }
        });
        for (var i = 0; i < Reloads; i++)
        {
            WriteSecret(config, $"trap-actors.community.accepted = [\"public\", \"reload-community-{i}\"]\n");
            daemon.Signal(SigHup);
            await daemon.WaitForStderrAsync(Reloaded(), Timeout);
        }
        await sending;
        await daemon.ReadStdoutLinesAsync(Count, TimeSpan.FromSeconds(60));

        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        var reloads = daemon.StderrLines.Where(l => l.StartsWith("reloaded: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Reloads, reloads.Count);
        Assert.All(reloads, l => Assert.Equal("reloaded: users +0 -0 ~0, communities changed, access rules unchanged, cert map unchanged", l));
        var stats = daemon.FinalStats();
        Assert.Equal(Count, stats.GetProperty("received").GetInt64());
        Assert.Equal(Count, stats.GetProperty("delivered").GetInt64());
        Assert.Equal(Count, daemon.StdoutLines.Count);
        AssertNoSecret(daemon);
    }

    private static void WriteSecret(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static Task AliceAsync(string target, string trapOid) => SendAsync(
        ["-v", "3", "-l", "authPriv", "-u", "alice", "-a", "SHA-256", "-A", AliceAuth, "-x", "AES", "-X", AlicePriv, "-e", "0x8000000001020304", target, "1", trapOid]);

    private static Task BobAsync(string target, string trapOid) => SendAsync(
        ["-v", "3", "-l", "authPriv", "-u", "bob", "-a", "SHA", "-A", BobAuth, "-x", "AES", "-X", BobPriv, "-e", "0x8000000001020305", target, "1", trapOid]);

    private static async Task SendAsync(string[] args)
    {
        var result = await NetSnmpTools.SnmpTrapAsync([.. NoPersistentState, .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>One v2c trap as net-snmp's snmptrap sends it, replayed by the load test.</summary>
    private static async Task<byte[]> CaptureV2cTrapAsync()
    {
        using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var buffer = new byte[65536];
        using var cts = new CancellationTokenSource(Timeout);
        var receive = sink.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token).AsTask();
        await SendAsync(["-v", "2c", "-c", "public", $"127.0.0.1:{((IPEndPoint)sink.LocalEndPoint!).Port}", "1", "1.3.6.1.6.3.1.1.5.3"]);
        return buffer[..(await receive).ReceivedBytes];
    }

    private static void AssertNoSecret(DaemonProcess daemon)
    {
        foreach (var secret in Secrets)
            Assert.DoesNotContain(daemon.StderrLines, l => l.Contains(secret, StringComparison.Ordinal));
    }
}
