using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace TrapActors.Listener;

/// <summary>
/// Linux's recvmsg and sendmsg with IP_PKTINFO / IPV6_PKTINFO control messages (ip(7), ipv6(7)), for sockets bound to
/// a wildcard address: reading learns the address each datagram was sent to, sending chooses the source address.
/// .NET can read the destination (Socket.ReceiveMessageFrom, several objects per datagram) but cannot choose the source
/// of a datagram. Nothing here allocates. The socket handle is passed as a SafeHandle, so closing the socket while a
/// thread waits in recvmsg wakes that thread (.NET shuts the socket down) instead of closing a descriptor still in use.
/// </summary>
internal static unsafe partial class LinuxPacketInfo
{
    private const int AfInet = 2;
    private const int AfInet6 = 10;
    private const int SolIp = 0;
    private const int IpPktInfo = 8;
    private const int SolIpv6 = 41;
    private const int Ipv6PktInfo = 50;
    private const int EIntr = 4;

    /// <summary>Room for one IP_PKTINFO and one IPV6_PKTINFO control message (a dual-stack socket may get both).</summary>
    private const int ControlSize = 128;

    private static volatile bool s_unavailable;

    /// <summary>On Linux, until libc turned out not to have what is needed.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && !s_unavailable;

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary>struct msghdr: socklen_t is 32 bits, size_t the pointer size (musl's int + padding reads the same on little-endian).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static partial nint RecvMsg(SafeSocketHandle socket, MessageHeader* message, int flags);

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    private static partial nint SendMsg(SafeSocketHandle socket, MessageHeader* message, int flags);

    /// <summary>Asks the kernel for each datagram's destination address (before binding, so none arrives without it).</summary>
    public static void EnableDestinationAddress(Socket socket)
    {
        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.PacketInformation, true);
        else
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
    }

    /// <summary>
    /// Reads one datagram (blocking): its bytes into <paramref name="buffer"/>, its source as the kernel wrote it into
    /// <paramref name="source"/>, and the address it was sent to into <paramref name="destination"/>. Returns the
    /// datagram's length, or -1 with <paramref name="errno"/>. Throws <see cref="DllNotFoundException"/> or
    /// <see cref="EntryPointNotFoundException"/> when libc cannot be called (the caller falls back).
    /// </summary>
    public static int Receive(SafeSocketHandle socket, Span<byte> buffer, SocketAddress source, ref PacketDestination destination, out int errno)
    {
        var control = stackalloc byte[ControlSize];
        fixed (byte* data = buffer)
        fixed (byte* name = source.Buffer.Span)
        {
            var iov = new IoVec { Base = data, Length = (nuint)buffer.Length };
            var message = new MessageHeader
            {
                Name = name,
                NameLength = (uint)source.Buffer.Length,
                Iov = &iov,
                IovLength = 1,
                Control = control,
                ControlLength = ControlSize,
            };
            nint received;
            errno = 0;
            do
            {
                received = RecvMsg(socket, &message, 0);
            }
            while (received < 0 && (errno = Marshal.GetLastPInvokeError()) == EIntr);
            if (received < 0)
                return -1;
            source.Size = (int)message.NameLength;
            destination = ReadDestination(control, (int)message.ControlLength);
            return (int)received;
        }
    }

    /// <summary>
    /// Sends <paramref name="data"/> to <paramref name="target"/> from <paramref name="from"/>. False when it could not be
    /// sent that way (families that do not match, an address that is not local, libc without sendmsg): the caller sends
    /// it the ordinary way. An unconnected UDP socket reports no ICMP errors, so a failure here is about the address.
    /// </summary>
    public static bool TrySend(Socket socket, ReadOnlySpan<byte> data, IPEndPoint target, IPAddress from)
    {
        if (!IsSupported || target.AddressFamily != from.AddressFamily)
            return false;
        var v6 = socket.AddressFamily == AddressFamily.InterNetworkV6;
        if (!v6 && target.AddressFamily != AddressFamily.InterNetwork)
            return false;
        var name = stackalloc byte[28];
        var control = stackalloc byte[ControlSize];
        new Span<byte>(control, ControlSize).Clear();
        var nameLength = v6 ? WriteSockAddrIn6(new Span<byte>(name, 28), target) : WriteSockAddrIn(new Span<byte>(name, 28), target);
        var controlLength = v6 ? WriteIpv6PktInfo(control, from) : WriteIpPktInfo(control, from);
        fixed (byte* payload = data)
        {
            var iov = new IoVec { Base = payload, Length = (nuint)data.Length };
            var message = new MessageHeader
            {
                Name = name,
                NameLength = (uint)nameLength,
                Iov = &iov,
                IovLength = 1,
                Control = control,
                ControlLength = (nuint)controlLength,
            };
            try
            {
                nint sent;
                do
                {
                    sent = SendMsg(socket.SafeHandle, &message, 0);
                }
                while (sent < 0 && Marshal.GetLastPInvokeError() == EIntr);
                return sent >= 0;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                s_unavailable = true;
                return false;
            }
        }
    }

