using System.Net;
using System.Net.Sockets;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Activation;

/// <summary>auto-activate = off: nothing is bound until Activate; Deactivate frees the port; Activate binds again.</summary>
public class ActivationTests() : ReceiverSpec("trap-actors.auto-activate = off")
{
    [Fact]
    public async Task Nothing_is_bound_until_Activate_which_replies_the_real_port()
    {
        var before = await Receiver.Ask<BoundEndpoints>(GetBoundEndpoints.Instance, AskTimeout);
        Assert.Empty(before.Endpoints);
        Assert.Empty(before.Failures);
        var listener = await Sys.ActorSelection("/system/trap-actors/listener-udp-127.0.0.1-0").Ask<ActorIdentity>(new Identify(1), AskTimeout);
        Assert.Null(listener.Subject);

        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(TrapListenerBound));
        var bound = await ActivateAsync();

        Assert.True(bound.AllBound);
        var endpoint = Assert.Single(bound.Endpoints);
        Assert.Equal("udp:127.0.0.1:0", endpoint.Configured);
        Assert.Equal("udp", endpoint.Transport);
        Assert.Equal(IPAddress.Loopback, endpoint.LocalEndPoint.Address);
        Assert.NotEqual(0, endpoint.LocalEndPoint.Port); // the ephemeral port, not the configured 0
        Assert.Equal(endpoint, (await events.ExpectMsgAsync<TrapListenerBound>()).Endpoint);
        var now = await Receiver.Ask<BoundEndpoints>(GetBoundEndpoints.Instance, AskTimeout);
        Assert.Equal(endpoint, Assert.Single(now.Endpoints));

        // The OS agrees that the port is taken.
        var clash = Assert.Throws<SocketException>(() => new UdpClient(endpoint.LocalEndPoint).Dispose());
        Assert.Equal(SocketError.AddressAlreadyInUse, clash.SocketErrorCode);
    }

    [Fact]
    public async Task Subscriptions_made_before_Activate_receive_the_first_trap()
    {
        await SubscribeAsync(TestActor);
        var target = await ReceiverEndPointAsync();

        await SendAsync(NewClient(), Packets.V2Trap(requestId: 1), target);

        await this.TrapWithIdAsync(1);
    }

    [Fact]
    public async Task Activate_twice_replies_the_same_endpoints()
    {
        var first = await ActivateAsync();
        var second = await ActivateAsync();
        Assert.Equal(Assert.Single(first.Endpoints), Assert.Single(second.Endpoints));
    }

    [Fact]
    public async Task Deactivate_frees_the_port_and_Activate_binds_again()
    {
        await SubscribeAsync(TestActor);
        var first = await ReceiverEndPointAsync();
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(TrapListenerUnbound));

        var reply = await Receiver.Ask<Deactivated>(Deactivate.Instance, AskTimeout);

        Assert.Same(Deactivated.Instance, reply);
        Assert.Equal(first, (await events.ExpectMsgAsync<TrapListenerUnbound>()).Endpoint.LocalEndPoint);
        Assert.Empty((await Receiver.Ask<BoundEndpoints>(GetBoundEndpoints.Instance, AskTimeout)).Endpoints);
        using (var squatter = new UdpClient(first)) // the port is free again
            Assert.Equal(first.Port, PortOf(squatter));

        var second = await ReceiverEndPointAsync();
        await SendAsync(NewClient(), Packets.V2Trap(requestId: 2), second);
        await this.TrapWithIdAsync(2);
    }

    [Fact]
    public async Task Nothing_is_received_while_deactivated()
    {
        await SubscribeAsync(TestActor);
        var target = await ReceiverEndPointAsync();
        await Receiver.Ask<Deactivated>(Deactivate.Instance, AskTimeout);

        await SendAsync(NewClient(), Packets.V2Trap(requestId: 3), target);

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, (await StatsAsync()).Received);
    }

    [Fact]
    public async Task Deactivate_when_nothing_is_bound_replies_at_once()
    {
        var reply = await Receiver.Ask<Deactivated>(Deactivate.Instance, AskTimeout);
        Assert.Same(Deactivated.Instance, reply);
    }

    [Fact]
    public async Task Deactivate_stops_the_sessions()
    {
        await SubscribeAsync(TestActor);
        var target = await ReceiverEndPointAsync();
        await SendAsync(NewClient(), Packets.V2Trap(requestId: 4), target);
        await this.TrapWithIdAsync(4);
        Assert.Equal(1, (await StatsAsync()).ActiveSessions);

        await Receiver.Ask<Deactivated>(Deactivate.Instance, AskTimeout);

        await AwaitStatsAsync(s => s.ActiveSessions == 0, "sessions stopped with their listener");
    }

    [Fact]
    public async Task Activate_sent_right_after_Deactivate_leaves_the_receiver_bound()
    {
        await SubscribeAsync(TestActor);
        await ReceiverEndPointAsync();

        Receiver.Tell(Deactivate.Instance); // not awaited: the commands are processed in order
        var reply = await ActivateAsync();
        await ExpectMsgAsync<Deactivated>();

        var bound = Assert.Single(reply.Endpoints).LocalEndPoint;
        var now = await Receiver.Ask<BoundEndpoints>(GetBoundEndpoints.Instance, AskTimeout);
        Assert.Equal(bound, Assert.Single(now.Endpoints).LocalEndPoint);
        await SendAsync(NewClient(), Packets.V2Trap(requestId: 8), bound);
        await this.TrapWithIdAsync(8);
    }

    [Fact]
    public async Task SetAcceptData_false_before_Activate_starts_the_listener_paused()
    {
        await SubscribeAsync(TestActor);
        await Receiver.Ask<AcceptDataSet>(new SetAcceptData(false), AskTimeout);
        var target = await ReceiverEndPointAsync();

        await SendAsync(NewClient(), Packets.V2Trap(requestId: 9), target);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        await Receiver.Ask<AcceptDataSet>(new SetAcceptData(true), AskTimeout);
        await this.TrapWithIdAsync(9);
    }
}
