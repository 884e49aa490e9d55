using System.Net;
using System.Net.Sockets;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Activation;

/// <summary>A port already taken: force-local-port = on fails with 10048; off falls back to an ephemeral port.</summary>
public class BindFailureTests : ReceiverSpec
{
    private UdpClient Occupy() => NewClient();

    [Fact]
    public async Task A_taken_port_is_reported_as_one_failure_with_error_10048()
    {
        var port = PortOf(Occupy());
        using var other = new ExtraSystem($$"""trap-actors { auto-activate = off, listener.endpoints = ["udp:127.0.0.1:{{port}}"] }""");
        var events = CreateTestProbe(other.System);
        other.System.EventStream.Subscribe(events.Ref, typeof(TrapListenerBindFailed));

        var reply = await other.ActivateAsync();

        Assert.False(reply.AllBound);
        Assert.Empty(reply.Endpoints);
        var failure = Assert.Single(reply.Failures);
        Assert.Equal(TrapReceiverErrorCodes.AddressInUse, failure.ErrorCode);
        Assert.Equal(10048, failure.ErrorCode);
        Assert.Equal($"udp:127.0.0.1:{port}", failure.Configured);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Reason);
        Assert.Equal(failure, await events.ExpectMsgAsync<TrapListenerBindFailed>());
        var later = await other.Receiver.Ask<BoundEndpoints>(GetBoundEndpoints.Instance, AskTimeout);
        Assert.Single(later.Failures);
    }

    [Fact]
    public async Task Activate_retries_after_a_failure_once_the_port_is_free()
    {
        // On an address of its own: once freed, the port is not taken by another test binding 127.0.0.1:0 meanwhile.
        var address = FreeLoopbackEndPoint.RandomAddress();
        var occupant = new UdpClient(new IPEndPoint(address, 0));
        var port = PortOf(occupant);
        using var other = new ExtraSystem($$"""trap-actors { auto-activate = off, listener.endpoints = ["udp:{{address}}:{{port}}"] }""");
        Assert.False((await other.ActivateAsync()).AllBound);
        occupant.Dispose();

        var retry = await other.ActivateAsync();

        Assert.True(retry.AllBound, string.Join("; ", retry.Failures));
        Assert.Equal(port, Assert.Single(retry.Endpoints).LocalEndPoint.Port);
    }

    [Fact]
    public async Task With_force_local_port_off_a_taken_port_falls_back_to_an_ephemeral_port()
    {
        var port = PortOf(Occupy());
        using var other = new ExtraSystem($$"""trap-actors { auto-activate = off, listener { endpoints = ["udp:127.0.0.1:{{port}}"], force-local-port = off } }""");

        var reply = await other.ActivateAsync();

        Assert.True(reply.AllBound, string.Join("; ", reply.Failures));
        var endpoint = Assert.Single(reply.Endpoints);
        Assert.NotEqual(port, endpoint.LocalEndPoint.Port);
        Assert.NotEqual(0, endpoint.LocalEndPoint.Port);
        Assert.Equal($"udp:127.0.0.1:{port}", endpoint.Configured);

        var probe = CreateTestProbe(other.System);
        await other.Receiver.Ask<Subscribed>(new Subscribe(probe.Ref), AskTimeout);
        await SendAsync(NewClient(), Packets.V2Trap(requestId: 5), endpoint.LocalEndPoint);
        await probe.TrapWithIdAsync(5);
    }

    [Fact]
    public async Task With_auto_activate_a_taken_port_is_published_as_TrapListenerBindFailed()
    {
        var port = PortOf(Occupy());
        using var other = new ExtraSystem($$"""trap-actors.listener.endpoints = ["udp:127.0.0.1:{{port}}"]""");
        var events = CreateTestProbe(other.System);
        other.System.EventStream.Subscribe(events.Ref, typeof(TrapListenerBindFailed));

        _ = other.Receiver; // starts the extension, which binds at once

        Assert.Equal(10048, (await events.ExpectMsgAsync<TrapListenerBindFailed>()).ErrorCode);
    }
}

/// <summary>share-local-port = on: two receivers (two ActorSystems) bind the same port.</summary>
public class ShareLocalPortTests() : ReceiverSpec("trap-actors.listener.share-local-port = on")
{
    [Fact]
    public async Task Two_systems_bind_the_same_port_without_error()
    {
        var port = (await ReceiverEndPointAsync()).Port;
        using var other = new ExtraSystem($$"""trap-actors.listener { endpoints = ["udp:127.0.0.1:{{port}}"], share-local-port = on }""");

        var reply = await other.ActivateAsync();

        Assert.True(reply.AllBound, string.Join("; ", reply.Failures));
        Assert.Equal(port, Assert.Single(reply.Endpoints).LocalEndPoint.Port);
    }

    [Fact]
    public async Task Without_share_local_port_the_second_bind_fails()
    {
        var port = (await ReceiverEndPointAsync()).Port;
        using var other = new ExtraSystem($$"""trap-actors.listener { endpoints = ["udp:127.0.0.1:{{port}}"], share-local-port = off }""");

        var reply = await other.ActivateAsync();

        Assert.Equal(10048, Assert.Single(reply.Failures).ErrorCode);
    }
}
