using System.Net;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// Spoofed sources (RFC 6347 §4.2.1): ClientHellos without a cookie, each from its own source port, only ever get a
/// stateless HelloVerifyRequest. A spoofer never sees the cookie, so it never gets further: no association actor,
/// no handshake, and real peers are not crowded out.
/// </summary>
public class DtlsSpoofTests() : DtlsReceiverSpec()
{
    private const int SpoofedSources = 500;
    private const int Batch = 50;   // bounded bursts: the test is about state, not about the socket buffer

    [Fact]
    public async Task Cookie_less_ClientHellos_from_500_source_ports_create_no_association()
    {
        var server = await DtlsEndPointAsync();
        await SubscribeAsync(TestActor);
        var ports = new HashSet<int>();

        for (var sent = 0; sent < SpoofedSources; sent += Batch)
        {
            var clients = Enumerable.Range(0, Batch).Select(_ => NewClient()).ToArray();   // kept open: every port stays distinct
            foreach (var client in clients)
                Assert.True(ports.Add(PortOf(client)));
            var cookies = await Task.WhenAll(clients.Select(c => RawDtls.RequestCookieAsync(c, server, RawDtls.NewRandom(), TimeSpan.FromSeconds(5))));
            Assert.All(cookies, c => Assert.True(c is { Length: > 0 }, "a cookie-less ClientHello got no HelloVerifyRequest"));
        }

        Assert.Equal(SpoofedSources, ports.Count);
        var stats = await AwaitDtlsAsync(s => s.HelloVerifyRequests == SpoofedSources, "a HelloVerifyRequest for each");
        Assert.Equal(0, stats.Handshakes);
        Assert.Equal(0, stats.Active);
        Assert.Equal(0, stats.Established);
        Assert.DoesNotContain(stats.Refused, r => r.Value > 0);
        Assert.Empty(await AssociationActorsAsync());
        await AssertNothingDeliveredAsync();
    }

    [Fact]
    public async Task After_a_spoofed_burst_a_real_snmptrap_over_DTLS_still_works()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var server = await DtlsEndPointAsync();
        await SubscribeAsync(TestActor);
        for (var sent = 0; sent < SpoofedSources; sent += Batch)
        {
            var clients = Enumerable.Range(0, Batch).Select(_ => NewClient()).ToArray();
            await Task.WhenAll(clients.Select(c => SendAsync(c, RawDtls.ClientHello(RawDtls.NewRandom()), server)));
            await AwaitDtlsAsync(s => s.HelloVerifyRequests == sent + Batch, "the batch was answered");
        }

        var result = await NetSnmpDtls.TrapAsync(StoreFor(), server.Port);

        NetSnmpDtls.AssertSent(result);
        var n = await this.TrapAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("trapsender", n.Origin.User);
        Assert.Equal(IPAddress.Loopback, n.Origin.Source.Address);
        var stats = await AwaitDtlsAsync(s => s.Established == 1, "the real association");
        Assert.Equal(1, stats.Handshakes);
        Assert.True(stats.HelloVerifyRequests > SpoofedSources, "net-snmp's own first ClientHello got a HelloVerifyRequest too");
    }
}
