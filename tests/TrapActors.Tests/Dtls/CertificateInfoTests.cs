using System.Diagnostics;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using TrapActors.Dtls;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>Fingerprints, names and SANs as the mapping sees them, checked against openssl's reading of the same PEM files.</summary>
public sealed class CertificateInfoTests : IDisposable
{
    private readonly TestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    [Theory]
    [InlineData("-sha1", FingerprintHash.Sha1)]
    [InlineData("-sha256", FingerprintHash.Sha256)]
    [InlineData("-sha384", FingerprintHash.Sha384)]
    [InlineData("-sha512", FingerprintHash.Sha512)]
    [InlineData("-md5", FingerprintHash.Md5)]
    public void Fingerprints_equal_what_openssl_prints_for_the_same_file(string opensslFlag, FingerprintHash hash)
    {
        foreach (var identity in new[] { _pki.Client, _pki.Server, _pki.Ca })
        {
            var output = OpenSsl("x509", "-in", identity.CertificateFile, "-noout", "-fingerprint", opensslFlag);
            var expected = output.Trim().Split('=', 2)[1].Replace(":", "").ToLowerInvariant();

            Assert.Equal(expected, identity.Info.FingerprintHex(hash));
        }
    }

    [Fact]
    public void Client_names_equal_what_openssl_reads_from_the_certificate()
    {
        var text = OpenSsl("x509", "-in", _pki.Client.CertificateFile, "-noout", "-text");
        var sanLine = SanLine(text);
        Assert.Equal("email:ops@example.org, DNS:sender.example.org, IP Address:127.0.0.1", sanLine);

        var info = _pki.Client.Info;
        Assert.Equal(["ops@example.org"], info.Rfc822Names);
        Assert.Equal(["sender.example.org"], info.DnsNames);
        Assert.Equal(["127.0.0.1"], info.IpAddresses);
        Assert.Equal(
            [(1, "ops@example.org"), (2, "sender.example.org"), (7, "127.0.0.1")],
            info.SubjectAltNamesInOrder);
        Assert.Equal("trapsender", info.CommonName);
        Assert.Equal("CN=trapsender", info.Subject);
        Assert.Equal("CN=" + TestPki.CaName, info.Issuer);
        Assert.Contains("Subject: CN = trapsender", text);
    }

    [Fact]
    public void An_ipv6_address_becomes_32_lowercase_hex_digits_as_RFC_6353_requires()
    {
        var text = OpenSsl("x509", "-in", _pki.Server.CertificateFile, "-noout", "-text");
        Assert.Equal("DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1", SanLine(text));

        Assert.Equal(["127.0.0.1", "00000000000000000000000000000001"], _pki.Server.Info.IpAddresses);
    }

    [Fact]
    public void A_certificate_without_names_has_no_common_name_and_no_SANs()
    {
        var info = _pki.UnmappedClient.Info;

        Assert.Null(info.CommonName);
        Assert.Empty(info.SubjectAltNamesInOrder);
        Assert.Empty(info.Rfc822Names);
    }

    [Fact]
    public void Validity_and_encoding_are_those_of_the_certificate()
    {
        var certificate = _pki.ExpiredClient.Certificate;
        var info = _pki.ExpiredClient.Info;

        Assert.Equal(certificate.GetEncoded(), info.Encoded);
        Assert.Equal(certificate.NotAfter, info.NotAfter);
        Assert.True(info.NotAfter < DateTime.UtcNow);
        Assert.True(info.NotBefore < info.NotAfter);
    }

    [Fact]
    public void A_malformed_subjectAltName_extension_yields_no_names_instead_of_an_exception()
    {
        // SEQUENCE { [2] length 5 } with only 1 content octet: a truncated dNSName.
        var broken = _pki.Issue("broken", "CN=broken", _pki.Ca, KeyPurposeID.id_kp_clientAuth,
            customize: g => g.AddExtension(X509Extensions.SubjectAlternativeName.Id, false, new byte[] { 0x30, 0x03, 0x82, 0x05, 0x41 }));

        Assert.NotNull(broken.Certificate.GetExtensionValue(X509Extensions.SubjectAlternativeName));
        Assert.ThrowsAny<Exception>(() => broken.Certificate.GetSubjectAlternativeNameExtension());

        var info = CertificateInfo.From(broken.Certificate);

        Assert.Empty(info.SubjectAltNamesInOrder);
        Assert.Equal("broken", info.CommonName);
    }

    [Fact]
    public void Addresses_of_odd_length_and_other_kinds_of_names_are_left_out()
    {
        var odd = _pki.Issue("odd", "CN=odd", _pki.Ca, KeyPurposeID.id_kp_clientAuth,
        [
            new GeneralName(GeneralName.IPAddress, new DerOctetString(new byte[5])),
            new GeneralName(GeneralName.UniformResourceIdentifier, "http://example.org/"),
            new GeneralName(GeneralName.DnsName, "ok.example.org"),
        ]);

        Assert.Equal([(2, "ok.example.org")], odd.Info.SubjectAltNamesInOrder);
        Assert.Empty(odd.Info.IpAddresses);
    }

    private static string SanLine(string opensslText)
    {
        var lines = opensslText.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains("X509v3 Subject Alternative Name"));
        Assert.True(index >= 0, "openssl shows no SAN extension");
        return lines[index + 1].Trim();
    }

    internal static string OpenSsl(params string[] args)
    {
        var psi = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start openssl");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"openssl {string.Join(' ', args)} failed: {stderr.Result}");
        return output;
    }
}
