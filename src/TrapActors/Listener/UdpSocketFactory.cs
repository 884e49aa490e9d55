using System.Net;
using System.Net.Sockets;

namespace TrapActors.Listener;

/// <summary>Creates and binds the UDP socket for one endpoint, applying the listener settings.</summary>
internal static class UdpSocketFactory
{
    public static Socket Bind(ListenEndpoint endpoint, ListenerSettings settings)
    {
        try
        {
            return BindOnce(endpoint.EndPoint, settings);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && !settings.ForceLocalPort && endpoint.Port != 0)
        {
            return BindOnce(new IPEndPoint(endpoint.Address, 0), settings);
        }
    }

    private static Socket BindOnce(IPEndPoint endPoint, ListenerSettings settings)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
                socket.DualMode = settings.DualStack && endPoint.Address.Equals(IPAddress.IPv6Any);
            if (settings.ShareLocalPort)
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (settings.ReceiveBufferSize > 0)
                SetReceiveBuffer(socket, settings.ReceiveBufferSize);
            if (settings.SendBufferSize > 0)
                socket.SendBufferSize = settings.SendBufferSize;
            if (DatagramReader.IsWildcard(endPoint.Address) && LinuxPacketInfo.IsSupported)
                LinuxPacketInfo.EnableDestinationAddress(socket);
            socket.Bind(endPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private const int SolSocket = 1;
    private const int SoRcvBufForce = 33;

    /// <summary>
    /// SO_RCVBUF is capped by net.core.rmem_max (often 208 KiB); with CAP_NET_ADMIN (root) Linux's SO_RCVBUFFORCE
    /// is not, so it is tried first: a trap storm then waits in the buffer instead of being dropped by the kernel.
    /// </summary>
    private static void SetReceiveBuffer(Socket socket, int size)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(size));
                return;
            }
            catch (SocketException)
            {
                // Not privileged: fall back to the capped option.
            }
        }
        socket.ReceiveBufferSize = size;
    }

    /// <summary>The receive buffer the kernel granted: Linux reports twice the size set (the rest is its bookkeeping).</summary>
    public static int GrantedReceiveBufferSize(Socket socket)
    {
        try
        {
            var reported = socket.ReceiveBufferSize;
            return OperatingSystem.IsLinux() ? reported / 2 : reported;
        }
        catch (SocketException)
        {
            return 0;
        }
    }

    /// <summary>The error code of a socket failure: its Windows Sockets number on every platform (TrapReceiverErrorCodes).</summary>
    public static int ErrorCode(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => TrapReceiverErrorCodes.AddressInUse,
        SocketError.AddressNotAvailable => TrapReceiverErrorCodes.CannotAssignAddress,
        SocketError.AccessDenied => TrapReceiverErrorCodes.AccessDenied,
        _ => (int)e.SocketErrorCode,
    };
}
