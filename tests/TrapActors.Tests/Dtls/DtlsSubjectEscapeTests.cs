using Org.BouncyCastle.Asn1.X509;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// A client certificate whose subject holds a bidirectional override cannot make a refusal (its event detail and its
/// log line) read other than it is: the subject is escaped there. DtlsClientAuthenticated and the policy's
/// DtlsClientCertificate keep the subject as it is (data for programs, not text for an operator).
/// </summary>
public class DtlsSubjectEscapeTests() : DtlsReceiverSpec()
{
    [Fact]
    public async Task A_bidi_override_in_a_refused_subject_is_escaped()
    {
        Assert.True(OpenSslDtls.Available, "openssl is not installed");
        var spoof = Pki.Issue("bidi-client", "O=TrapActors Tests,OU=ok \u202Egnp.exe", Pki.Ca, KeyPurposeID.id_kp_clientAuth);
        var port = await DtlsPortAsync();
        var refusals = EventProbe(typeof(DtlsAssociationRefused));

        var result = await OpenSslDtls.SendAsync(port, Pki.Ca.CertificateFile, spoof.CertificateFile, spoof.KeyFile, TsmPayloads.NetSnmpTrap);

        Assert.False(result.Established, $"the handshake should have failed: {result}");
        var refused = await refusals.ExpectMsgAsync<DtlsAssociationRefused>(TimeSpan.FromSeconds(5));
        Assert.Equal(DtlsRefusal.NoMapping, refused.Reason);
        Assert.DoesNotContain('\u202E', refused.Detail);
        Assert.Contains(@"OU=ok \u202egnp.exe", refused.Detail);
    }
}
