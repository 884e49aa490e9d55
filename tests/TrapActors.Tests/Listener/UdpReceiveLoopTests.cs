using System.Net;
using System.Net.Sockets;
using TrapActors.Listener;
using TrapActors.Transport;
using Xunit;

namespace TrapActors.Tests.Listener;

/// <summary>
/// The receive thread may first run after the listener closed its socket (a receiver stopped right after it bound).
/// It once asked the closed socket for its local endpoint outside any handler, and the unhandled exception ended the
/// whole process; now the loop learns the endpoint before its thread starts.
/// </summary>
public sealed class UdpReceiveLoopTests : Akka.TestKit.Xunit2.TestKit
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    public void A_loop_whose_socket_is_closed_before_its_thread_runs_ends_without_reporting_a_failure(string address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        using var inFlight = new InFlightGate(10);
        var loop = new UdpReceiveLoop(socket, TestActor, TimeProvider.System, inFlight, new IngressThrottle(), accepting: true, "closed-early");

        loop.Dispose();
        loop.Start();

        AwaitCondition(() => !loop.IsRunning);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
