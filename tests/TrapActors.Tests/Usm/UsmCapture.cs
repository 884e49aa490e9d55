using System.Net;
using System.Net.Sockets;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>Captures what net-snmp sends: the tool is pointed at a plain UDP socket of the test, and the first datagram kept.</summary>
internal static class UsmCapture
{
    /// <summary>Runs <paramref name="tool"/> (snmptrap or snmpinform) with <paramref name="args"/> followed by the socket's address; returns its first datagram.</summary>
    public static async Task<byte[]> CaptureAsync(string tool, IEnumerable<string> args, params string[] after)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = $"127.0.0.1:{((IPEndPoint)socket.Client.LocalEndPoint!).Port}";
        var run = NetSnmpTools.RunAsync(tool, [.. UsmTestData.NoPersistentState, .. args, target, .. after], TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var captured = (await socket.ReceiveAsync(cts.Token)).Buffer;
        await run; // snmpinform gives up (no Response ever comes); snmptrap exits 0
        return captured;
    }

    /// <summary>
    /// Runs <paramref name="tool"/> through a relay to <paramref name="receiver"/>: what the tool sends is forwarded from one
    /// socket of the test and the answers go back, so net-snmp synchronizes with the receiver as usual. Returns the tool's
    /// result and every datagram it sent, in order (the last one is the message the receiver answered).
    /// </summary>
    public static async Task<(ToolResult Result, List<byte[]> Sent)> RelayAsync(string tool, IEnumerable<string> args, IPEndPoint receiver, params string[] after)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        using var toolSide = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var receiverSide = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = $"127.0.0.1:{((IPEndPoint)toolSide.Client.LocalEndPoint!).Port}";
        var sent = new List<byte[]>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        IPEndPoint? toolEndPoint = null;
        var back = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                var answer = await receiverSide.ReceiveAsync(cts.Token);
                if (toolEndPoint is { } to)
                    await toolSide.SendAsync(answer.Buffer, to, cts.Token);
            }
        });
        var forth = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                var request = await toolSide.ReceiveAsync(cts.Token);
                toolEndPoint = request.RemoteEndPoint;
                lock (sent)
                    sent.Add(request.Buffer);
                await receiverSide.SendAsync(request.Buffer, receiver, cts.Token);
            }
        });
        var result = await NetSnmpTools.RunAsync(tool, [.. UsmTestData.NoPersistentState, .. args, target, .. after], TimeSpan.FromSeconds(30));
        await cts.CancelAsync();
        await Task.WhenAll(back, forth).ContinueWith(_ => { }, TaskScheduler.Default);
        lock (sent)
            return (result, [.. sent]);
    }
}
