using System.Net;
using System.Net.Sockets;

namespace TrapActors.Testing;

/// <summary>
/// The exact bytes a net-snmp tool sends: the tool is pointed at a loopback socket that never answers, and its first
/// datagram is returned. Replaying them from a socket of the test's own (a connected one, say) keeps net-snmp's encoding.
/// </summary>
public static class NetSnmpCapture
{
    /// <summary>
    /// Runs <paramref name="tool"/> with <paramref name="args"/>, where "TARGET" stands for the capturing socket's
    /// 127.0.0.1:port; give the tool <c>-r 0 -t 1</c> so that it gives up soon after.
    /// </summary>
    public static async Task<byte[]> FirstDatagramAsync(string tool, params string[] args)
    {
        using var capture = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        capture.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var target = $"127.0.0.1:{((IPEndPoint)capture.LocalEndPoint!).Port}";
        var run = NetSnmpTools.RunAsync(tool, [.. args.Select(a => a == "TARGET" ? target : a)]);

        var buffer = new byte[65536];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var length = await capture.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
        await run;   // it times out without an answer; its exit code says nothing here
        return buffer[..length];
    }
}
