using System.Net;
using System.Net.Sockets;
using Akka.Event;
using TrapActors.Diagnostics;
using TrapActors.Listener;

namespace TrapActors.Dtls;

/// <summary>
/// What a DTLS listener puts on its socket (HelloVerifyRequests, handshake flights, records, alerts), from the listener's
/// thread and from association threads at once: each datagram sent is traced as Outgoing (events.packet-trace), and a
/// socket error is logged and published as <see cref="TrapReceiverErrorOccurred"/> with its Windows Sockets number,
/// within the rate limits, as for a UDP Response (<see cref="SendFailures"/>). Nothing else is done about it: DTLS retransmits a lost flight, and an association that cannot send ends
/// at its deadline.
/// </summary>
internal sealed class DtlsDatagramSender(ReceiverDiagnostics diagnostics, ILoggingAdapter log)
{
    /// <summary>
    /// Sends <paramref name="datagram"/> on <paramref name="socket"/> (null: not bound) from <paramref name="from"/> where
    /// the socket can choose; a socket closed at shutdown is no error.
    /// </summary>
    public void Send(IOutboundSocket? socket, byte[] datagram, IPEndPoint target, IPEndPoint? from)
    {
        if (socket is null)
            return;
        try
        {
            socket.Send(datagram, target, from);
            diagnostics.Trace(PacketDirection.Outgoing, datagram, target);
        }
        catch (SocketException e)
        {
            SendFailures.Report(diagnostics, log, e, datagram.Length, target, over: "DTLS");
        }
        catch (ObjectDisposedException)
        {
            // The socket closing at shutdown: the association ends with it.
        }
    }
}
