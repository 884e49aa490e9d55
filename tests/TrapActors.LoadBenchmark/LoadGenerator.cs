using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TrapActors.LoadBenchmark;

/// <summary>What one load run sent.</summary>
public sealed record SendResult(long Sent, long SendErrors, double Seconds, double GeneratorCpuSeconds)
{
    public double AchievedRate => Seconds > 0 ? Sent / Seconds : 0;
}

/// <summary>
/// Replays datagrams to 127.0.0.1:port from several sockets (source ports), cycling through the packets and the
/// sockets, on one dedicated thread. Paced: by a deadline schedule (packet n is due at n / rate seconds); every
/// wake-up sends what is due, then sleeps about 1 ms, so it sends rate/1000 packets per millisecond and catches up
/// after a late wake-up. It never spins, to leave the second core to the receiver. Flat out: no pacing.
/// Stops after <c>count</c> datagrams or <c>duration</c>, whichever comes first.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    private readonly IReadOnlyList<byte[]> _packets;
    private readonly Socket[] _sockets;

    public LoadGenerator(IReadOnlyList<byte[]> packets, int port, int senders)
    {
        if (packets.Count == 0)
            throw new ArgumentException("no packets", nameof(packets));
        _packets = packets;
        var target = new IPEndPoint(IPAddress.Loopback, port);   // loopback only, by construction
        _sockets = new Socket[senders];
        for (var i = 0; i < senders; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.SendBufferSize = 1 << 20;
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Connect(target);
            _sockets[i] = socket;
        }
    }

    public SendResult Run(double? rate, long count, TimeSpan duration)
    {
        SendResult? result = null;
        var thread = new Thread(() => result = RunOnThisThread(rate, count, duration))
        {
            Name = "load-generator",
            IsBackground = true,
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        thread.Join();
        return result!;
    }

    private SendResult RunOnThisThread(double? rate, long count, TimeSpan duration)
    {
        var cpu0 = ProcFs.ThreadCpuSeconds();
        var packets = _packets;
        var sockets = _sockets;
        long sent = 0, errors = 0;
        var p = 0;
        var s = 0;
        var limitTicks = (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var clock = Stopwatch.StartNew();

        void SendOne()
        {
            try
            {
                sockets[s].Send(packets[p]);
            }
            catch (SocketException)
            {
                errors++;   // e.g. ECONNREFUSED after an ICMP port-unreachable when nothing listens
            }
            sent++;
            if (++p == packets.Count)
                p = 0;
            if (++s == sockets.Length)
                s = 0;
        }

        if (rate is not { } r)
        {
            while (sent < count && ((sent & 255) != 0 || clock.ElapsedTicks < limitTicks))
                SendOne();
        }
        else
        {
            var ticksPerPacket = Stopwatch.Frequency / r;
            while (sent < count)
            {
                var now = clock.ElapsedTicks;
                var due = Math.Min(count, (long)(Math.Min(now, limitTicks) / ticksPerPacket) + 1);
                while (sent < due)
                    SendOne();
                if (now >= limitTicks)
                    break;   // what was due by the time limit is sent: rate x duration datagrams
                // Next packet due within the coming millisecond or later: sleep; behind schedule: loop at once.
                var nextDue = (long)(sent * ticksPerPacket);
                if (nextDue > clock.ElapsedTicks)
                    Thread.Sleep(1);
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return new SendResult(sent, errors, seconds, ProcFs.ThreadCpuSeconds() - cpu0);
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
            socket.Dispose();
    }
}
