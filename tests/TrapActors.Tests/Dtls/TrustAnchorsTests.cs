using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using TrapActors.Dtls;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>The client chain check: what is trusted, and the precise verdict for each way a chain can fail.</summary>
public sealed class TrustAnchorsTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly TrustAnchors _anchors;

    public TrustAnchorsTests() => _anchors = TrustAnchors.FromPemFile(_pki.Ca.CertificateFile);

    public void Dispose() => _pki.Dispose();

    private ClientCertificateVerdict Verify(params X509Certificate[] chain) => _anchors.Verify(chain, DateTime.UtcNow);

    [Fact]
    public void A_client_issued_by_the_anchor_is_trusted_with_or_without_the_CA_in_its_chain()
    {
        Assert.Equal(ClientCertificateVerdict.Trusted, Verify(_pki.Client.Certificate));
        Assert.Equal(ClientCertificateVerdict.Trusted, Verify(_pki.Client.Certificate, _pki.Ca.Certificate));
    }

    [Fact]
    public void A_certificate_equal_to_an_anchor_is_trusted()
    {
        var anchors = TrustAnchors.FromPemFile(_pki.UntrustedClient.CertificateFile);

        Assert.Equal(ClientCertificateVerdict.Trusted, anchors.Verify([_pki.UntrustedClient.Certificate], DateTime.UtcNow));
    }

    [Fact]
    public void A_client_of_another_CA_is_untrusted()
    {
        Assert.Equal(ClientCertificateVerdict.Untrusted, Verify(_pki.UntrustedClient.Certificate));
        Assert.Equal(ClientCertificateVerdict.Untrusted, Verify(_pki.UntrustedClient.Certificate, _pki.UntrustedCa.Certificate));
    }

    [Fact]
    public void No_anchors_trust_nothing()
    {
        Assert.Equal(ClientCertificateVerdict.Untrusted, TrustAnchors.None.Verify([_pki.Client.Certificate, _pki.Ca.Certificate], DateTime.UtcNow));
        Assert.Equal(ClientCertificateVerdict.Untrusted, Verify());
    }

    [Fact]
    public void An_expired_client_is_expired_and_so_is_one_checked_after_its_end()
    {
        Assert.Equal(ClientCertificateVerdict.Expired, Verify(_pki.ExpiredClient.Certificate, _pki.Ca.Certificate));
        Assert.Equal(ClientCertificateVerdict.Expired, TrustAnchors.None.Verify([_pki.ExpiredClient.Certificate], DateTime.UtcNow));
        Assert.Equal(ClientCertificateVerdict.Expired, _anchors.Verify([_pki.Client.Certificate], DateTime.UtcNow.AddYears(2)));
    }

    [Fact]
    public void A_client_before_its_NotBefore_is_not_yet_valid()
    {
        Assert.Equal(ClientCertificateVerdict.NotYetValid, _anchors.Verify([_pki.Client.Certificate], DateTime.UtcNow.AddDays(-3)));
    }

    [Fact]
    public void A_server_only_certificate_is_not_for_client_auth()
    {
        Assert.Equal(ClientCertificateVerdict.NotForClientAuth, Verify(_pki.Server.Certificate));
    }

    [Fact]
    public void A_leaf_without_extended_key_usage_may_authenticate_a_client()
    {
        var plain = _pki.Issue("no-eku", "CN=no-eku", _pki.Ca, purpose: null);

        Assert.Equal(ClientCertificateVerdict.Trusted, Verify(plain.Certificate));
    }

    [Fact]
    public void A_certificate_that_claims_the_anchor_as_issuer_but_was_signed_by_another_key_is_a_bad_signature()
    {
        // Same issuer name as the trusted CA, different key: the name matches, the signature does not.
        var impostorCa = _pki.Issue("impostor-ca-holder", "CN=" + TestPki.CaName, _pki.UntrustedCa, purpose: null);
        var forged = _pki.Issue("forged", "CN=trapsender", impostorCa, KeyPurposeID.id_kp_clientAuth);

        Assert.Equal(ClientCertificateVerdict.Untrusted, Verify(forged.Certificate));
        Assert.Equal(ClientCertificateVerdict.BadSignature, Verify(forged.Certificate, _pki.Client.Certificate));
    }

    [Fact]
    public void An_intermediate_that_is_not_a_CA_cannot_issue()
    {
        // The client (a CA:FALSE leaf) "issues" another certificate; the anchor signed the client.
        var child = _pki.Issue("child", "CN=child", _pki.Client, KeyPurposeID.id_kp_clientAuth);

        Assert.Equal(ClientCertificateVerdict.NotForClientAuth, Verify(child.Certificate, _pki.Client.Certificate));
    }

    [Fact]
    public void An_intermediate_CA_chain_is_trusted_through_every_link()
    {
        var intermediate = _pki.IssueCa("intermediate", "CN=Intermediate", _pki.Ca);
        var leaf = _pki.Issue("leaf", "CN=leaf", intermediate, KeyPurposeID.id_kp_clientAuth);

        Assert.Equal(ClientCertificateVerdict.Trusted, Verify(leaf.Certificate, intermediate.Certificate));
        Assert.Equal(ClientCertificateVerdict.Trusted, Verify(leaf.Certificate, intermediate.Certificate, _pki.Ca.Certificate));
        Assert.Equal(ClientCertificateVerdict.Untrusted, Verify(leaf.Certificate));
        Assert.Equal(ClientCertificateVerdict.BadSignature, Verify(leaf.Certificate, _pki.UntrustedCa.Certificate));
    }

    [Fact]
    public void A_trust_anchors_file_must_exist_and_hold_certificates()
    {
        var missing = Path.Combine(_pki.Directory, "none.pem");
        var empty = _pki.WriteText("empty.pem", "");

        Assert.Equal($"DTLS trust-anchors file '{missing}': does not exist",
            Assert.Throws<DtlsConfigurationException>(() => TrustAnchors.FromPemFile(missing)).Message);
        Assert.Equal($"DTLS trust-anchors file '{empty}': contains no PEM CERTIFICATE",
            Assert.Throws<DtlsConfigurationException>(() => TrustAnchors.FromPemFile(empty)).Message);
    }

    [Fact]
    public void A_bundle_of_anchors_trusts_clients_of_each()
    {
        var bundle = _pki.WriteText("bundle.pem", File.ReadAllText(_pki.Ca.CertificateFile) + File.ReadAllText(_pki.UntrustedCa.CertificateFile));

        var anchors = TrustAnchors.FromPemFile(bundle);

        Assert.Equal(2, anchors.Certificates.Count);
        Assert.Equal(ClientCertificateVerdict.Trusted, anchors.Verify([_pki.UntrustedClient.Certificate], DateTime.UtcNow));
        Assert.Equal(ClientCertificateVerdict.Trusted, anchors.Verify([_pki.Client.Certificate], DateTime.UtcNow));
    }
}
