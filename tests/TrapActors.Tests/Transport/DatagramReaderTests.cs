using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using TrapActors.Listener;
using Xunit;

namespace TrapActors.Tests.Transport;

/// <summary>
/// The receive thread's readers and the source-address send on their own, with plain sockets: what a wildcard-bound
/// socket learns about each datagram (with recvmsg on Linux, and with .NET's ReceiveMessageFrom, the fallback used
/// elsewhere), that closing the socket wakes a blocked read, and that a source address which is not local falls back.
/// </summary>
public sealed class DatagramReaderTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly IPAddress SecondLoopback = IPAddress.Parse("127.0.0.2");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly List<Socket> _sockets = [];

    private Socket Bound(IPAddress address, bool dualStack = true)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _sockets.Add(socket);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            socket.DualMode = dualStack;
        if (DatagramReader.IsWildcard(address))
            LinuxPacketInfo.EnableDestinationAddress(socket);
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }

    private static int Port(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    private static DatagramReader Reader(Socket socket, bool managed) =>
        managed ? new PacketInformationReader(socket, (IPEndPoint)socket.LocalEndPoint!) : DatagramReader.For(socket);

    /// <summary>Reads on a thread of its own, bounded by <see cref="Patience"/> (the reads block).</summary>
    private static async Task<(int Length, IPEndPoint Source, IPEndPoint Local)> ReadAsync(DatagramReader reader, byte[] buffer)
    {
        var read = Task.Factory.StartNew(() =>
        {
            var length = reader.Receive(buffer, out var source, out var local);
            return (length, source, local);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return await read.WaitAsync(Patience);
    }

    public static TheoryData<string, string, bool> Destinations => new()
    {
        { "0.0.0.0", "127.0.0.2", false },
        { "0.0.0.0", "127.0.0.1", false },
        { "::", "127.0.0.2", false },
        { "::", "::1", false },
        { "0.0.0.0", "127.0.0.2", true },
        { "::", "127.0.0.2", true },
        { "::", "::1", true },
    };

    [Theory]
    [MemberData(nameof(Destinations))]
    public async Task A_wildcard_reader_reports_the_destination_and_a_folded_source(string bind, string destination, bool managed)
    {
        var socket = Bound(IPAddress.Parse(bind));
        var to = new IPEndPoint(IPAddress.Parse(destination), Port(socket));
        var client = Bound(to.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback);
        var reader = Reader(socket, managed);

        client.SendTo(new byte[] { 1, 2, 3 }, to);
        var (length, source, local) = await ReadAsync(reader, new byte[65536]);

        Assert.Equal(3, length);
        Assert.Equal(to, local);
        Assert.Equal((IPEndPoint)client.LocalEndPoint!, source);
    }

    [Fact]
    public async Task A_reader_of_a_socket_bound_to_one_address_reports_that_address()
    {
        var socket = Bound(IPAddress.Loopback);
        var client = Bound(IPAddress.Loopback);
        var reader = DatagramReader.For(socket);

        client.SendTo(new byte[] { 7 }, socket.LocalEndPoint!);
        var (_, source, local) = await ReadAsync(reader, new byte[65536]);

        Assert.Equal(socket.LocalEndPoint, local);
        Assert.Equal(client.LocalEndPoint, source);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public async Task Closing_the_socket_wakes_a_blocked_wildcard_read(string bind)
    {
        var socket = Bound(IPAddress.Parse(bind));
        var reader = DatagramReader.For(socket);
        var threadId = 0;
        var read = Task.Factory.StartNew(() =>
        {
            Volatile.Write(ref threadId, gettid());
            return reader.Receive(new byte[65536], out _, out _);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await AwaitConditionAsync(() => Task.FromResult(IsSleeping(Volatile.Read(ref threadId))), Patience, TimeSpan.FromMilliseconds(10),
            "the reading thread blocks in the kernel");

        socket.Dispose();

        // Without the wake-up the read would never end: WaitAsync fails the test instead of hanging it.
        var thrown = await Record.ExceptionAsync(() => read.WaitAsync(Patience));
        Assert.True(thrown is SocketException or ObjectDisposedException, $"the read ended with {thrown}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int gettid();

    /// <summary>The thread's state in /proc is S (interruptible sleep): blocked in a system call such as recvmsg.</summary>
    private static bool IsSleeping(int threadId)
    {
        if (threadId == 0)
            return false;
        var stat = File.ReadAllText($"/proc/self/task/{threadId}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('S');
    }

    [Theory]
    [InlineData("0.0.0.0", "127.0.0.2")]
    [InlineData("::", "127.0.0.2")]
    [InlineData("::", "::1")]
    public async Task A_wildcard_socket_sends_from_the_address_given(string bind, string from)
    {
        var socket = Bound(IPAddress.Parse(bind));
        var source = new IPEndPoint(IPAddress.Parse(from), Port(socket));
        var peer = Bound(source.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback);
        peer.Connect(source);   // the kernel drops anything not from exactly source

        Assert.True(LinuxPacketInfo.TrySend(socket, [9, 9], (IPEndPoint)peer.LocalEndPoint!, source.Address));

        var buffer = new byte[16];
        Assert.Equal(2, await peer.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Patience));
    }

    [Fact]
    public void A_source_address_that_is_not_local_is_refused_so_the_caller_falls_back()
    {
        var socket = Bound(IPAddress.Any);
        var peer = Bound(IPAddress.Loopback);

        Assert.False(LinuxPacketInfo.TrySend(socket, [1], (IPEndPoint)peer.LocalEndPoint!, IPAddress.Parse("192.0.2.1")));
        Assert.False(LinuxPacketInfo.TrySend(socket, [1], (IPEndPoint)peer.LocalEndPoint!, IPAddress.IPv6Loopback));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var socket in _sockets)
                socket.Dispose();
        }
        base.Dispose(disposing);
    }
}
