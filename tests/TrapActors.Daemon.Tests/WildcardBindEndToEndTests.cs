using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// The daemon binds the wildcard address by default (udp:0.0.0.0:162). A sender whose UDP socket is connected to the
/// address it sends to (127.0.0.2, a second loopback address) accepts only an answer from exactly there.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class WildcardBindEndToEndTests
{
    [Fact]
    public async Task An_inform_to_127_0_0_2_is_answered_from_127_0_0_2()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmpinform is required");
        await using var daemon = DaemonProcess.Start("--listen", "udp:0.0.0.0:0", "--format", "json");
        var endpoint = Assert.Single(await daemon.WaitForListeningAsync());
        Assert.StartsWith("0.0.0.0:", endpoint);
        var target = new IPEndPoint(IPAddress.Parse("127.0.0.2"), int.Parse(endpoint["0.0.0.0:".Length..], CultureInfo.InvariantCulture));
        var inform = await NetSnmpCapture.FirstDatagramAsync("snmpinform", "-v", "2c", "-c", "public", "-r", "0", "-t", "1", "TARGET",
            "777", "1.3.6.1.6.3.1.1.5.1", "1.3.6.1.2.1.1.5.0", "s", "connected");
        using var client = new UdpClient(AddressFamily.InterNetwork);
        client.Connect(target);

        await client.SendAsync(inform);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var answer = await client.ReceiveAsync(cts.Token);
        Assert.Equal(target, answer.RemoteEndPoint);
        Assert.True(SnmpMessageDecoder.TryDecode(answer.Buffer, DecodeLimits.Default, out var message, out var error), error.ToString());
        Assert.Equal(PduType.Response, Assert.IsType<CommunityMessage>(message).Pdu.Type);
        Assert.Contains("\"connected\"", Assert.Single(await daemon.ReadStdoutLinesAsync(1, TimeSpan.FromSeconds(60))));
    }
}
