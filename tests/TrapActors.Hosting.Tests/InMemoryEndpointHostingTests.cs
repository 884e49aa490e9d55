using System.Net;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Hosting.Tests;

/// <summary>An in-memory endpoint given through the hosting options: the hosted receiver binds nothing and receives from it.</summary>
public class InMemoryEndpointHostingTests
{
    [Fact]
    public async Task A_hosted_receiver_with_an_in_memory_endpoint_binds_no_socket_and_delivers_what_is_injected()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var endpoint = new InMemoryEndpoint();
        await using var host = new TrapHost(o => o.InMemoryEndpoints.Add(endpoint));
        await host.StartAsync();
        var trap = await NetSnmpCapture.FirstDatagramAsync("snmptrap", "-v", "2c", "-c", "public", "TARGET", "1234",
            "1.3.6.1.6.3.1.1.5.3", "1.3.6.1.2.1.2.2.1.1.7", "i", "7");

        var source = new IPEndPoint(IPAddress.Parse("192.0.2.7"), 40007);
        endpoint.Inject(trap, source);

        var received = await host.NextAsync<TrapReceived>(TimeSpan.FromSeconds(10));
        Assert.Equal(source, received.Notification.Origin.Source);
        Assert.Equal("1.3.6.1.6.3.1.1.5.3", received.Notification.TrapOid.ToString());
        var bound = Assert.Single((await host.BoundAsync()).Endpoints);
        Assert.Equal(endpoint.LocalEndPoint, bound.LocalEndPoint);   // the in-memory one, not the udp:127.0.0.1:0 of TrapHost
        Assert.True(endpoint.IsListening);
    }
}
