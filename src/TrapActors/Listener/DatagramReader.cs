using System.Net;
using System.Net.Sockets;

namespace TrapActors.Listener;

/// <summary>
/// Reads one datagram for the receive loop: its length, its source (IPv4-mapped folded to IPv4) and the local endpoint
/// it arrived on. A socket bound to one address keeps to ReceiveFrom, without an object per datagram; a socket bound to
/// a wildcard address also learns each datagram's destination address, so that its Response or Report leaves from the
/// address the sender sent to.
/// </summary>
internal abstract class DatagramReader
{
    public static DatagramReader For(Socket socket)
    {
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        if (!IsWildcard(bound.Address))
            return new BoundAddressReader(socket, bound);
        return LinuxPacketInfo.IsSupported ? new LinuxDestinationReader(socket, bound) : new PacketInformationReader(socket, bound);
    }

    public static bool IsWildcard(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    /// <summary>Blocks until a datagram arrives and returns its length; throws <see cref="SocketException"/> as Socket.ReceiveFrom does.</summary>
    public abstract int Receive(byte[] buffer, out IPEndPoint source, out IPEndPoint local);

    /// <summary>Bound to one address: every datagram arrived on it.</summary>
    private sealed class BoundAddressReader(Socket socket, IPEndPoint bound) : DatagramReader
    {
        private readonly SocketAddress _address = new(socket.AddressFamily);
        private readonly SourceCache _sources = new(socket.AddressFamily);

        public override int Receive(byte[] buffer, out IPEndPoint source, out IPEndPoint local)
        {
            var length = socket.ReceiveFrom(buffer, SocketFlags.None, _address);
            source = _sources.Get(_address);
            local = bound;
            return length;
        }
    }
}

/// <summary>
/// A wildcard-bound socket on Linux: recvmsg with IP_PKTINFO / IPV6_PKTINFO, into the same reused buffers as
/// ReceiveFrom, so a datagram costs no more objects than on a socket bound to one address.
/// </summary>
internal sealed class LinuxDestinationReader(Socket socket, IPEndPoint bound) : DatagramReader
{
    private const int EAgain = 11;
    private readonly SocketAddress _address = new(socket.AddressFamily);
    private readonly SourceCache _sources = new(socket.AddressFamily);
    private readonly DestinationCache _locals = new(bound);
    private PacketInformationReader? _fallback;

    public override int Receive(byte[] buffer, out IPEndPoint source, out IPEndPoint local)
    {
        while (_fallback is null)
        {
            var destination = default(PacketDestination);
            int length, errno;
            try
            {
                length = LinuxPacketInfo.Receive(socket.SafeHandle, buffer, _address, ref destination, out errno);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                LinuxPacketInfo.MarkUnavailable();
                _fallback = new PacketInformationReader(socket, bound);
                break;
            }
            if (length >= 0 && _address.Size > 0)
            {
                source = _sources.Get(_address);
                local = _locals.Get(destination);
                return length;
            }
            if (length >= 0)
                throw new SocketException((int)SocketError.Shutdown);   // woken by the socket being closed
            if (errno == EAgain)
                socket.Poll(-1, SelectMode.SelectRead);   // a non-blocking descriptor: wait as ReceiveFrom would
            else
                throw new SocketException((int)SocketError.SocketError, $"recvmsg failed: errno {errno}");
        }
        return _fallback.Receive(buffer, out source, out local);
    }
}

/// <summary>
/// A wildcard-bound socket elsewhere: .NET's ReceiveMessageFrom, which allocates the source and destination per
/// datagram. The destination is still the notification's local endpoint; Responses leave from the address the system
/// chooses (<see cref="LinuxPacketInfo"/> sends from the destination on Linux only).
/// </summary>
internal sealed class PacketInformationReader(Socket socket, IPEndPoint bound) : DatagramReader
{
    private readonly EndPoint _any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
    private readonly DestinationCache _locals = new(bound);

    public override int Receive(byte[] buffer, out IPEndPoint source, out IPEndPoint local)
    {
        var flags = SocketFlags.None;
        var remote = _any;
        var length = socket.ReceiveMessageFrom(buffer, ref flags, ref remote, out var information);
        var from = (IPEndPoint)remote;
        source = from.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(from.Address.MapToIPv4(), from.Port) : from;
        local = information.Address is { } destination ? _locals.Get(PacketDestination.From(destination)) : bound;
        return length;
    }
}
