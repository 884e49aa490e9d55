using System.Net;
using System.Net.Sockets;

namespace TrapActors.Testing;

/// <summary>
/// A free port on a loopback address of its own (127.x.y.z, chosen at random), for a tool that cannot bind port 0 and
/// report what it got: the port found free is then not taken by another test before the tool binds it.
/// </summary>
internal static class FreeLoopbackEndPoint
{
    /// <summary>A loopback address other than 127.0.0.1, chosen at random: ports bound on it are not wanted by tests that bind 127.0.0.1:0.</summary>
    public static IPAddress RandomAddress() =>
        new([127, (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(0, 256), (byte)Random.Shared.Next(2, 255)]);

    public static IPEndPoint Find(ProtocolType protocol)
    {
        var address = RandomAddress();
        using var probe = new Socket(AddressFamily.InterNetwork, protocol == ProtocolType.Tcp ? SocketType.Stream : SocketType.Dgram, protocol);
        probe.Bind(new IPEndPoint(address, 0));
        return (IPEndPoint)probe.LocalEndPoint!;
    }
}
