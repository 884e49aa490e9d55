using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// Client certificates the receiver must refuse (RFC 6353 §5.1: a client certificate is required, it must chain to a
/// trust anchor or be pinned, and the cert map must name it). openssl s_client drives each handshake and would send
/// net-snmp's TSM trap once connected (DtlsTrapInteropTests shows that it is delivered with a good certificate);
/// each test checks the refusal counter and event, and that nothing was delivered.
/// </summary>
public class DtlsRefusedCertificateTests() : DtlsReceiverSpec()
{
    private async Task AssertRefusedAsync(TestPki.Identity? client, DtlsRefusal expected)
    {
        Assert.True(OpenSslDtls.Available, "openssl is not installed");
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);
        var refusals = EventProbe(typeof(DtlsAssociationRefused));
        var established = EventProbe(typeof(DtlsAssociationEstablished));

        var result = await OpenSslDtls.SendAsync(port, Pki.Ca.CertificateFile, client?.CertificateFile, client?.KeyFile, TsmPayloads.NetSnmpTrap);

        Assert.False(result.Established, $"the handshake should have failed: {result}");
        Assert.True(result.ExitCode != 0, $"s_client: {result}");
        var refused = await refusals.ExpectMsgAsync<DtlsAssociationRefused>(TimeSpan.FromSeconds(5));
        Assert.Equal(expected, refused.Reason);
        var stats = await AwaitDtlsAsync(s => Refused(s, expected) == 1 && s.Active == 0, $"one {expected} refusal, nothing open");
        Assert.Equal(0, stats.Established);
        Assert.Equal(1, stats.Handshakes);
        Assert.Equal(1, stats.Refused.Values.Sum());
        await established.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        await AssertNothingDeliveredAsync();
    }

    [Fact]
    public Task A_client_without_a_certificate_is_refused() => AssertRefusedAsync(null, DtlsRefusal.NoClientCertificate);

    [Fact]
    public Task A_certificate_from_an_untrusted_CA_is_refused() => AssertRefusedAsync(Pki.UntrustedClient, DtlsRefusal.UntrustedCertificate);

    [Fact]
    public Task An_expired_certificate_is_refused() => AssertRefusedAsync(Pki.ExpiredClient, DtlsRefusal.ExpiredCertificate);

    [Fact]
    public Task A_trusted_certificate_that_no_map_entry_names_is_refused() => AssertRefusedAsync(Pki.UnmappedClient, DtlsRefusal.NoMapping);

    [Fact]
    public async Task Snmptrap_with_an_untrusted_certificate_delivers_nothing()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);

        // snmptrap exits 0 whatever happened (fire and forget): the receiver's counters tell.
        await NetSnmpDtls.TrapAsync(StoreFor(Pki.UntrustedClient), port);

        var stats = await AwaitDtlsAsync(s => Refused(s, DtlsRefusal.UntrustedCertificate) == 1 && s.Active == 0, "refused as untrusted");
        Assert.Equal(0, stats.Established);
        await AssertNothingDeliveredAsync();
    }
}

/// <summary>The cookie exchange (RFC 6347 §4.2.1): a wrong cookie gets a new HelloVerifyRequest and creates nothing.</summary>
public class DtlsCookieTests() : DtlsReceiverSpec(_ => "trap-actors.dtls.handshake-timeout = 3s")
{
    private static readonly TimeSpan Reply = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_ClientHello_with_a_wrong_cookie_is_answered_with_a_HelloVerifyRequest_and_creates_no_association()
    {
        var server = await DtlsEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();
        var random = RawDtls.NewRandom();
        var wrong = new byte[32];

        await SendAsync(client, RawDtls.ClientHello(random, wrong, messageSeq: 1, recordSeq: 1), server);

        var cookie = RawDtls.HelloVerifyRequestCookie(await RawDtls.ReceiveAsync(client, Reply) ?? []);
        Assert.NotNull(cookie);
        Assert.NotEqual(wrong, cookie);
        var stats = await AwaitDtlsAsync(s => s.HelloVerifyRequests == 1, "a HelloVerifyRequest for the wrong cookie");
        Assert.Equal(0, stats.Handshakes);
        Assert.Equal(0, stats.Active);
        Assert.Empty(await AssociationActorsAsync());

        // The cookie it gave does start a handshake: the wrong one was refused for being wrong, not for the ClientHello.
        await SendAsync(client, RawDtls.ClientHello(random, cookie, messageSeq: 1, recordSeq: 1), server);
        Assert.True(RawDtls.HasServerHello(await RawDtls.ReceiveAsync(client, Reply) ?? []), "no ServerHello for the right cookie");
        await AwaitDtlsAsync(s => s.Handshakes == 1, "the handshake started");
        Assert.Single(await AssociationActorsAsync());   // and the Identify above would have seen an association
        await AssertNothingDeliveredAsync();
    }

