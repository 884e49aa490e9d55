using System.Net;
using System.Net.Sockets;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Subscriptions;

/// <summary>TrapFilter.BySource, on a receiver listening on both loopbacks (127.0.0.1 and ::1).</summary>
public class SourceFilterTests() : ReceiverSpec("""trap-actors.listener.endpoints = ["udp:127.0.0.1:0", "udp:[::1]:0"]""")
{
    [Fact]
    public async Task Each_subscriber_gets_only_the_sources_it_selected()
    {
        var v4Target = await ReceiverEndPointAsync(AddressFamily.InterNetwork);
        var v6Target = await ReceiverEndPointAsync(AddressFamily.InterNetworkV6);
        var v4 = CreateTestProbe();
        var v6 = CreateTestProbe();
        var elsewhere = CreateTestProbe();
        await SubscribeAsync(v4.Ref, TrapFilter.BySource(IPAddress.Loopback));
        await SubscribeAsync(v6.Ref, TrapFilter.BySource(IPAddress.IPv6Loopback));
        await SubscribeAsync(elsewhere.Ref, TrapFilter.BySource(IPAddress.Parse("192.0.2.99"), IPAddress.Parse("2001:db8::1")));

        await SendAsync(NewClient(), Packets.V2Trap(requestId: 4), v4Target);
        await SendAsync(NewClient(AddressFamily.InterNetworkV6), Packets.V2Trap(requestId: 6), v6Target);

        var fromV4 = await v4.TrapWithIdAsync(4);
        Assert.Equal(IPAddress.Loopback, fromV4.Origin.Source.Address);
        var fromV6 = await v6.TrapWithIdAsync(6);
        Assert.Equal(IPAddress.IPv6Loopback, fromV6.Origin.Source.Address);
        await v4.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        await v6.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        await elsewhere.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task An_ipv4_mapped_filter_address_matches_the_ipv4_source()
    {
        var target = await ReceiverEndPointAsync(AddressFamily.InterNetwork);
        await SubscribeAsync(TestActor, TrapFilter.BySource(IPAddress.Parse("::ffff:127.0.0.1")));

        await SendAsync(NewClient(), Packets.V2Trap(requestId: 9), target);

        await this.TrapWithIdAsync(9);
    }

    [Fact]
    public async Task A_source_filter_combines_with_a_trap_oid_filter()
    {
        var target = await ReceiverEndPointAsync(AddressFamily.InterNetwork);
        await SubscribeAsync(TestActor, TrapFilter.BySource(IPAddress.Loopback).AndTrapOid("1.3.6.1.4.1.7"));
        var client = NewClient();

        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.8.1", requestId: 1), target);
        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.7.1", requestId: 2), target);

        await this.TrapWithIdAsync(2);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }
}
