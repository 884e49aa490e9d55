using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using TrapActors.Listener;

namespace TrapActors.Benchmarks;

/// <summary>
/// One v2c trap (the 10-varbind capture) sent over loopback and read by the receive thread's <see cref="DatagramReader"/>:
/// from a socket bound to 127.0.0.1 (ReceiveFrom, the baseline), from one bound to 0.0.0.0 (recvmsg with IP_PKTINFO,
/// which also learns the destination), and from 0.0.0.0 with .NET's ReceiveMessageFrom (the reader used where recvmsg is
/// not available). Every benchmark sends the same way (a pre-serialized address), so the differences are the reads'.
/// </summary>
[MemoryDiagnoser]
public class ReceiveBenchmarks
{
    private readonly byte[] _buffer = new byte[65536];
    private byte[] _datagram = [];
    private Socket _client = null!;
    private (Socket Socket, DatagramReader Reader, SocketAddress Target) _bound;
    private (Socket Socket, DatagramReader Reader, SocketAddress Target) _wildcard;
    private (Socket Socket, DatagramReader Reader, SocketAddress Target) _managed;

    [GlobalSetup]
    public void Setup()
    {
        _datagram = Captures.Load(Captures.V2cTrap10);
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _bound = Open(IPAddress.Loopback, managed: false);
        _wildcard = Open(IPAddress.Any, managed: false);
        _managed = Open(IPAddress.Any, managed: true);
    }

    private static (Socket, DatagramReader, SocketAddress) Open(IPAddress address, bool managed)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        if (address.Equals(IPAddress.Any))
            LinuxPacketInfo.EnableDestinationAddress(socket);
        socket.Bind(new IPEndPoint(address, 0));
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        var reader = managed ? new PacketInformationReader(socket, bound) : DatagramReader.For(socket);
        return (socket, reader, new IPEndPoint(IPAddress.Loopback, bound.Port).Serialize());
    }

    private int RoundTrip((Socket Socket, DatagramReader Reader, SocketAddress Target) receiver)
    {
        _client.SendTo(_datagram, SocketFlags.None, receiver.Target);
        return receiver.Reader.Receive(_buffer, out _, out _);
    }

    [Benchmark(Baseline = true)]
    public int BoundReceiveFrom() => RoundTrip(_bound);

    [Benchmark]
    public int WildcardRecvMsgPktInfo() => RoundTrip(_wildcard);

    [Benchmark]
    public int WildcardReceiveMessageFrom() => RoundTrip(_managed);

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _bound.Socket.Dispose();
        _wildcard.Socket.Dispose();
        _managed.Socket.Dispose();
    }
}
