using System.Net;
using Akka.Configuration;
using TrapActors.Diagnostics;
using TrapActors.Security;
using TrapActors.Sessions;
using TrapActors.Subscriptions;
using TrapActors.Tests.Infrastructure;
using TrapActors.Transport;
using Xunit;

namespace TrapActors.Tests.Sessions;

/// <summary>
/// An inform claiming source port 0 (no socket can send from there, so it is spoofed or broken) is delivered but never
/// answered: its Response is not sealed, not sent, and not counted as answered. A session driven directly, since no
/// real sender can use port 0.
/// </summary>
public class PortZeroInformTests() : Akka.TestKit.Xunit2.TestKit(TrapReceiverExtension.DefaultConfig())   // the session mailbox
{
    private readonly ReceiverCounters _counters = new();

    private IActorRef Session(int peerPort)
    {
        var settings = TrapReceiverSettings.Create(ReceiverSpec.Config().WithFallback(TrapReceiverExtension.DefaultConfig()));
        var usm = new UsmRuntime(settings.Usm, new LocalEngine([0x80, 0, 0, 0, 1, 2, 3, 4, 5], 1, 0), TimeProvider.System, new UsmPolicies());
        var diagnostics = new ReceiverDiagnostics(settings.Events, _counters, Sys.EventStream);
        var services = new SessionServices(settings, diagnostics,
            new SecurityServices(new CommunityAuthorizer(["public"], false), usm, new UsmProcessor(usm, settings.Codec), NotificationAccess.FromSettings(settings.Access)),
            new NotificationDelivery(new SubscriptionTable(), new IngressThrottle()));
        var peer = PeerKey.From(new IPEndPoint(IPAddress.Loopback, peerPort));
        return Sys.ActorOf(PeerSessionActor.Props(services, new SessionSpec(peer, new IPEndPoint(IPAddress.Loopback, 162), "udp", TestActor)));
    }

    private static InboundDatagram Inform(int peerPort) =>
        new InboundDatagram(Packets.Inform(requestId: 7), new IPEndPoint(IPAddress.Loopback, peerPort), new IPEndPoint(IPAddress.Loopback, 162), DateTimeOffset.UtcNow)
            .LeasedTo(DatagramLease.Untracked);

    [Fact]
    public async Task An_inform_from_port_0_gets_no_Response()
    {
        Session(0).Tell(Inform(0));

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500));
        Assert.Equal(0, _counters.Snapshot().InformsAnswered);
    }

    [Fact]
    public async Task The_same_inform_from_a_real_port_is_answered()
    {
        Session(40000).Tell(Inform(40000));

        var sent = await ExpectMsgAsync<SendDatagram>(TimeSpan.FromSeconds(10));
        Assert.Equal(40000, sent.Target.Port);
        await AwaitConditionAsync(() => Task.FromResult(_counters.Snapshot().InformsAnswered == 1), TimeSpan.FromSeconds(10));
    }
}