    /// <summary>By a reader that found libc without recvmsg: the receive side falls back too.</summary>
    public static void MarkUnavailable() => s_unavailable = true;

    private static int Align(int length) => (length + sizeof(nuint) - 1) & ~(sizeof(nuint) - 1);

    private static int HeaderSize => sizeof(nuint) + 2 * sizeof(int);

    /// <summary>The first IP_PKTINFO (its ipi_addr, the header's destination) or IPV6_PKTINFO (IPv4-mapped folded) in the control data.</summary>
    private static PacketDestination ReadDestination(byte* control, int length)
    {
        var data = Align(HeaderSize);
        for (var offset = 0; offset + HeaderSize <= length;)
        {
            var header = control + offset;
            var cmsgLength = (int)*(nuint*)header;
            if (cmsgLength < HeaderSize || offset + cmsgLength > length)
                break;
            var level = *(int*)(header + sizeof(nuint));
            var type = *(int*)(header + sizeof(nuint) + sizeof(int));
            var payload = new ReadOnlySpan<byte>(header + data, cmsgLength - data);
            if (level == SolIp && type == IpPktInfo && payload.Length >= 12)
                return PacketDestination.V4(payload.Slice(8, 4));   // in_pktinfo: ifindex, spec_dst, addr
            if (level == SolIpv6 && type == Ipv6PktInfo && payload.Length >= 20)
                return PacketDestination.V6(payload[..16], MemoryMarshal.Read<uint>(payload.Slice(16, 4)));   // in6_pktinfo: addr, ifindex
            offset += Align(cmsgLength);
        }
        return default;
    }

    private static int WriteSockAddrIn(Span<byte> name, IPEndPoint target)
    {
        name[..16].Clear();
        MemoryMarshal.Write(name, (ushort)AfInet);
        BinaryPrimitives.WriteUInt16BigEndian(name[2..], (ushort)target.Port);
        target.Address.TryWriteBytes(name[4..8], out _);
        return 16;
    }

    /// <summary>sockaddr_in6; an IPv4 target of a dual-stack socket as ::ffff:a.b.c.d.</summary>
    private static int WriteSockAddrIn6(Span<byte> name, IPEndPoint target)
    {
        name[..28].Clear();
        MemoryMarshal.Write(name, (ushort)AfInet6);
        BinaryPrimitives.WriteUInt16BigEndian(name[2..], (ushort)target.Port);
        WriteIpv6(name.Slice(8, 16), target.Address);
        if (target.AddressFamily == AddressFamily.InterNetworkV6)
            MemoryMarshal.Write(name[24..], (uint)target.Address.ScopeId);
        return 28;
    }

    private static void WriteIpv6(Span<byte> destination, IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            destination[10] = 0xFF;
            destination[11] = 0xFF;
            address.TryWriteBytes(destination[12..], out _);
        }
        else
        {
            address.TryWriteBytes(destination, out _);
        }
    }

    /// <summary>in_pktinfo with ipi_spec_dst = the source address; no interface (the route decides).</summary>
    private static int WriteIpPktInfo(byte* control, IPAddress from)
    {
        WriteHeader(control, SolIp, IpPktInfo, 12);
        from.TryWriteBytes(new Span<byte>(control + Align(HeaderSize) + 4, 4), out _);
        return Align(Align(HeaderSize) + 12);
    }

    /// <summary>in6_pktinfo with the source address (IPv4-mapped for an IPv4 peer of a dual-stack socket), and the interface of a link-local one.</summary>
    private static int WriteIpv6PktInfo(byte* control, IPAddress from)
    {
        WriteHeader(control, SolIpv6, Ipv6PktInfo, 20);
        var payload = new Span<byte>(control + Align(HeaderSize), 20);
        WriteIpv6(payload[..16], from);
        if (from.IsIPv6LinkLocal)
            MemoryMarshal.Write(payload[16..], (uint)from.ScopeId);
        return Align(Align(HeaderSize) + 20);
    }

    private static void WriteHeader(byte* control, int level, int type, int payloadLength)
    {
        *(nuint*)control = (nuint)(Align(HeaderSize) + payloadLength);
        *(int*)(control + sizeof(nuint)) = level;
        *(int*)(control + sizeof(nuint) + sizeof(int)) = type;
    }
}
