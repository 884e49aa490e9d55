using System.Net;
using Akka.Actor;
using Akka.Event;
using TrapActors.Tests.Infrastructure;
using TrapActors.Transport;
using Xunit;

namespace TrapActors.Tests.Listener;

/// <summary>
/// The attack: answers that cannot be sent (an address the socket cannot reach, a firewall's EPERM, source port 0)
/// made the UDP listener log a Warning and publish a TrapReceiverErrorOccurred per datagram. Both now go through
/// events.max-log-lines-per-second and events.max-per-second, the rest counted; nothing is sent to port 0 at all.
/// </summary>
public sealed class ListenerSendFailureTests() : ReceiverSpec("trap-actors.events { max-per-second = 3, max-log-lines-per-second = 3 }")
{
    private const int Sends = 200;
    private const int PerSecond = 3;

    [Fact]
    public async Task Failed_answers_are_logged_and_published_within_the_rate_limits_and_port_0_is_never_tried()
    {
        await ReceiverEndPointAsync();
        var listener = (await Sys.ActorSelection("/system/trap-actors/listener-udp-127.0.0.1-0").Ask<ActorIdentity>(new Identify(1), AskTimeout)).Subject;
        Assert.NotNull(listener);
        Sys.EventStream.Subscribe(TestActor, typeof(TrapReceiverErrorOccurred));
        Sys.EventStream.Subscribe(TestActor, typeof(Warning));

        // The listener's socket is IPv4: a send to [::1] fails in the socket call and leaves nothing on the wire.
        for (var i = 0; i < Sends; i++)
            listener.Tell(new SendDatagram([0x30, 0x00], new IPEndPoint(IPAddress.IPv6Loopback, 9)));
        for (var i = 0; i < Sends; i++)
            listener.Tell(new SendDatagram([0x30, 0x00], new IPEndPoint(IPAddress.Loopback, 0)));
        // Handled in order: once the listener answers this, every send above was tried and reported.
        await listener.Ask<ActorIdentity>(new Identify(2), AskTimeout);

        var received = await ReceiveWhileAsync<object>(TimeSpan.FromSeconds(1), m => m, 4 * Sends).ToListAsync();
        var events = received.OfType<TrapReceiverErrorOccurred>().ToList();
        var warnings = received.OfType<Warning>().Count(w => w.Message.ToString()!.Contains("Cannot send"));
        var stats = await StatsAsync();

        // The sends may straddle a window boundary (or two on a slow machine): a few windows' worth at most.
        Assert.InRange(events.Count, 1, 3 * PerSecond);
        Assert.InRange(warnings, 1, 3 * PerSecond);
        Assert.All(events, e => Assert.Contains("[::1]:9", e.Description));
        // Only the [::1] sends failed: the ones to port 0 were never tried.
        Assert.Equal(Sends, events.Count + stats.EventsSuppressed);
        Assert.Equal(Sends, warnings + stats.LogLinesSuppressed);
    }
}
