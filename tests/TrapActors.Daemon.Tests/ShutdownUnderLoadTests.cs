using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;
using Xunit.Abstractions;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// SIGTERM in the middle of a trap stream (datagrams captured from net-snmp's snmptrap, replayed at a high rate
/// from several sources, mixed with garbage): the daemon exits 0, every notification its final stats line counts
/// as delivered is on stdout, and received − delivered is exactly the sum of the drop reasons.
/// Each row is one run; the signal comes at a different point of the stream to shake out races.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class ShutdownUnderLoadTests(ITestOutputHelper output)
{
    private const int RatePerSecond = 20_000;
    private static readonly TimeSpan MaxStream = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan PacingTick = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private const int Sources = 4;

    private static readonly Lazy<Task<Captured>> Capture = new(CaptureFromNetSnmpAsync);

    [Theory]
    [InlineData(400)]
    [InlineData(1000)]
    [InlineData(1700)]
    public async Task Sigterm_mid_stream_prints_every_delivered_notification_and_explains_every_drop(int signalAfterMs)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var captured = await Capture.Value;
        var stream = StreamPattern(captured);

        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--format", "json");
        var target = new IPEndPoint(IPAddress.Loopback, await daemon.WaitForPortAsync());

        var run = await StreamAndSignalAsync(daemon, target, stream, TimeSpan.FromMilliseconds(signalAfterMs));
        Assert.True(run.SentBeforeSignal > 0, "the stream had started when the signal was sent");

        Assert.Equal(0, await daemon.WaitForExitAsync(ExitTimeout));
        var stats = daemon.FinalStats();
        var received = stats.GetProperty("received").GetInt64();
        var delivered = stats.GetProperty("delivered").GetInt64();
        var droppedByReason = stats.GetProperty("dropped").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        var context = $"sent {run.Sent} ({run.SentBeforeSignal} before SIGTERM); stats: {daemon.StderrLines[^1]}";

        output.WriteLine(context);
        Assert.True(delivered > 0, context);
        Assert.True(received <= run.Sent, context);
        Assert.True(droppedByReason["malformed"] > 0, $"garbage was received and counted; {context}");
        Assert.True(droppedByReason["unknown-community"] > 0, $"the wrong-community trap was counted; {context}");

        // Every notification counted as delivered was printed, and only those.
        var printed = daemon.StdoutLines;
        Assert.True(delivered == printed.Count, $"delivered {delivered} but {printed.Count} lines on stdout; {context}");
        foreach (var line in printed)
            Assert.Contains(JsonDocument.Parse(line).RootElement.GetProperty("trapOid").GetString() ?? "", captured.TrapOids);

        // Nothing received is unexplained.
        Assert.True(received - delivered == droppedByReason.Values.Sum(),
            $"received − delivered = {received - delivered}, sum of drop reasons = {droppedByReason.Values.Sum()}; {context}");
        Assert.Equal(droppedByReason.Values.Sum(), stats.GetProperty("droppedTotal").GetInt64());
        Assert.Equal(0, stats.GetProperty("inFlight").GetInt64());
    }

    private sealed record StreamRun(long Sent, long SentBeforeSignal);

    /// <summary>
    /// Sends the pattern round-robin from <see cref="Sources"/> sockets at <see cref="RatePerSecond"/>, paced by a
    /// periodic timer; SIGTERM after <paramref name="signalAfter"/>; goes on until the daemon exits or
    /// <see cref="MaxStream"/> is over, so datagrams keep arriving while it shuts down.
    /// </summary>
    private static async Task<StreamRun> StreamAndSignalAsync(DaemonProcess daemon, IPEndPoint target, IReadOnlyList<byte[]> pattern, TimeSpan signalAfter)
    {
        var sockets = Enumerable.Range(0, Sources).Select(_ => NewSocket()).ToList();
        try
        {
            using var timer = new PeriodicTimer(PacingTick);
            var clock = Stopwatch.StartNew();
            long sent = 0;
            long sentBeforeSignal = -1;
            while (clock.Elapsed < MaxStream && !daemon.HasExited)
            {
                if (sentBeforeSignal < 0 && clock.Elapsed >= signalAfter)
                {
                    sentBeforeSignal = sent;
                    daemon.Signal(DaemonProcess.SigTerm);
                }
                var due = (long)(clock.Elapsed.TotalSeconds * RatePerSecond);
                for (; sent < due; sent++)
                {
                    try
                    {
                        sockets[(int)(sent % Sources)].SendTo(pattern[(int)(sent % pattern.Count)], target);
                    }
                    catch (SocketException)
                    {
                        // The daemon closed its port (ICMP port unreachable reported on the next send): keep going.
                    }
                }
                await timer.WaitForNextTickAsync();
            }
            if (sentBeforeSignal < 0)
            {
                sentBeforeSignal = sent;
                daemon.Signal(DaemonProcess.SigTerm);
            }
            return new StreamRun(sent, sentBeforeSignal);
        }
        finally
        {
            foreach (var socket in sockets)
                socket.Dispose();
        }
    }

    private static Socket NewSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>16 datagrams: 12 valid notifications, 1 with a community the daemon rejects, 3 garbage.</summary>
    private static List<byte[]> StreamPattern(Captured c)
    {
        var truncated = c.Valid[0][..(c.Valid[0].Length / 2)];
        byte[] notBer = [0x30, 0x03, 0x02, 0x01];
        var noise = new byte[64];
        new Random(5).NextBytes(noise);
        noise[0] = 0x04; // an OCTET STRING where the message SEQUENCE must be
        List<byte[]> pattern = [];
        for (var i = 0; i < 12; i++)
            pattern.Add(c.Valid[i % c.Valid.Count]);
        pattern.Insert(3, c.WrongCommunity);
        pattern.Insert(6, truncated);
        pattern.Insert(10, notBer);
        pattern.Insert(14, noise);
        return pattern;
    }

    private sealed record Captured(IReadOnlyList<byte[]> Valid, byte[] WrongCommunity, IReadOnlySet<string> TrapOids);

    private static readonly string[][] ValidTraps =
    [
        ["-v", "2c", "-c", "public", "TARGET", "4242", "1.3.6.1.6.3.1.1.5.3",
            "1.3.6.1.2.1.2.2.1.1.3", "i", "3", "1.3.6.1.2.1.2.2.1.2.3", "s", "GigabitEthernet0/3", "1.3.6.1.2.1.2.2.1.8.3", "i", "2"],
        ["-v", "2c", "-c", "public", "TARGET", "4243", "1.3.6.1.6.3.1.1.5.4", "1.3.6.1.2.1.2.2.1.1.3", "i", "3"],
        ["-v", "1", "-c", "public", "TARGET", "1.3.6.1.4.1.8072.3.2.10", "127.1.2.3", "6", "17", "555",
            "1.3.6.1.2.1.1.1.0", "s", "from a v1 agent"],
    ];

    private static readonly string[] ValidTrapOids = ["1.3.6.1.6.3.1.1.5.3", "1.3.6.1.6.3.1.1.5.4", "1.3.6.1.4.1.8072.3.2.10.0.17"];

    /// <summary>Runs snmptrap against a local socket once per datagram and keeps the bytes it sent.</summary>
    private static async Task<Captured> CaptureFromNetSnmpAsync()
    {
        using var sink = NewSocket();
        var target = $"127.0.0.1:{((IPEndPoint)sink.LocalEndPoint!).Port}";
        var valid = new List<byte[]>();
        foreach (var args in ValidTraps)
            valid.Add(await CaptureOneAsync(sink, args.Select(a => a == "TARGET" ? target : a).ToArray()));
        var wrong = await CaptureOneAsync(sink, ["-v", "2c", "-c", "not-accepted", target, "1", "1.3.6.1.6.3.1.1.5.3"]);
        return new Captured(valid, wrong, ValidTrapOids.ToHashSet());
    }

    private static async Task<byte[]> CaptureOneAsync(Socket sink, string[] snmptrapArgs)
    {
        var receive = ReceiveOneAsync(sink);
        var result = await NetSnmpTools.SnmpTrapAsync(snmptrapArgs);
        Assert.True(result.ExitCode == 0, $"snmptrap failed: {result}");
        return await receive;
    }

    private static async Task<byte[]> ReceiveOneAsync(Socket sink)
    {
        var buffer = new byte[65536];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var got = await sink.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
        return buffer[..got.ReceivedBytes];
    }
}
