using System.Net;
using System.Net.Sockets;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// Any host that passes the cookie exchange causes DTLS status and refusal events, one or two per handshake: they go
/// through events.max-per-second like the other per-datagram events, the rest counted in EventsSuppressed (decision 0029).
/// </summary>
public sealed class DtlsEventRateLimitTests() : DtlsReceiverSpec(_ => $$"""
    trap-actors.events.max-per-second = 5
    trap-actors.dtls { handshake-timeout = 60s, max-handshakes-per-address = {{PerAddress}} }
    """)
{
    private const int PerAddress = 2;
    private const int Stalled = 60;
    private static readonly TimeSpan Reply = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_flood_of_stalled_handshakes_publishes_a_bounded_number_of_DtlsStatus_events_and_counts_the_rest()
    {
        var server = await DtlsEndPointAsync();
        var statuses = EventProbe(typeof(DtlsStatus), typeof(DtlsAssociationRefused));
        var address = IPAddress.Parse("127.0.0.2");
        var clients = Enumerable.Range(0, Stalled).Select(_ => Track(new UdpClient(new IPEndPoint(address, 0)))).ToArray();

        await Task.WhenAll(clients.Select(c => RawDtls.PassCookieAndStallAsync(c, server, Reply)));

        var stats = await AwaitStatsAsync(s => s.Dtls.Handshakes == Stalled && s.Dtls.Active == PerAddress,
            "every displaced handshake ended", TimeSpan.FromSeconds(20));
        Assert.Equal(Stalled - PerAddress, stats.Dtls.HandshakesEvicted);
        // One "handshake started" per handshake and one "handshake abandoned" per displaced one; nothing else takes from the limit.
        const int produced = Stalled + (Stalled - PerAddress);
        Assert.InRange(stats.EventsSuppressed, 1, produced - 1);
        var published = produced - (int)stats.EventsSuppressed;
        var received = new List<object>();
        for (var i = 0; i < published; i++)
            received.Add(await statuses.ExpectMsgAsync<DtlsStatus>(TimeSpan.FromSeconds(5)));
        await statuses.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.All(received, e => Assert.Equal(address, ((DtlsStatus)e).Peer.Address));
    }
}
