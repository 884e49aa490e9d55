using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>Two daemon processes in one cluster on loopback: traps sent to the receiver node print on the subscriber node.</summary>
[Collection(DaemonCollection.Name)]
public sealed partial class ClusterDaemonTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A free TCP port for Akka.Remote (a seed address must be known before the node starts).</summary>
    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task TrapAsync(int port, string text)
    {
        var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{port}", "", "1.3.6.1.4.1.8072.2.3.0.1",
            "1.3.6.1.4.1.8072.9999.1.2", "s", text);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public Task A_trap_sent_to_the_receiver_node_is_printed_by_the_subscriber_node() => TrapThroughTwoNodesAsync([], []);

    [Fact]
    public async Task With_cluster_TLS_a_trap_sent_to_the_receiver_node_is_printed_by_the_subscriber_node()
    {
        using var pki = new ClusterPki();
        string[] Tls(string name)
        {
            var (certificate, key) = pki.WriteNodePem(ClusterPki.Node(pki.ClusterCa, name), name);
            return ["--cluster-cert", certificate, "--cluster-key", key, "--cluster-ca", pki.ClusterCaFile];
        }
        await TrapThroughTwoNodesAsync(Tls("receiver"), Tls("subscriber"));
    }

    private static async Task TrapThroughTwoNodesAsync(string[] receiverOptions, string[] subscriberOptions)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var seedPort = FreeTcpPort();
        await using var receiver = DaemonProcess.Start(["--listen", "udp:127.0.0.1:0", "--cluster-port", $"{seedPort}", "--role", "receiver", .. receiverOptions]);
        var port = await receiver.WaitForPortAsync(Timeout);
        await receiver.WaitForStderrAsync(PublishingLine(), Timeout);
        await using var subscriber = DaemonProcess.Start(["--cluster-port", $"{FreeTcpPort()}", "--seed-node", $"127.0.0.1:{seedPort}",
            "--role", "subscriber", "--format", "json", .. subscriberOptions]);
        await subscriber.WaitForStderrAsync(SubscribedLine(), Timeout);

        // Gossip makes the new subscriber known on the receiver node within a few seconds: warm up until one arrives.
        var arrived = false;
        for (var attempt = 0; attempt < 30 && !arrived; attempt++)
        {
            await TrapAsync(port, "warm-up");
            try
            {
                await subscriber.ReadStdoutLinesAsync(1, TimeSpan.FromSeconds(1));
                arrived = true;
            }
            catch (TimeoutException)
            {
            }
        }
        Assert.True(arrived, "no warm-up trap reached the subscriber node");

        await TrapAsync(port, "hello cluster");
        JsonElement line;
        do
            line = JsonDocument.Parse((await subscriber.ReadStdoutLinesAsync(1, Timeout))[0]).RootElement;
        while (!line.GetRawText().Contains("hello cluster", StringComparison.Ordinal));

        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.1", line.GetProperty("trapOid").GetString());
        Assert.Equal("v2c", line.GetProperty("version").GetString());
        Assert.Empty(receiver.StdoutLines);   // a receiver node without --format prints nothing itself
        Assert.Equal(0, await subscriber.StopAsync());
        Assert.Equal(0, await receiver.StopAsync());
        Assert.True(receiver.FinalStats().GetProperty("delivered").GetInt64() >= 2);
    }

    [GeneratedRegex("^publishing cluster topic trap-actors$")]
    private static partial Regex PublishingLine();

    [GeneratedRegex("^subscribed cluster topic trap-actors$")]
    private static partial Regex SubscribedLine();
}
