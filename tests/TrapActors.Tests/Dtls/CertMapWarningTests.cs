using TrapActors.Dtls;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>Weak pins and CA fingerprints that let a certificate choose its own name are kept (RFC 6353, net-snmp) and warned about.</summary>
public sealed class CertMapWarningTests : IDisposable
{
    private readonly TestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    private static string Hex(TestPki.Identity identity, FingerprintHash hash) => Convert.ToHexStringLower(identity.Info.Fingerprint(hash));

    [Fact]
    public void A_16_octet_fingerprint_without_a_flag_is_taken_as_MD5_with_a_warning()
    {
        var map = CertToTsnMap.Parse(["# weak", $"certSecName 1 {Hex(_pki.Client, FingerprintHash.Md5)} --cn"], "map");

        Assert.Equal(FingerprintHash.Md5, Assert.Single(map.Entries).Hash);
        var warning = Assert.Single(map.Warnings);
        Assert.StartsWith("map:2: a 16-octet fingerprint without a hash flag is taken as MD5", warning);
    }

    [Theory]
    [InlineData("--md5", FingerprintHash.Md5, "an MD5 fingerprint is weak")]
    [InlineData("--sha1", FingerprintHash.Sha1, "a SHA-1 fingerprint is weak")]
    [InlineData("", FingerprintHash.Sha1, "a SHA-1 fingerprint is weak")]
    public void MD5_and_SHA1_pins_are_warned_about(string flag, FingerprintHash hash, string expected)
    {
        var map = CertToTsnMap.Parse([$"certSecName 1 {flag} {Hex(_pki.Client, hash)} --sn ops"], "map");

        Assert.Equal(hash, Assert.Single(map.Entries).Hash);
        Assert.StartsWith($"map:1: {expected}", Assert.Single(map.Warnings));
    }

    [Fact]
    public void SHA256_pins_are_not_warned_about()
    {
        var map = CertToTsnMap.Parse([TestPki.CertSecName(1, _pki.Client, "--cn"), TestPki.CertSecName(2, _pki.Ca, "--sn ops")], "map");

        Assert.Empty(map.Warnings);
        Assert.Empty(CertMapWarnings.CaNameEntries(map, [_pki.Ca.Certificate]));
    }

    [Theory]
    [InlineData("--cn")]
    [InlineData("--dns")]
    [InlineData("--any")]
    [InlineData("--rfc822")]
    [InlineData("--ip")]
    public void A_CA_fingerprint_with_a_name_from_the_certificate_is_warned_about(string mapType)
    {
        var map = CertToTsnMap.Parse([TestPki.CertSecName(1, _pki.Ca, mapType)], "map");

        var warning = Assert.Single(CertMapWarnings.CaNameEntries(map, [_pki.Ca.Certificate, _pki.Server.Certificate]));
        Assert.Contains($"pins the CA 'CN={TestPki.CaName}'", warning);
        Assert.Contains("any certificate this CA issues may claim any name", warning);
    }

    [Fact]
    public void A_leaf_fingerprint_with_cn_is_not_a_CA_entry() =>
        Assert.Empty(CertMapWarnings.CaNameEntries(CertToTsnMap.Parse([TestPki.CertSecName(1, _pki.Client, "--cn")], "map"),
            [_pki.Ca.Certificate, _pki.Client.Certificate]));
}

/// <summary>The start logs the cert-map warnings of a DTLS endpoint.</summary>
public sealed class CertMapStartWarningTests() : DtlsReceiverSpec(pki => $$"""
    trap-actors.dtls.cert-map = ["{{TestPki.CertSecName(10, pki.Ca, "--cn")}}", "certSecName 20 --md5 {{Convert.ToHexStringLower(pki.Client.Info.Fingerprint(FingerprintHash.Md5))}} --sn ops"]
    """)
{
    [Fact]
    public async Task A_CA_pin_with_cn_and_an_MD5_pin_are_warned_about_at_start()
    {
        await EventFilter.Warning(contains: "an MD5 fingerprint is weak").ExpectOneAsync(async () =>
            await EventFilter.Warning(contains: "pins the CA 'CN=TrapActors Test CA'").ExpectOneAsync(async () => await DtlsPortAsync()));
    }
}
