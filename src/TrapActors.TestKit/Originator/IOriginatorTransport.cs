namespace TrapActors.TestKit;

/// <summary>
/// How a <see cref="NotificationOriginator"/> reaches one receiver: it sends whole datagrams to it and reads the
/// datagrams it answers with (Responses and Reports). <see cref="UdpOriginatorTransport"/> uses a real UDP socket;
/// an in-memory endpoint implements the same two methods to reach a receiver that binds no socket.
/// </summary>
public interface IOriginatorTransport : IDisposable
{
    /// <summary>Sends one datagram to the receiver.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default);

    /// <summary>The next datagram the receiver sent back, or null when none arrives within <paramref name="timeout"/>.</summary>
    ValueTask<byte[]?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}
