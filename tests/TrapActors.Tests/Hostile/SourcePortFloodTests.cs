using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using TrapActors.Tests.Load;
using Xunit;
using Xunit.Abstractions;

namespace TrapActors.Tests.Hostile;

/// <summary>
/// A burst of valid v2c traps (captured from net-snmp's snmptrap) from 100,000 distinct sources, ten times the default
/// session.max-sessions: the sessions stay bounded (evicted ones included), every datagram ends delivered or counted,
/// and right after the burst a trap from a new source (net-snmp's snmptrap) is delivered, long before any session
/// could have idled out (session.idle-timeout is 5 minutes).
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class SourcePortFloodTests : ReceiverSpec
{
    private const int MaxSessions = 10_000;   // the default
    private const int Addresses = 8;
    private const int PortsPerAddress = 12_500;
    private const int Sources = Addresses * PortsPerAddress;
    private const int FirstPort = 20_000;   // below the ephemeral range: no port-0 socket of another test is in the way
    private const int MostAhead = 4_000;   // sent but not yet read: the sender waits, so the burst is not lost in the kernel
    private const string BurstTrapOid = "1.3.6.1.4.1.8072.9999.0.66";
    private const string AfterBurstTrapOid = "1.3.6.1.4.1.8072.9999.0.67";

    private readonly ITestOutputHelper _output;

    public SourcePortFloodTests(ITestOutputHelper output)
        : base("", output)
    {
        _output = output;
    }

    [Fact]
    public async Task After_a_burst_from_100000_sources_a_trap_from_a_new_source_is_delivered_at_once()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        Assert.Equal(MaxSessions, TrapReceiverExtension.Get(Sys).Settings.Session.MaxSessions);
        var trap = await CapturedTraps.V2cTrapAsync(BurstTrapOid);
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(CreateTestProbe(), TrapFilter.ByTrapOid(BurstTrapOid));
        await SubscribeAsync(TestActor, TrapFilter.ByTrapOid(AfterBurstTrapOid));

        var clock = Stopwatch.StartNew();
        var (sent, skipped) = await SendBurstAsync(trap, target);
        var sendingTook = clock.ElapsedMilliseconds;
        var burst = await AwaitStatsAsync(s => s.Received + s.SocketBufferDrops == sent && s.Delivered + s.TotalDropped == s.Received,
            $"all {sent} datagrams accounted for", TimeSpan.FromSeconds(60));
        _output.WriteLine($"{sent} sources sent ({skipped} ports in use, skipped) in {sendingTook} ms, accounted after {clock.ElapsedMilliseconds} ms: {Describe(burst)}");

        Assert.True(sent >= Sources - 1_000, $"{sent} distinct sources sent");
        Assert.True(burst.Received >= sent / 2, $"most of the burst reached the receiver: {Describe(burst)}");
        var refused = burst.Dropped[DropReason.SessionLimit];
        Assert.Equal(burst.Received, burst.Delivered + refused);
        Assert.Equal(refused, burst.TotalDropped);
        // Each source is new: it got a session, which beyond the cap took the place of an evicted one, or was refused.
        Assert.Equal(burst.Received - refused - MaxSessions, burst.SessionsEvicted);
        Assert.True(refused < burst.Received / 10, $"refusals are the exception: {Describe(burst)}");
        // Memory stays bounded: the sessions routed to, plus at most as many being stopped.
        Assert.InRange(burst.PeakSessions, MaxSessions, 2 * MaxSessions);

        var afterBurst = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "1", AfterBurstTrapOid);
        Assert.True(afterBurst.ExitCode == 0, afterBurst.ToString());
        Assert.Equal(AfterBurstTrapOid, (await this.TrapAsync(TimeSpan.FromSeconds(10))).TrapOid.ToString());
        var after = await AwaitStatsAsync(s => s.SessionsEvicted == burst.SessionsEvicted + 1, "the new source evicted an idle session");
        Assert.Equal(refused, after.Dropped[DropReason.SessionLimit]);
    }

    /// <summary>
    /// One datagram from each of <see cref="PortsPerAddress"/> ports of 127.0.0.2 to 127.0.0.9 (a port some other
    /// socket holds is skipped), never more than <see cref="MostAhead"/> ahead of what the receiver has read.
    /// </summary>
    private async Task<(int Sent, int Skipped)> SendBurstAsync(byte[] datagram, IPEndPoint target)
    {
        var (sent, skipped) = (0, 0);
        for (var a = 0; a < Addresses; a++)
        {
            var address = new IPAddress([127, 0, 0, (byte)(2 + a)]);
            for (var port = FirstPort; port < FirstPort + PortsPerAddress; port++)
            {
                using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
                {
                    try
                    {
                        socket.Bind(new IPEndPoint(address, port));
                    }
                    catch (SocketException)
                    {
                        skipped++;
                        continue;
                    }
                    Assert.Equal(datagram.Length, socket.SendTo(datagram, target));
                }
                if (++sent % 1_000 == 0)
                    await AwaitStatsAsync(s => sent - (s.Received + s.SocketBufferDrops) <= MostAhead, $"the receiver read up to {sent - MostAhead}", TimeSpan.FromSeconds(30));
            }
        }
        return (sent, skipped);
    }

    private static string Describe(TrapReceiverStats s) =>
        $"received {s.Received}, delivered {s.Delivered}, dropped {{{string.Join(", ", s.Dropped.Where(d => d.Value > 0).Select(d => $"{d.Key}: {d.Value}"))}}}, " +
        $"socket-buffer drops {s.SocketBufferDrops}, evicted {s.SessionsEvicted}, active sessions {s.ActiveSessions}, peak {s.PeakSessions}";
}
