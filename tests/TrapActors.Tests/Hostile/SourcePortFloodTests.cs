using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using TrapActors.Tests.Load;
using Xunit;
using Xunit.Abstractions;

namespace TrapActors.Tests.Hostile;

/// <summary>
/// A flood of valid v2c traps (captured from net-snmp's snmptrap), each from a source port never used before:
/// the per-source sessions stay within session.max-sessions, every datagram ends delivered or counted, and
/// passivation frees the slots for new sources.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class SourcePortFloodTests : ReceiverSpec
{
    private const int MaxSessions = 1000;
    private const int DistinctSources = 20_000;
    private const string FloodTrapOid = "1.3.6.1.4.1.8072.9999.0.66";
    private const string AfterFloodTrapOid = "1.3.6.1.4.1.8072.9999.0.67";
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Passivation = TimeSpan.FromSeconds(15);

    private readonly ITestOutputHelper _output;

    public SourcePortFloodTests(ITestOutputHelper output)
        : base($$"""
            trap-actors.session { max-sessions = {{MaxSessions}}, idle-timeout = 1s }
            trap-actors.listener.receive-buffer-size = 4194304
            """, output)
    {
        _output = output;
    }

    [Fact]
    public async Task Sessions_stay_within_the_cap_every_datagram_is_counted_and_passivation_lets_new_sources_in()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var trap = await CaptureTrapAsync(FloodTrapOid);
        var target = await ReceiverEndPointAsync();
        var flood = CreateTestProbe();
        await SubscribeAsync(flood, TrapFilter.ByTrapOid(FloodTrapOid));
        await SubscribeAsync(TestActor, TrapFilter.ByTrapOid(AfterFloodTrapOid));
        await SchedulerWarmup.StartAsync(this);

        using var stopSampling = new CancellationTokenSource();
        var sampler = SamplePeakSessionsAsync(stopSampling.Token);
        var usedPorts = new HashSet<int>();
        // Two waves with a full passivation between them: the second wave only gets sessions if the first freed them.
        var firstWave = SendFromNewPorts(trap, target, usedPorts, DistinctSources / 2);
        var afterFirst = await AwaitAccountedAsync(firstWave.Sent, "first wave");
        await AwaitStatsAsync(s => s.ActiveSessions == 0, "the first wave's sessions passivated", Passivation);
        var secondWave = SendFromNewPorts(trap, target, usedPorts, DistinctSources / 2);
        var afterSecond = await AwaitAccountedAsync(firstWave.Sent + secondWave.Sent, "second wave");
        await stopSampling.CancelAsync();
        var (peak, samples) = await sampler;

        _output.WriteLine($"ports tried {firstWave.Attempts + secondWave.Attempts}, distinct {usedPorts.Count}; peak ActiveSessions sampled {peak} in {samples} samples");
        _output.WriteLine($"after wave 1: {Describe(afterFirst)}");
        _output.WriteLine($"after wave 2: {Describe(afterSecond)}");

        Assert.Equal(DistinctSources, usedPorts.Count);
        Assert.True(samples > 0 && peak > 0, $"the sampler saw the sessions: {samples} samples, peak {peak}");
        Assert.InRange(peak, 1, MaxSessions);
        // The receiver's own high-water mark sees what sampling could miss: the cap was reached and never passed.
        Assert.Equal(MaxSessions, afterSecond.PeakSessions);

        foreach (var wave in new[] { afterFirst, Minus(afterSecond, afterFirst) })
        {
            Assert.True(wave.Delivered >= MaxSessions, $"a full set of sessions delivered in each wave: {wave}");
            Assert.True(wave.Dropped[DropReason.SessionLimit] > 0, $"sources beyond the cap were refused in each wave: {wave}");
        }
        // Every datagram read is delivered or refused for the cap, nothing else.
        Assert.Equal(afterSecond.Received, afterSecond.Delivered + afterSecond.Dropped[DropReason.SessionLimit]);
        Assert.Equal(afterSecond.Dropped[DropReason.SessionLimit], afterSecond.TotalDropped);

        // Once the flood's sessions have passivated, a new source (net-snmp's snmptrap) is served.
        await AwaitStatsAsync(s => s.ActiveSessions == 0, "the second wave's sessions passivated", Passivation);
        var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "1", AfterFloodTrapOid);
        Assert.True(sent.ExitCode == 0, sent.ToString());
        var after = await this.TrapAsync();
        Assert.Equal(AfterFloodTrapOid, after.TrapOid.ToString());
        Assert.Equal(afterSecond.Delivered + 1, (await AwaitStatsAsync(s => s.Delivered == afterSecond.Delivered + 1, "the new source's trap")).Delivered);
    }

    private sealed record Wave(int Sent, int Attempts);

    /// <summary>
    /// Opens a socket on 127.0.0.1 (port 0), sends one datagram if the kernel gave it a port not used before, closes it;
    /// until <paramref name="count"/> new ports have sent.
    /// </summary>
    private static Wave SendFromNewPorts(byte[] datagram, IPEndPoint target, HashSet<int> usedPorts, int count)
    {
        var sent = 0;
        var attempts = 0;
        while (sent < count)
        {
            attempts++;
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            if (!usedPorts.Add(((IPEndPoint)socket.LocalEndPoint!).Port))
                continue;
            Assert.Equal(datagram.Length, socket.SendTo(datagram, target));
            sent++;
        }
        return new Wave(sent, attempts);
    }

    /// <summary>Waits until every datagram sent so far was read or dropped by the kernel, and every one read is delivered or dropped.</summary>
    private Task<TrapReceiverStats> AwaitAccountedAsync(int sentSoFar, string what) =>
        AwaitStatsAsync(s => s.Received + s.SocketBufferDrops == sentSoFar && s.Delivered + s.TotalDropped == s.Received,
            $"{what}: all {sentSoFar} datagrams accounted for", TimeSpan.FromSeconds(30));

    /// <summary>
    /// The highest ActiveSessions seen, sampled every <see cref="SampleEvery"/> while the flood runs: a check from outside,
    /// next to the counters' own PeakSessions.
    /// </summary>
    private async Task<(int Peak, int Samples)> SamplePeakSessionsAsync(CancellationToken stop)
    {
        var peak = 0;
        var samples = 0;
        using var timer = new PeriodicTimer(SampleEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                peak = Math.Max(peak, (await StatsAsync()).ActiveSessions);
                samples++;
            }
        }
        catch (OperationCanceledException)
        {
            // sampling ends with the flood
        }
        return (peak, samples);
    }

    private static string Describe(TrapReceiverStats s) =>
        $"received {s.Received}, delivered {s.Delivered}, dropped {{{string.Join(", ", s.Dropped.Where(d => d.Value > 0).Select(d => $"{d.Key}: {d.Value}"))}}}, " +
        $"socket-buffer drops {s.SocketBufferDrops}, active sessions {s.ActiveSessions}, peak {s.PeakSessions}";

    private static TrapReceiverStats Minus(TrapReceiverStats a, TrapReceiverStats b) =>
        a with
        {
            Received = a.Received - b.Received,
            Delivered = a.Delivered - b.Delivered,
            Dropped = a.Dropped.ToImmutableDictionary(kv => kv.Key, kv => kv.Value - b.Dropped.GetValueOrDefault(kv.Key)),
        };

    /// <summary>One v2c trap as net-snmp's snmptrap sends it, caught on a local socket.</summary>
    private static async Task<byte[]> CaptureTrapAsync(string trapOid)
    {
        using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var buffer = new byte[65536];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var receive = sink.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
        var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{((IPEndPoint)sink.LocalEndPoint!).Port}", "4242", trapOid,
            "1.3.6.1.2.1.2.2.1.1.3", "i", "3", "1.3.6.1.2.1.2.2.1.2.3", "s", "GigabitEthernet0/3");
        Assert.True(result.ExitCode == 0, result.ToString());
        return buffer[..(await receive).ReceivedBytes];
    }
}
