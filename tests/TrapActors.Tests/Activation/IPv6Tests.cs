using System.Net;
using System.Net.Sockets;
using TrapActors.Snmp.Messages;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Activation;

/// <summary>An IPv6 loopback endpoint.</summary>
public class IPv6LoopbackTests() : ReceiverSpec("""trap-actors.listener.endpoints = ["udp:[::1]:0"]""")
{
    [Fact]
    public async Task A_trap_from_an_ipv6_client_is_delivered()
    {
        var target = await ReceiverEndPointAsync(AddressFamily.InterNetworkV6);
        Assert.Equal(IPAddress.IPv6Loopback, target.Address);
        await SubscribeAsync(TestActor);
        var client = NewClient(AddressFamily.InterNetworkV6);

        await SendAsync(client, Packets.V2Trap(requestId: 6), target);

        var n = await this.TrapWithIdAsync(6);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, PortOf(client)), n.Origin.Source);
        Assert.Equal(target, n.Origin.LocalEndPoint);
        var session = await Sys.ActorSelection($"/system/trap-actors/listener-udp-::1-0/peer-::1-{PortOf(client)}").Ask<ActorIdentity>(new Identify(1), AskTimeout);
        Assert.NotNull(session.Subject);
    }

    [Fact]
    public async Task An_ipv6_inform_is_answered_over_ipv6()
    {
        var target = await ReceiverEndPointAsync(AddressFamily.InterNetworkV6);
        var client = NewClient(AddressFamily.InterNetworkV6);

        await SendAsync(client, Packets.Inform(requestId: 66), target);

        Assert.Equal(66, Packets.DecodeCommunity(await ReceiveAsync(client)).Pdu.RequestId);
    }
}

/// <summary>Dual stack: udp:[::]:0 receives IPv4 too, and reports IPv4 sources as IPv4 addresses.</summary>
public class DualStackTests() : ReceiverSpec("""trap-actors.listener { endpoints = ["udp:[::]:0"], dual-stack = on }""")
{
    private async Task<int> PortAsync() => (await ReceiverEndPointAsync(AddressFamily.InterNetworkV6)).Port;

    [Fact]
    public async Task A_trap_from_127_0_0_1_has_an_ipv4_source()
    {
        var port = await PortAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();

        await SendAsync(client, Packets.V2Trap(requestId: 4), new IPEndPoint(IPAddress.Loopback, port));

        var n = await this.TrapWithIdAsync(4);
        Assert.Equal(AddressFamily.InterNetwork, n.Origin.Source.AddressFamily);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, PortOf(client)), n.Origin.Source);
    }

    [Fact]
    public async Task A_source_filter_on_127_0_0_1_matches_on_a_dual_stack_listener()
    {
        var port = await PortAsync();
        await SubscribeAsync(TestActor, TrapFilter.BySource(IPAddress.Loopback));

        await SendAsync(NewClient(), Packets.V2Trap(requestId: 5), new IPEndPoint(IPAddress.Loopback, port));

        await this.TrapWithIdAsync(5);
    }

    [Fact]
    public async Task The_BadPacketReceived_source_is_ipv4_too()
    {
        var port = await PortAsync();
        var bad = CreateTestProbe();
        Sys.EventStream.Subscribe(bad.Ref, typeof(BadPacketReceived));
        var client = NewClient();

        await SendAsync(client, [0xDE, 0xAD], new IPEndPoint(IPAddress.Loopback, port));

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, PortOf(client)), (await bad.ExpectMsgAsync<BadPacketReceived>()).Source);
    }

    [Fact]
    public async Task Ipv6_clients_are_received_as_well()
    {
        var port = await PortAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient(AddressFamily.InterNetworkV6);

        await SendAsync(client, Packets.V2Trap(requestId: 6), new IPEndPoint(IPAddress.IPv6Loopback, port));

        Assert.Equal(IPAddress.IPv6Loopback, (await this.TrapWithIdAsync(6)).Origin.Source.Address);
    }

    [Fact]
    public async Task An_inform_from_an_ipv4_client_is_answered()
    {
        var port = await PortAsync();
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 44), new IPEndPoint(IPAddress.Loopback, port));

        var response = Packets.DecodeCommunity(await ReceiveAsync(client));
        Assert.Equal((PduType.Response, 44), (response.Pdu.Type, response.Pdu.RequestId));
    }
}

/// <summary>dual-stack = off: an IPv6 wildcard endpoint receives IPv6 only.</summary>
public class IPv6OnlyTests() : ReceiverSpec("""trap-actors.listener { endpoints = ["udp:[::]:0"], dual-stack = off }""")
{
    [Fact]
    public async Task Ipv4_datagrams_do_not_arrive()
    {
        var port = (await ReceiverEndPointAsync(AddressFamily.InterNetworkV6)).Port;
        await SubscribeAsync(TestActor);

        await SendAsync(NewClient(), Packets.V2Trap(requestId: 1), new IPEndPoint(IPAddress.Loopback, port));
        await SendAsync(NewClient(AddressFamily.InterNetworkV6), Packets.V2Trap(requestId: 2), new IPEndPoint(IPAddress.IPv6Loopback, port));

        await this.TrapWithIdAsync(2);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }
}
