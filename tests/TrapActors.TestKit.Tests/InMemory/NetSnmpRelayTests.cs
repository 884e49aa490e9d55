using System.Net;
using System.Net.Sockets;
using TrapActors.Snmp.Security;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.TestKit.Tests.InMemory;

/// <summary>
/// net-snmp's snmpinform -v 3 authPriv, engine discovery and all, against a receiver that listens only on an in-memory
/// endpoint: the test relays between a loopback socket of its own and the endpoint (Inject one way, Sent the other).
/// </summary>
public sealed class NetSnmpRelayTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly InMemoryEndpoint _endpoint;

    public NetSnmpRelayTests() : this(new InMemoryEndpoint()) { }

    private NetSnmpRelayTests(InMemoryEndpoint endpoint) : base(TrapReceiverTestKitExtensions.Setup(new TrapReceiverSetup
    {
        InMemoryEndpoints = [endpoint],
        Users = [UsmUser.AuthPriv("noc", AuthProtocol.HmacSha256, "noc-auth-pass", PrivProtocol.Aes128, "noc-priv-pass")],
    })) => _endpoint = endpoint;

    [Fact]
    public async Task Snmpinform_v3_authPriv_discovers_the_engine_and_gets_its_Response_through_the_endpoint()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        await this.SubscribeToTrapReceiverAsync();
        await this.ActivateTrapReceiverAsync();
        using var relay = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        relay.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var stop = new CancellationTokenSource();
        var pumps = Task.WhenAll(InjectAsync(relay, stop.Token), ReturnAsync(relay, stop.Token));

        var result = await NetSnmpTools.SnmpInformAsync("-v", "3", "-u", "noc", "-l", "authPriv", "-a", "SHA-256", "-A", "noc-auth-pass",
            "-x", "AES", "-X", "noc-priv-pass", "-r", "2", "-t", "5", $"127.0.0.1:{((IPEndPoint)relay.LocalEndPoint!).Port}",
            "4200", "1.3.6.1.6.3.1.1.5.3");
        await stop.CancelAsync();
        await pumps;

        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        var origin = this.ExpectInform(TimeSpan.FromSeconds(10)).Notification.Origin;
        Assert.Equal(("noc", SecurityLevel.AuthPriv), (origin.User, origin.SecurityLevel));
        Assert.Equal(IPAddress.Loopback, origin.Source.Address);
    }

    /// <summary>Whatever snmpinform sends to the relay is injected with snmpinform's own address as the source.</summary>
    private async Task InjectAsync(Socket relay, CancellationToken stop)
    {
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                var received = await relay.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), stop);
                _endpoint.Inject(buffer.AsSpan(0, received.ReceivedBytes), (IPEndPoint)received.RemoteEndPoint);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Whatever the receiver sends (the Report, the Response) goes back to snmpinform from the relay.</summary>
    private async Task ReturnAsync(Socket relay, CancellationToken stop)
    {
        try
        {
            await foreach (var sent in _endpoint.Sent.ReadAllAsync(stop))
                await relay.SendToAsync(sent.Data, SocketFlags.None, sent.Target, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
