using System.Collections.Concurrent;
using System.Net;
using Org.BouncyCastle.Asn1.X509;
using TrapActors.Dtls;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// The client-authentication policy (the reference's on_ssl_client_authentication with Accept): it sees the client's
/// certificate, its verdict and the mapped name, and its "no" refuses the association.
/// </summary>
public sealed class DtlsClientAuthenticationPolicyTests : DtlsReceiverSpec
{
    private static readonly ConcurrentQueue<DtlsClientCertificate> Seen = new();

    public DtlsClientAuthenticationPolicyTests()
        : base(_ => new TrapReceiverSetup { DtlsClientAuthentication = c => { Seen.Enqueue(c); return false; } })
    {
        Seen.Clear();
    }

    [Fact]
    public async Task A_refusal_by_the_policy_is_counted_and_nothing_is_delivered()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);
        var refusals = EventProbe(typeof(DtlsAssociationRefused));

        var result = await NetSnmpDtls.TrapAsync(StoreFor(), port);
        Assert.True(result.ExitCode == 0, result.ToString());

        var refused = await refusals.ExpectMsgAsync<DtlsAssociationRefused>(TimeSpan.FromSeconds(10));
        Assert.Equal(DtlsRefusal.PolicyRefused, refused.Reason);
        var stats = await AwaitDtlsAsync(s => Refused(s, DtlsRefusal.PolicyRefused) == 1 && s.Active == 0, "the policy's refusal counted");
        Assert.Equal(0, stats.Established);
        var seen = Assert.Single(Seen);
        Assert.Contains("trapsender", seen.Subject);
        Assert.Contains(TestPki.CaName, seen.Issuer);
        Assert.Equal(ClientCertificateVerdict.Trusted, seen.Verdict);
        Assert.Equal("trapsender", seen.SecurityName);
        Assert.Equal(Pki.Client.Sha256Hex, seen.Sha256Fingerprint);
        Assert.Equal(Pki.Client.Certificate.GetEncoded(), seen.Encoded.ToArray());
        Assert.Equal(IPAddress.Loopback, seen.Peer.Address);
        await AssertNothingDeliveredAsync();
    }
}

/// <summary>A DTLS endpoint on IPv6 loopback, with net-snmp's dtlsudp6 transport.</summary>
public sealed class DtlsIpv6Tests() : DtlsReceiverSpec(_ => """trap-actors.listener.endpoints = ["dtls:[::1]:0"]""")
{
    [Fact]
    public async Task Snmptrap_over_dtlsudp6_is_delivered_with_an_IPv6_source()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var endpoint = await DtlsEndPointAsync();
        Assert.Equal(IPAddress.IPv6Loopback, endpoint.Address);
        await SubscribeAsync(TestActor);

        var result = await NetSnmpDtls.TrapAsync(StoreFor(), endpoint.Port, target: "dtlsudp6:[::1]");

        Assert.True(result.ExitCode == 0, result.ToString());
        var n = await this.TrapAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("dtls", n.Origin.Transport);
        Assert.Equal("trapsender", n.Origin.User);
        Assert.Equal(IPAddress.IPv6Loopback, n.Origin.Source.Address);
    }
}

/// <summary>An RSA server identity loaded from a PKCS#12 file with its password in a file, reached by openssl s_client.</summary>
public sealed class DtlsRsaPkcs12ServerTests() : DtlsReceiverSpec(pki =>
{
    var server = pki.IssueRsa("rsa-server", "CN=localhost", KeyPurposeID.id_kp_serverAuth,
        new GeneralName(GeneralName.DnsName, "localhost"), new GeneralName(GeneralName.IPAddress, "127.0.0.1"));
    var pkcs12 = pki.WritePkcs12("rsa-server.p12", server, [server.Certificate, pki.Ca.Certificate], "rsa pfx password");
    var passwordFile = pki.WriteText("rsa-server.pass", "rsa pfx password\n");
    return $$"""
        trap-actors.dtls {
          certificate-file = ""
          key-file = ""
          pkcs12-file = "{{pkcs12}}"
          pkcs12-password-file = "{{passwordFile}}"
        }
        """;
})
{
    [Fact]
    public async Task Openssl_s_client_completes_an_ECDHE_RSA_handshake_and_its_trap_is_delivered()
    {
        Assert.True(OpenSslDtls.Available, "openssl is not installed");
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);

        var result = await OpenSslDtls.SendAsync(port, Pki.Ca.CertificateFile, Pki.Client.CertificateFile, Pki.Client.KeyFile, TsmPayloads.NetSnmpTrap);

        Assert.True(result.ExitCode == 0 && result.Established, $"s_client: {result}");
        Assert.Contains("RSA", result.ToString());
        var n = await this.TrapAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("trapsender", n.Origin.User);
    }
}

/// <summary>
/// The server identity given in memory (the reference's PFX blob store type): PKCS#12 bytes and password through
/// TrapReceiverSetup, while the configured files point nowhere.
/// </summary>
public sealed class DtlsInMemoryIdentityTests() : DtlsReceiverSpec(pki => new TrapReceiverSetup
{
    DtlsServerIdentity = DtlsServerIdentity.FromPkcs12(File.ReadAllBytes(pki.Pkcs12File), TestPki.Pkcs12Password),
})
{
    [Fact]
    public async Task Snmptrap_is_delivered_and_the_identity_prints_no_secret()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);

        var result = await NetSnmpDtls.TrapAsync(StoreFor(), port);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("trapsender", (await this.TrapAsync(TimeSpan.FromSeconds(10))).Origin.User);
        Assert.DoesNotContain(TestPki.Pkcs12Password, DtlsServerIdentity.FromPkcs12([1, 2, 3], TestPki.Pkcs12Password).ToString());
    }
}

/// <summary>dtls.idle-timeout: an association that carries nothing is closed (close_notify) and counted.</summary>
public sealed class DtlsIdleTimeoutTests() : DtlsReceiverSpec(_ => "trap-actors.dtls.idle-timeout = 1s")
{
    [Fact]
    public async Task An_idle_association_is_closed_after_the_timeout()
    {
        Assert.True(OpenSslDtls.Available, "openssl is not installed");
        var port = await DtlsPortAsync();
        var events = EventProbe(typeof(DtlsAssociationEstablished), typeof(DtlsAssociationClosed));

        // s_client stays connected while its standard input is open: an association that sends nothing.
        using var client = OpenSslDtls.StartInteractive(port, Pki.Ca.CertificateFile, Pki.Client.CertificateFile, Pki.Client.KeyFile);
        try
        {
            Assert.Equal("trapsender", (await events.ExpectMsgAsync<DtlsAssociationEstablished>(TimeSpan.FromSeconds(10))).SecurityName);

            var closed = await events.ExpectMsgAsync<DtlsAssociationClosed>(TimeSpan.FromSeconds(10));
            Assert.Contains("idle", closed.Reason);
            var stats = await AwaitDtlsAsync(s => s.Active == 0 && s.Closed == 1, "the idle association closed");
            Assert.Equal(1, stats.Established);
        }
        finally
        {
            client.Kill(entireProcessTree: true);
        }
    }
}
