using System.Net;
using System.Net.Sockets;
using Akka.Event;
using TrapActors.Diagnostics;
using TrapActors.Dtls;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// The DTLS listener's sends: traced when packet tracing is on, and a socket error published as
/// TrapReceiverErrorOccurred (its Windows Sockets number) instead of being swallowed.
/// </summary>
public sealed class DtlsDatagramSenderTests : Akka.TestKit.Xunit2.TestKit
{
    private DtlsDatagramSender Sender(bool trace = true)
    {
        Sys.EventStream.Subscribe(TestActor, typeof(PacketTraced));
        Sys.EventStream.Subscribe(TestActor, typeof(TrapReceiverErrorOccurred));
        var diagnostics = new ReceiverDiagnostics(new EventSettings { PacketTrace = trace }, new ReceiverCounters(), Sys.EventStream);
        return new DtlsDatagramSender(diagnostics, Logging.GetLogger(Sys, this));
    }

    private static Socket Ipv4Socket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    [Fact]
    public async Task A_datagram_sent_is_traced_as_Outgoing()
    {
        var sender = Sender();
        using var socket = Ipv4Socket();
        using var peer = Ipv4Socket();
        var target = (IPEndPoint)peer.LocalEndPoint!;

        sender.Send(new PlainSocket(socket), [22, 0xFE, 0xFD, 1], target, null);

        var traced = await ExpectMsgAsync<PacketTraced>(TimeSpan.FromSeconds(5));
        Assert.Equal(PacketDirection.Outgoing, traced.Direction);
        Assert.Equal(target, traced.Peer);
        Assert.Equal(new byte[] { 22, 0xFE, 0xFD, 1 }, traced.Packet.ToArray());
    }

    [Fact]
    public async Task A_send_the_socket_refuses_is_published_as_TrapReceiverErrorOccurred()
    {
        var sender = Sender();
        using var socket = Ipv4Socket();
        // An IPv4 socket cannot send to ::1: the socket call fails and nothing leaves the host.
        var target = new IPEndPoint(IPAddress.IPv6Loopback, 9);

        sender.Send(new PlainSocket(socket), [22, 0xFE, 0xFD, 1], target, null);

        var error = await ExpectMsgAsync<TrapReceiverErrorOccurred>(TimeSpan.FromSeconds(5));
        Assert.True(error.ErrorCode > 10000, $"a Windows Sockets number, got {error.ErrorCode}");
        Assert.Contains("[::1]:9", error.Description);
        Assert.Contains("DTLS", error.Description);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));   // not traced: it was not sent
    }

    /// <summary>
    /// The attack: a peer whose answers always fail (unreachable, or refused by a local firewall) made one Warning and
    /// one event per datagram. They go through events.max-log-lines-per-second and events.max-per-second; the rest are
    /// counted (LogLinesSuppressed, EventsSuppressed).
    /// </summary>
    [Fact]
    public async Task Failed_sends_are_logged_and_published_within_the_rate_limits()
    {
        const int Sends = 200;
        const int PerSecond = 3;
        Sys.EventStream.Subscribe(TestActor, typeof(TrapReceiverErrorOccurred));
        Sys.EventStream.Subscribe(TestActor, typeof(Akka.Event.Warning));
        var diagnostics = new ReceiverDiagnostics(new EventSettings { MaxPerSecond = PerSecond, MaxLogLinesPerSecond = PerSecond }, new ReceiverCounters(), Sys.EventStream);
        var sender = new DtlsDatagramSender(diagnostics, Logging.GetLogger(Sys, this));
        using var socket = Ipv4Socket();

        for (var i = 0; i < Sends; i++)
            sender.Send(new PlainSocket(socket), [22, 0xFE, 0xFD, 1], new IPEndPoint(IPAddress.IPv6Loopback, 9), null);

        var received = await ReceiveWhileAsync<object>(TimeSpan.FromSeconds(2), m => m, Sends * 2)
            .ToListAsync();
        var events = received.OfType<TrapReceiverErrorOccurred>().Count();
        var warnings = received.OfType<Akka.Event.Warning>().Count(w => w.Message.ToString()!.Contains("Cannot send"));
        // The sends may straddle one window boundary (or two on a slow machine): a few windows' worth at most.
        Assert.InRange(events, 1, 3 * PerSecond);
        Assert.InRange(warnings, 1, 3 * PerSecond);
        Assert.Equal(Sends, events + diagnostics.Events.Refused);
        Assert.Equal(Sends, warnings + diagnostics.LogLines.Refused);
    }

    [Fact]
    public async Task A_socket_closed_at_shutdown_is_no_error()
    {
        var sender = Sender();
        var socket = Ipv4Socket();
        socket.Dispose();

        sender.Send(new PlainSocket(socket), [1], new IPEndPoint(IPAddress.Loopback, 9), null);
        sender.Send(null, [1], new IPEndPoint(IPAddress.Loopback, 9), null);

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    /// <summary>A socket that sends from whatever address the system picks.</summary>
    private sealed class PlainSocket(Socket socket) : TrapActors.Listener.IOutboundSocket
    {
        public void Send(byte[] data, IPEndPoint target, IPEndPoint? from) => socket.SendTo(data, target);
    }
}
