using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// Standard output that stops taking lines: a pipe whose reader went away, a full disk (/dev/full). The daemon stops
/// with status 1, and what it could not write is counted as output-failed, never as delivered.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed partial class OutputFailureTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly string _dir = Directory.CreateTempSubdirectory("trapactors-output-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task SendTrapAsync(int port, string value)
    {
        var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{port}", "", "1.3.6.1.4.1.8072.2.3.0.1",
            "1.3.6.1.4.1.8072.9999.1", "s", value);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task When_the_reader_of_its_pipe_goes_away_the_daemon_exits_1_and_counts_the_line_it_could_not_write()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmptrap is required");
        var fifo = Path.Combine(_dir, "stdout");
        Assert.True(mkfifo(fifo, 0x180) == 0, $"mkfifo failed: errno {Marshal.GetLastPInvokeError()}"); // 0600
        // The shell's open for writing waits for this reader; this open waits for the writer.
        var opening = Task.Run(() => new StreamReader(new FileStream(fifo, FileMode.Open, FileAccess.Read)));
        await using var daemon = DaemonProcess.StartWithStdoutTo(fifo, "--listen", "udp:127.0.0.1:0", "--format", "json");
        var reader = await opening.WaitAsync(Timeout);
        var port = await daemon.WaitForPortAsync(Timeout);

        await SendTrapAsync(port, "first");
        using (reader)
            Assert.Contains("\"first\"", await reader.ReadLineAsync().WaitAsync(Timeout));

        // The reader is gone: writing the next line fails (EPIPE), and the daemon stops by itself.
        await SendTrapAsync(port, "second");
        Assert.Equal(1, await daemon.WaitForExitAsync(Timeout));
        Assert.Contains(daemon.StderrLines, l => CannotWrite().IsMatch(l));
        EndToEndTests.AssertStats(daemon.FinalStats(), received: 2, delivered: 1, informsAnswered: 0, new() { ["output-failed"] = 1 });
        Assert.Equal(1, daemon.FinalStats().GetProperty("droppedTotal").GetInt64());
    }

    [Fact]
    public async Task On_a_full_disk_the_daemon_exits_1_and_counts_the_line_as_output_failed_not_delivered()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmptrap is required");
        Assert.True(File.Exists("/dev/full"), "/dev/full (Linux) is required");
        await using var daemon = DaemonProcess.StartWithStdoutTo("/dev/full", "--listen", "udp:127.0.0.1:0");
        var port = await daemon.WaitForPortAsync(Timeout);

        await SendTrapAsync(port, "lost");
        Assert.Equal(1, await daemon.WaitForExitAsync(Timeout));
        Assert.Contains(daemon.StderrLines, l => CannotWrite().IsMatch(l));
        EndToEndTests.AssertStats(daemon.FinalStats(), received: 1, delivered: 0, informsAnswered: 0, new() { ["output-failed"] = 1 });
    }

    [GeneratedRegex(@"ERR\] Cannot write to standard output \(.+\): stopping")]
    private static partial Regex CannotWrite();

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);
}
