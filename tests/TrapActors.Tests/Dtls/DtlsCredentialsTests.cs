using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using TrapActors.Dtls;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>Loading the server's certificate and key: every format that must work, and every failure as a clear configuration error.</summary>
public sealed class DtlsCredentialsTests : IDisposable
{
    private readonly TestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void A_PEM_chain_and_a_SEC1_EC_key_load_leaf_first()
    {
        var credentials = DtlsCredentials.FromPem(_pki.ServerChainFile, _pki.Server.KeyFile);

        Assert.Equal([_pki.Server.Certificate, _pki.Ca.Certificate], credentials.Chain);
        Assert.True(credentials.IsEcdsa);
        Assert.IsType<ECPrivateKeyParameters>(credentials.PrivateKey);
        Assert.Contains("BEGIN EC PRIVATE KEY", File.ReadAllText(_pki.Server.KeyFile));
    }

    [Fact]
    public void A_PKCS8_key_and_a_combined_certificate_and_key_file_load()
    {
        var combined = _pki.WriteText("combined.pem", TestPki.Pkcs8Pem(_pki.Server.PrivateKey) + File.ReadAllText(_pki.ServerChainFile));

        var credentials = DtlsCredentials.FromPem(combined, combined);

        Assert.Equal(2, credentials.Chain.Count);
        Assert.Equal(_pki.Server.Certificate, credentials.Chain[0]);
        Assert.True(credentials.IsEcdsa);
    }

    [Fact]
    public void An_openssl_generated_key_loads_too()
    {
        // openssl's default output for `ecparam -genkey` puts an EC PARAMETERS block before the key.
        var keyFile = Path.Combine(_pki.Directory, "openssl.key");
        CertificateInfoTests.OpenSsl("ecparam", "-name", "prime256v1", "-genkey", "-out", keyFile);
        var certFile = Path.Combine(_pki.Directory, "openssl.crt");
        CertificateInfoTests.OpenSsl("req", "-x509", "-new", "-key", keyFile, "-subj", "/CN=openssl", "-days", "2", "-out", certFile);

        var credentials = DtlsCredentials.FromPem(certFile, keyFile);

        Assert.Equal("CN=openssl", credentials.Chain[0].SubjectDN.ToString());
        Assert.True(credentials.IsEcdsa);
    }

    [Fact]
    public void An_RSA_certificate_and_PKCS1_key_load_as_RSA()
    {
        var rsa = _pki.IssueRsa("rsa-server", "CN=localhost", KeyPurposeID.id_kp_serverAuth);

        var credentials = DtlsCredentials.FromPem(rsa.CertificateFile, rsa.KeyFile);

        Assert.False(credentials.IsEcdsa);
        Assert.IsType<RsaPrivateCrtKeyParameters>(credentials.PrivateKey);
        Assert.Contains("BEGIN RSA PRIVATE KEY", File.ReadAllText(rsa.KeyFile));
    }

    [Fact]
    public void A_PKCS12_file_with_its_password_loads_key_and_chain()
    {
        var password = DtlsCredentials.ReadPasswordFile(_pki.Pkcs12PasswordFile);

        var credentials = DtlsCredentials.FromPkcs12(_pki.Pkcs12File, password);

        Assert.Equal(TestPki.Pkcs12Password, password);
        Assert.Equal(_pki.Server.Certificate, credentials.Chain[0]);
        Assert.Contains(_pki.Ca.Certificate, credentials.Chain);
        Assert.True(credentials.IsEcdsa);
    }

    [Fact]
    public void An_openssl_made_PKCS12_file_loads()
    {
        var path = Path.Combine(_pki.Directory, "openssl.p12");
        CertificateInfoTests.OpenSsl("pkcs12", "-export", "-in", _pki.ServerChainFile, "-inkey", _pki.Server.KeyFile,
            "-passout", "pass:secret-word", "-out", path);

        var credentials = DtlsCredentials.FromPkcs12(path, "secret-word");

        Assert.Equal(_pki.Server.Certificate, credentials.Chain[0]);
        Assert.Equal(2, credentials.Chain.Count);
    }

    [Fact]
    public void A_wrong_PKCS12_password_names_the_file_and_never_the_password()
    {
        const string wrong = "not-the-pfx-password";

        var error = Assert.Throws<DtlsConfigurationException>(() => DtlsCredentials.FromPkcs12(_pki.Pkcs12File, wrong));

        Assert.Contains(_pki.Pkcs12File, error.Message);
        Assert.Contains("wrong password", error.Message);
        Assert.DoesNotContain(wrong, error.Message);
        Assert.DoesNotContain(TestPki.Pkcs12Password, error.Message);
    }

