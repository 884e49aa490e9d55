using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// certificate-file with the leaf only, its issuer in trust-anchors-file: the receiver completes the chain it sends
/// from the trust anchors, as OpenSSL-based servers do, so net-snmp (which trusts the CA by fingerprint only when the
/// CA certificate comes in the chain) verifies it. Before, net-snmp failed with "unable to get local issuer certificate".
/// </summary>
public class DtlsLeafOnlyCertificateTests() : DtlsReceiverSpec(pki => $"trap-actors.dtls.certificate-file = \"{pki.Server.CertificateFile}\"")
{
    [Fact]
    public async Task Snmptrap_verifies_the_chain_completed_from_the_trust_anchors()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);

        var (result, _) = await NetSnmpDtls.TrapSentAsync(StoreFor(), port);

        Assert.DoesNotContain("unable to get local issuer certificate", result.ToString());
        var n = await this.TrapAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("trapsender", n.Origin.User);
        Assert.Equal("dtls", n.Origin.Transport);
    }
}

/// <summary>The same through TrapReceiverSetup.DtlsServerIdentity: the leaf's PEM alone, its issuer among the trust anchors.</summary>
public class DtlsLeafOnlyIdentityTests() : DtlsReceiverSpec(pki => new TrapReceiverSetup
{
    DtlsServerIdentity = DtlsServerIdentity.FromPem(File.ReadAllText(pki.Server.CertificateFile), File.ReadAllText(pki.Server.KeyFile)),
})
{
    [Fact]
    public async Task Snmptrap_verifies_the_chain_completed_from_the_trust_anchors()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);

        await NetSnmpDtls.TrapSentAsync(StoreFor(), port);

        Assert.Equal("trapsender", (await this.TrapAsync(TimeSpan.FromSeconds(10))).Origin.User);
    }
}

/// <summary>A leaf whose issuer is nowhere to be found: the endpoint still binds, with a warning that says what net-snmp will do.</summary>
public class DtlsIncompleteChainWarningTests() : DtlsReceiverSpec(pki => $$"""
    trap-actors.dtls.certificate-file = "{{pki.Server.CertificateFile}}"
    trap-actors.dtls.trust-anchors-file = "{{pki.UntrustedCa.CertificateFile}}"
    """)
{
    [Fact]
    public async Task The_start_warns_that_the_chain_is_incomplete()
    {
        await EventFilter.Warning(contains: "unable to get local issuer certificate").ExpectOneAsync(async () => await DtlsPortAsync());
    }
}
