using Org.BouncyCastle.Asn1.X509;
using TrapActors.Dtls;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>The server's chain completed from the trust anchors: issuer by issuer (name and signature), up to the root.</summary>
public sealed class ServerChainCompletionTests : IDisposable
{
    private readonly TestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void A_leaf_alone_gets_its_CA_from_the_anchors()
    {
        var chain = ServerChainCompletion.Complete([_pki.Server.Certificate], [_pki.UntrustedCa.Certificate, _pki.Ca.Certificate], out var incomplete);

        Assert.Equal([_pki.Server.Certificate, _pki.Ca.Certificate], chain);
        Assert.Null(incomplete);
    }

    [Fact]
    public void An_intermediate_and_the_root_are_appended_in_order()
    {
        var intermediate = _pki.IssueCa("intermediate", "CN=TrapActors Test Intermediate", _pki.Ca);
        var leaf = _pki.Issue("leaf", "CN=localhost", intermediate, KeyPurposeID.id_kp_serverAuth);

        var chain = ServerChainCompletion.Complete([leaf.Certificate], [_pki.Ca.Certificate, intermediate.Certificate], out var incomplete);

        Assert.Equal([leaf.Certificate, intermediate.Certificate, _pki.Ca.Certificate], chain);
        Assert.Null(incomplete);
    }

    [Fact]
    public void A_complete_chain_and_a_self_signed_certificate_are_sent_as_configured()
    {
        Assert.Equal([_pki.Server.Certificate, _pki.Ca.Certificate],
            ServerChainCompletion.Complete([_pki.Server.Certificate, _pki.Ca.Certificate], [_pki.Ca.Certificate], out var incomplete));
        Assert.Null(incomplete);
        Assert.Equal([_pki.Ca.Certificate], ServerChainCompletion.Complete([_pki.Ca.Certificate], [], out incomplete));
        Assert.Null(incomplete);
    }

    [Fact]
    public void Without_the_issuer_the_chain_stays_as_configured_and_says_why()
    {
        // The other CA has a different name; a certificate of the same name but another key would not verify either.
        var impostor = _pki.IssueCa("impostor", "CN=" + TestPki.CaName);

        var chain = ServerChainCompletion.Complete([_pki.Server.Certificate], [_pki.UntrustedCa.Certificate, impostor.Certificate], out var incomplete);

        Assert.Equal([_pki.Server.Certificate], chain);
        Assert.NotNull(incomplete);
        Assert.Contains(TestPki.CaName, incomplete);
        Assert.Contains("unable to get local issuer certificate", incomplete);
    }
}
