using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TrapActors.Snmp.Messages;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Hosting.Tests;

/// <summary>The receiver in a generic host: start, registry, real traps, filters.</summary>
public class HostingTests
{
    private static async Task SnmpTrapAsync(IPEndPoint target, string trapOid, params string[] varBinds)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var result = await NetSnmpTools.SnmpTrapAsync(["-v", "2c", "-c", "public", $"127.0.0.1:{target.Port}", "321", trapOid, .. varBinds]);
        Assert.True(result.ExitCode == 0, $"snmptrap: {result}");
    }

    [Fact]
    public async Task The_host_starts_the_registry_resolves_and_a_real_snmptrap_reaches_the_subscriber()
    {
        await using var host = new TrapHost();
        await host.StartAsync();

        var receiver = await host.Host.Services.GetRequiredService<IRequiredActor<TrapReceiver>>().GetAsync();
        Assert.Equal(TrapReceiverExtension.Get(host.System).Receiver, receiver);
        var subscriber = await host.Host.Services.GetRequiredService<IRequiredActor<SinkSubscriber>>().GetAsync();
        Assert.NotEqual(ActorRefs.Nobody, subscriber);

        var bound = await host.BoundAsync(); // bound during start
        Assert.True(bound.AllBound);
        var endpoint = Assert.Single(bound.Endpoints).LocalEndPoint;
        Assert.Equal(IPAddress.Loopback, endpoint.Address);
        Assert.NotEqual(0, endpoint.Port);

        await SnmpTrapAsync(endpoint, "1.3.6.1.4.1.8072.2.3.0.1", "1.3.6.1.4.1.8072.9999.5.1", "s", "via host");

        var trap = await host.NextAsync<TrapReceived>();
        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.1", trap.Notification.TrapOid.ToString());
        Assert.Equal(SnmpVersion.V2c, trap.Notification.Origin.Version);
        Assert.Equal("via host", System.Text.Encoding.UTF8.GetString(
            trap.Notification.ValueOf(Oid.Parse("1.3.6.1.4.1.8072.9999.5.1"))!.Value.AsBytes().Span));
    }

    [Fact]
    public async Task The_filter_given_to_WithTrapSubscriber_applies()
    {
        await using var host = new TrapHost(filter: TrapFilter.ByTrapOid("1.3.6.1.4.1.8072.2.3.0.1"));
        await host.StartAsync();
        var endpoint = await host.EndPointAsync();

        await SnmpTrapAsync(endpoint, "1.3.6.1.4.1.8072.2.3.0.9");
        await SnmpTrapAsync(endpoint, "1.3.6.1.4.1.8072.2.3.0.1");

        var trap = await host.NextAsync<TrapReceived>();
        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.1", trap.Notification.TrapOid.ToString());
        Assert.True(await host.NothingWithinAsync(TimeSpan.FromMilliseconds(200)));
        var stats = await host.StatsAsync();
        Assert.Equal(1, stats.Dropped[DropReason.NoSubscriber]);
        Assert.Equal(1, stats.Delivered);
    }

    [Fact]
    public async Task A_community_outside_the_options_is_rejected()
    {
        await using var host = new TrapHost();
        await host.StartAsync();
        var endpoint = await host.EndPointAsync();

        var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "private", $"127.0.0.1:{endpoint.Port}", "1", "1.3.6.1.4.1.8072.2.3.0.1");

        Assert.Equal(0, result.ExitCode);
        Assert.True(await host.NothingWithinAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(1, (await host.StatsAsync()).Dropped[DropReason.UnknownCommunity]);
    }

    [Fact]
    public async Task A_port_in_use_makes_StartAsync_throw_TrapReceiverBindException()
    {
        using var occupant = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)occupant.Client.LocalEndPoint!).Port;
        await using var host = new TrapHost(o =>
        {
            o.Endpoints.Clear();
            o.Endpoints.Add($"udp:127.0.0.1:{port}");
        });

        var e = await Assert.ThrowsAsync<TrapReceiverBindException>(host.StartAsync);

        var failure = Assert.Single(e.Failures);
        Assert.Equal(10048, failure.ErrorCode);
        Assert.Equal($"udp:127.0.0.1:{port}", failure.Configured);
    }

    [Fact]
    public async Task With_FailOnBindError_off_the_host_starts_and_reports_the_failure()
    {
        using var occupant = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)occupant.Client.LocalEndPoint!).Port;
        await using var host = new TrapHost(o =>
        {
            o.Endpoints.Clear();
            o.Endpoints.Add($"udp:127.0.0.1:{port}");
            o.FailOnBindError = false;
        });

        await host.StartAsync();

        var bound = await host.BoundAsync();
        Assert.Empty(bound.Endpoints);
        Assert.Equal(10048, Assert.Single(bound.Failures).ErrorCode);
    }

    [Fact]
    public async Task With_Activate_off_nothing_is_bound_until_the_receiver_is_sent_Activate()
    {
        await using var host = new TrapHost(o => o.Activate = false);
        await host.StartAsync();

        Assert.Empty((await host.BoundAsync()).Endpoints);
        var reply = await (await host.ReceiverAsync()).Ask<BoundEndpoints>(Activate.Instance, TimeSpan.FromSeconds(5));
        var endpoint = Assert.Single(reply.Endpoints).LocalEndPoint;

        await SnmpTrapAsync(endpoint, "1.3.6.1.4.1.8072.2.3.0.1");
        await host.NextAsync<TrapReceived>();
    }

    [Fact]
    public async Task The_port_and_bind_address_shorthand_gives_one_endpoint()
    {
        await using var host = new TrapHost(o =>
        {
            o.Endpoints.Clear();
            o.Port = 0;
            o.BindAddress = "127.0.0.1";
        });
        await host.StartAsync();

        var endpoint = Assert.Single(host.Settings.Listener.Endpoints);
        Assert.Equal("udp:127.0.0.1:0", endpoint.ToString());
        Assert.NotEqual(0, (await host.EndPointAsync()).Port);
    }

    [Fact]
    public async Task An_invalid_endpoint_in_the_options_is_refused()
    {
        await using var host = new TrapHost(o => o.Endpoints.Add("udp:nowhere:162"));

        var e = await Record.ExceptionAsync(host.StartAsync);

        Assert.IsType<ArgumentException>(e, exactMatch: false);
        Assert.Contains("nowhere", e!.Message);
    }
}