    [Fact]
    public void A_file_that_is_not_PKCS12_is_reported()
    {
        var error = Assert.Throws<DtlsConfigurationException>(() => DtlsCredentials.FromPkcs12(_pki.ServerChainFile, "x"));

        Assert.Contains(_pki.ServerChainFile, error.Message);
        Assert.Contains("PKCS#12", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var missing = Path.Combine(_pki.Directory, "nope.crt");

        var certError = Assert.Throws<DtlsConfigurationException>(() => DtlsCredentials.FromPem(missing, _pki.Server.KeyFile));
        var keyError = Assert.Throws<DtlsConfigurationException>(() => DtlsCredentials.FromPem(_pki.ServerChainFile, missing));
        var pfxError = Assert.Throws<DtlsConfigurationException>(() => DtlsCredentials.FromPkcs12(missing, "x"));

        Assert.Equal($"DTLS certificate file '{missing}': does not exist", certError.Message);
        Assert.Equal($"DTLS key file '{missing}': does not exist", keyError.Message);
        Assert.Equal($"DTLS PKCS#12 file '{missing}': does not exist", pfxError.Message);
    }

    [Fact]
    public void An_unreadable_PEM_is_reported_without_its_content()
    {
        var key = File.ReadAllText(_pki.Server.KeyFile);
        var lines = key.Split('\n');
        // Damaged base64 inside a well-formed PEM frame.
        var damaged = _pki.WriteText("damaged.key", lines[0] + "\n" + lines[1][..20] + "!!!!" + lines[1][24..] + "\n" + string.Join('\n', lines[2..]));
        var notPem = _pki.WriteText("not-pem.crt", "this is not a certificate\n");

        var keyError = Assert.Throws<DtlsConfigurationException>(() => DtlsCredentials.FromPem(_pki.ServerChainFile, damaged));
        var certError = Assert.Throws<DtlsConfigurationException>(() => DtlsCredentials.FromPem(notPem, _pki.Server.KeyFile));

        Assert.StartsWith($"DTLS key file '{damaged}': ", keyError.Message);
        Assert.DoesNotContain(lines[1][..10], keyError.Message);
        Assert.Equal($"DTLS certificate file '{notPem}': contains no PEM CERTIFICATE", certError.Message);
    }

    [Fact]
    public void A_certificate_file_given_as_the_key_file_is_reported()
    {
        var error = Assert.Throws<DtlsConfigurationException>(() => DtlsCredentials.FromPem(_pki.ServerChainFile, _pki.ServerChainFile));

        Assert.Contains("contains no PEM private key", error.Message);
    }

    [Fact]
    public void A_key_that_does_not_match_the_certificate_is_reported()
    {
        var error = Assert.Throws<DtlsConfigurationException>(() => DtlsCredentials.FromPem(_pki.ServerChainFile, _pki.Client.KeyFile));

        Assert.Equal(
            $"DTLS key file '{_pki.Client.KeyFile}': the private key does not match the certificate 'CN=localhost' (from {_pki.ServerChainFile})",
            error.Message);
    }

    [Fact]
    public void An_RSA_key_for_an_EC_certificate_does_not_match()
    {
        var rsa = _pki.IssueRsa("rsa", "CN=rsa", KeyPurposeID.id_kp_serverAuth);

        var error = Assert.Throws<DtlsConfigurationException>(() => DtlsCredentials.FromPem(_pki.Server.CertificateFile, rsa.KeyFile));

        Assert.Contains("does not match", error.Message);
    }

    [Fact]
    public void An_expired_server_certificate_is_refused_at_start()
    {
        var expired = _pki.Issue("expired-server", "CN=localhost", _pki.Ca, KeyPurposeID.id_kp_serverAuth,
            notBefore: DateTime.UtcNow.AddDays(-20), notAfter: DateTime.UtcNow.AddDays(-10));

        var error = Assert.Throws<DtlsConfigurationException>(() => DtlsCredentials.FromPem(expired.CertificateFile, expired.KeyFile));

        Assert.StartsWith($"DTLS certificate file '{expired.CertificateFile}': the certificate 'CN=localhost' expired on ", error.Message);
    }

    [Fact]
    public void An_encrypted_key_is_refused_with_a_hint()
    {
        var encrypted = Path.Combine(_pki.Directory, "encrypted.key");
        CertificateInfoTests.OpenSsl("pkcs8", "-topk8", "-in", _pki.Server.KeyFile, "-passout", "pass:key-secret", "-out", encrypted);

        var error = Assert.Throws<DtlsConfigurationException>(() => DtlsCredentials.FromPem(_pki.ServerChainFile, encrypted));

        Assert.Contains("encrypted private key", error.Message);
        Assert.Contains(encrypted, error.Message);
    }

    [Fact]
    public void The_password_file_gives_its_first_line_only()
    {
        var path = _pki.WriteText("pw", "first line\r\nsecond line\n");

        Assert.Equal("first line", DtlsCredentials.ReadPasswordFile(path));
        Assert.Contains("does not exist", Assert.Throws<DtlsConfigurationException>(() => DtlsCredentials.ReadPasswordFile(path + "x")).Message);
    }
}
