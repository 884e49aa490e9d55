using System.Net;

namespace TrapActors.Listener;

/// <summary>Where a listener's replies go out: a bound socket that may send from the address a peer's datagram arrived on.</summary>
internal interface IOutboundSocket
{
    /// <summary>Sends <paramref name="data"/> to <paramref name="target"/>, from <paramref name="from"/> where the socket can choose. Throws <see cref="System.Net.Sockets.SocketException"/>.</summary>
    void Send(byte[] data, IPEndPoint target, IPEndPoint? from);
}