    [Fact]
    public async Task A_cookie_is_bound_to_the_source_port_it_was_given_to()
    {
        var server = await DtlsEndPointAsync();
        var first = NewClient();
        var second = NewClient();
        var random = RawDtls.NewRandom();
        var cookie = await RawDtls.RequestCookieAsync(first, server, random, Reply);
        Assert.NotNull(cookie);

        // Replayed from another port (a spoofer that saw the cookie): a new HelloVerifyRequest, no handshake.
        await SendAsync(second, RawDtls.ClientHello(random, cookie, messageSeq: 1, recordSeq: 1), server);

        Assert.NotNull(RawDtls.HelloVerifyRequestCookie(await RawDtls.ReceiveAsync(second, Reply) ?? []));
        var stats = await AwaitDtlsAsync(s => s.HelloVerifyRequests == 2, "two HelloVerifyRequests");
        Assert.Equal(0, stats.Handshakes);
        Assert.Empty(await AssociationActorsAsync());
    }
}

/// <summary>
/// Peers that complete the cookie exchange and then never answer the server's flight: the association is dropped after
/// dtls.handshake-timeout, and dtls.max-handshakes holds while they hang (decision 0029).
/// </summary>
public class DtlsStalledHandshakeTests() : DtlsReceiverSpec(_ => """
    trap-actors.dtls { handshake-timeout = 1s, max-associations = 2, max-handshakes = 2 }
    """)
{
    private static readonly TimeSpan Reply = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_peer_that_never_finishes_its_handshake_is_cleaned_up_after_the_handshake_timeout()
    {
        var server = await DtlsEndPointAsync();
        await SubscribeAsync(TestActor);
        var refusals = EventProbe(typeof(DtlsAssociationRefused));
        var client = NewClient();

        await RawDtls.StartAndStallAsync(client, server, Reply);

        var refused = await refusals.ExpectMsgAsync<DtlsAssociationRefused>(TimeSpan.FromSeconds(10));
        Assert.Equal(DtlsRefusal.HandshakeTimeout, refused.Reason);
        Assert.Equal(PortOf(client), refused.Peer.Port);
        var stats = await AwaitDtlsAsync(s => s.Active == 0 && Refused(s, DtlsRefusal.HandshakeTimeout) == 1, "the stalled association is gone");
        Assert.Equal(1, stats.Handshakes);
        Assert.Equal(0, stats.Established);
        await AwaitAssertAsync(async () => Assert.Empty(await AssociationActorsAsync()), TimeSpan.FromSeconds(5));
        await AssertNothingDeliveredAsync();
    }

    [Fact]
    public async Task Stalled_peers_never_hold_more_than_max_handshakes_and_newcomers_displace_them()
    {
        const int peers = 5;
        var server = await DtlsEndPointAsync();
        await SubscribeAsync(TestActor);
        var clients = Enumerable.Range(0, peers).Select(_ => NewClient()).ToArray();
        var randoms = clients.Select(_ => RawDtls.NewRandom()).ToArray();

        // Every cookie first (no association exists yet), then every second ClientHello at once.
        var cookies = await Task.WhenAll(clients.Select((c, i) => RawDtls.RequestCookieAsync(c, server, randoms[i], Reply)));
        Assert.All(cookies, c => Assert.NotNull(c));
        await Task.WhenAll(clients.Select((c, i) => SendAsync(c, RawDtls.ClientHello(randoms[i], cookies[i], messageSeq: 1, recordSeq: 1), server)));
        var answers = await Task.WhenAll(clients.Select(c => RawDtls.ReceiveAsync(c, Reply)));

        Assert.True(answers.Count(a => a is not null && RawDtls.HasServerHello(a)) >= 2, "the last two handshakes started");
        var stats = await AwaitDtlsAsync(s => Refused(s, DtlsRefusal.HandshakeTimeout) == 2 && s.Active == 0, "the two handshakes left timed out");
        Assert.Equal(peers, stats.Handshakes);
        Assert.Equal(peers - 2, stats.HandshakesEvicted);   // displaced, not refused: no newcomer is turned away
        Assert.Equal(0, Refused(stats, DtlsRefusal.AssociationLimit));
        Assert.Equal(0, Refused(stats, DtlsRefusal.HandshakeFailed));
        Assert.Equal(0, stats.Established);
        await AssertNothingDeliveredAsync();
    }

    [Fact]
    public async Task Once_stalled_peers_timed_out_a_real_snmptrap_gets_through()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var server = await DtlsEndPointAsync();
        await SubscribeAsync(TestActor);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => RawDtls.StartAndStallAsync(NewClient(), server, Reply)));
        await AwaitDtlsAsync(s => Refused(s, DtlsRefusal.HandshakeTimeout) == 2 && s.Active == 0, "the stalled peers timed out");

        await NetSnmpDtls.TrapSentAsync(StoreFor(), server.Port);

        Assert.Equal("trapsender", (await this.TrapAsync(TimeSpan.FromSeconds(10))).Origin.User);
    }
}
