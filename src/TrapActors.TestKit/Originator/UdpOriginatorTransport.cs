using System.Net;
using System.Net.Sockets;

namespace TrapActors.TestKit;

/// <summary>
/// An <see cref="IOriginatorTransport"/> over a real UDP socket bound to an ephemeral port and connected to the
/// target, so that only the target's datagrams are read back. For a loopback target the socket binds the loopback
/// address of the same family.
/// </summary>
public sealed class UdpOriginatorTransport : IOriginatorTransport
{
    private readonly Socket _socket;

    /// <summary>A socket on an ephemeral port of <paramref name="localAddress"/> (default: loopback for a loopback target, else any), connected to <paramref name="target"/>.</summary>
    public UdpOriginatorTransport(IPEndPoint target, IPAddress? localAddress = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        var ipv6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        localAddress ??= IPAddress.IsLoopback(target.Address)
            ? (ipv6 ? IPAddress.IPv6Loopback : IPAddress.Loopback)
            : (ipv6 ? IPAddress.IPv6Any : IPAddress.Any);
        _socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.Bind(new IPEndPoint(localAddress, 0));
            _socket.Connect(target);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    /// <summary>Where the datagrams go.</summary>
    public IPEndPoint Target { get; }

    /// <summary>The address and port the datagrams come from.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <inheritdoc />
    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default) =>
        await _socket.SendAsync(datagram, SocketFlags.None, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<byte[]?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        var buffer = new byte[65535];
        while (true)
        {
            try
            {
                var received = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token).ConfigureAwait(false);
                return buffer.AsSpan(0, received).ToArray();
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // An ICMP port-unreachable for an earlier datagram: nothing listens (yet); keep waiting until the timeout.
            }
        }
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _socket.Dispose();
}
