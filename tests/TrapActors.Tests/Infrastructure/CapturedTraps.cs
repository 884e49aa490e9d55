using System.Net;
using System.Net.Sockets;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Tests.Infrastructure;

/// <summary>Datagrams as net-snmp's tools send them, caught on a local socket, for tests that replay one from many sources.</summary>
public static class CapturedTraps
{
    /// <summary>One v2c trap (community public, two varbinds) as net-snmp's snmptrap sends it.</summary>
    public static async Task<byte[]> V2cTrapAsync(string trapOid)
    {
        using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var buffer = new byte[65536];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var receive = sink.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
        var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{((IPEndPoint)sink.LocalEndPoint!).Port}", "4242", trapOid,
            "1.3.6.1.2.1.2.2.1.1.3", "i", "3", "1.3.6.1.2.1.2.2.1.2.3", "s", "GigabitEthernet0/3");
        Assert.True(result.ExitCode == 0, result.ToString());
        return buffer[..(await receive).ReceivedBytes];
    }
}
