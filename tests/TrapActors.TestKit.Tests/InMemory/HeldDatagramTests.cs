using System.Net;
using Akka.Actor;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.TestKit.Tests.InMemory;

/// <summary>Datagrams injected while no receiver listens on the endpoint wait for one.</summary>
public sealed class HeldDatagramTests() : InMemoryReceiverSpec("trap-actors.auto-activate = off")
{
    [Fact]
    public async Task A_trap_injected_before_activation_is_delivered_once_the_receiver_listens()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        await SubscribeAsync(TestActor);
        var trap = await NetSnmpV2cTrapAsync();

        Endpoint.Inject(trap, new IPEndPoint(IPAddress.Loopback, 40003));
        Assert.False(Endpoint.IsListening);
        Assert.Equal(1, Endpoint.Held);

        await ActivateAsync();

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40003), ExpectMsg<TrapReceived>(Timeout).Notification.Origin.Source);
        Assert.Equal(0, Endpoint.Held);
    }

    [Fact]
    public async Task Deactivate_stops_listening_on_the_endpoint()
    {
        await ActivateAsync();
        Assert.True(Endpoint.IsListening);

        await Receiver.Ask<Deactivated>(Deactivate.Instance, Timeout);

        Assert.False(Endpoint.IsListening);
    }
}
