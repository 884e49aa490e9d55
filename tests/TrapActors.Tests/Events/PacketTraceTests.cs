using System.Net;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Events;

/// <summary>events.packet-trace = on: PacketTraced for every datagram in and out.</summary>
public class PacketTraceTests() : ReceiverSpec("trap-actors.events.packet-trace = on")
{
    [Fact]
    public async Task A_trap_is_traced_as_Incoming()
    {
        var target = await ReceiverEndPointAsync();
        var traces = CreateTestProbe();
        Sys.EventStream.Subscribe(traces.Ref, typeof(PacketTraced));
        var client = NewClient();
        var packet = Packets.V2Trap(requestId: 1);

        await SendAsync(client, packet, target);

        var trace = await traces.ExpectMsgAsync<PacketTraced>();
        Assert.Equal(PacketDirection.Incoming, trace.Direction);
        Assert.Equal(packet, trace.Packet.ToArray());
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, PortOf(client)), trace.Peer);
        await traces.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task An_inform_and_its_response_are_traced_Incoming_then_Outgoing()
    {
        var target = await ReceiverEndPointAsync();
        var traces = CreateTestProbe();
        Sys.EventStream.Subscribe(traces.Ref, typeof(PacketTraced));
        var client = NewClient();
        var packet = Packets.Inform(requestId: 2);

        await SendAsync(client, packet, target);
        var response = await ReceiveAsync(client);

        var incoming = await traces.ExpectMsgAsync<PacketTraced>();
        Assert.Equal(PacketDirection.Incoming, incoming.Direction);
        Assert.Equal(packet, incoming.Packet.ToArray());
        var outgoing = await traces.ExpectMsgAsync<PacketTraced>();
        Assert.Equal(PacketDirection.Outgoing, outgoing.Direction);
        Assert.Equal(response, outgoing.Packet.ToArray());
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, PortOf(client)), outgoing.Peer);
    }

    [Fact]
    public async Task Rejected_datagrams_are_traced_too()
    {
        var target = await ReceiverEndPointAsync();
        var traces = CreateTestProbe();
        Sys.EventStream.Subscribe(traces.Ref, typeof(PacketTraced));

        await SendAsync(NewClient(), [0x01, 0x02, 0x03], target);

        var trace = await traces.ExpectMsgAsync<PacketTraced>();
        Assert.Equal(new byte[] { 1, 2, 3 }, trace.Packet.ToArray());
    }
}

/// <summary>events.packet-trace is off by default: no PacketTraced.</summary>
public class PacketTraceOffTests : ReceiverSpec
{
    [Fact]
    public async Task Nothing_is_traced_by_default()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var traces = CreateTestProbe();
        Sys.EventStream.Subscribe(traces.Ref, typeof(PacketTraced));
        var client = NewClient();

        await SendAsync(client, Packets.Inform(requestId: 3), target);
        await ReceiveAsync(client);
        await this.InformAsync();

        await traces.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.False(TrapReceiverExtension.Get(Sys).Settings.Events.PacketTrace);
    }
}
