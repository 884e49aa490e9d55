using Org.BouncyCastle.Asn1.X509;
using TrapActors.Dtls;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// net-snmp certSecName lines and the RFC 6353 §5.3.2 mapping. Every line form accepted here was also checked by hand
/// against snmptrapd 5.9.3's parser (flag-first order, quoted --sn, sha1 default, priority 0); the flag-after form is
/// our extension (net-snmp says "unknown argument --sha256").
/// </summary>
public sealed class CertToTsnMapTests : IDisposable
{
    private readonly TestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    private IReadOnlyList<CertificateInfo> ClientChain => [_pki.Client.Info, _pki.Ca.Info];

    [Fact]
    public void Net_snmp_syntax_with_the_hash_flag_before_the_fingerprint_parses()
    {
        var map = CertToTsnMap.Parse([TestPki.CertSecName(10, _pki.Client, "--cn")], "map");

        var entry = Assert.Single(map.Entries);
        Assert.Equal(10, entry.Priority);
        Assert.Equal(FingerprintHash.Sha256, entry.Hash);
        Assert.Equal(_pki.Client.Sha256Hex, Convert.ToHexStringLower(entry.Fingerprint));
        Assert.Equal(CertMapType.CommonName, entry.MapType);
        Assert.Null(entry.SecurityName);
    }

    [Fact]
    public void The_hash_flag_may_follow_the_fingerprint_as_the_issue_text_writes_it()
    {
        var map = CertToTsnMap.Parse([$"certSecName 5 {_pki.Client.Sha256Colons} --sha256 --sn ops"], "map");

        Assert.Equal(new CertToTsnEntry(5, FingerprintHash.Sha256, map.Entries[0].Fingerprint, CertMapType.Specified, "ops"), map.Entries[0]);
        Assert.Equal("ops", map.Map(ClientChain));
    }

    [Fact]
    public void Without_a_flag_a_20_octet_fingerprint_is_sha1_as_in_net_snmp()
    {
        var map = CertToTsnMap.Parse([$"certSecName 1 {_pki.Client.Sha1Colons} --dns"], "map");

        Assert.Equal(FingerprintHash.Sha1, map.Entries[0].Hash);
        Assert.Equal("sender.example.org", map.Map(ClientChain));
    }

    [Fact]
    public void Without_a_flag_a_32_octet_fingerprint_is_taken_as_sha256_since_sha1_could_never_match()
    {
        var map = CertToTsnMap.Parse([$"1 {_pki.Client.Sha256Hex} --ip"], "map");

        Assert.Equal(FingerprintHash.Sha256, map.Entries[0].Hash);
        Assert.Equal("127.0.0.1", map.Map(ClientChain));
    }

    [Fact]
    public void Fingerprints_parse_with_or_without_colons_in_any_case_and_the_keyword_is_optional()
    {
        var lower = _pki.Client.Sha256Hex;
        var map = CertToTsnMap.Parse(
        [
            "# comment",
            "",
            $"   certSecName 3 --sha256 {lower.ToUpperInvariant()} --cn",
            $"CERTSECNAME 2 --sha256 {_pki.Client.Sha256Colons.ToLowerInvariant()} --cn",
            $"1 --sha256 {lower} --sn \"two words\"",
        ], "map");

        Assert.Equal([1, 2, 3], map.Entries.Select(e => e.Priority));
        Assert.All(map.Entries, e => Assert.Equal(lower, Convert.ToHexStringLower(e.Fingerprint)));
        Assert.Equal("two words", map.Entries[0].SecurityName);
    }

    [Theory]
    [InlineData("certSecName x --sha256 {FP} --cn", "map:2: the priority 'x' is not a number")]
    [InlineData("certSecName -5 --sha256 {FP} --cn", "map:2: the priority '-5'")]
    [InlineData("certSecName 10 --sha256 {FP}", "map:2: missing the map type")]
    [InlineData("certSecName 10 --sha256 {FP} --bogus", "map:2: unknown map type '--bogus'")]
    [InlineData("certSecName 10 --sha256 {FP} --sn", "map:2: --sn needs a security name")]
    [InlineData("certSecName 10 --sha256 {FP} --sn abcdefghijabcdefghijabcdefghijabc", "map:2: the security name must have 1 to 32 octets")]
    [InlineData("certSecName 10 --sha256 ZZZZ --cn", "map:2: the fingerprint 'ZZZZ' is not hex")]
    [InlineData("certSecName 10 --sha256 client --cn", "certificate file names are not supported")]
    [InlineData("certSecName 10 --sha1 {FP} --cn", "map:2: a SHA1 fingerprint has 20 octets, this one has 32")]
    [InlineData("certSecName 10 --sha256 {FP} --sha256 --cn", "map:2: the hash algorithm is given twice")]
    [InlineData("certSecName 10 --sha256 {FP} --cn extra", "map:2: unexpected 'extra'")]
    [InlineData("certSecName 10 --sha256 --cn", "map:2: expected a fingerprint, found '--cn'")]
    [InlineData("certSecName 10 --sha256 {FP} --sn \"open", "map:2: unterminated")]
    [InlineData("certSecName", "map:2: missing the priority")]
    public void A_bad_line_is_reported_with_its_source_and_line_number(string line, string expected)
    {
        var lines = new[] { "# first line", line.Replace("{FP}", _pki.Client.Sha256Colons) };

        var error = Assert.Throws<DtlsConfigurationException>(() => CertToTsnMap.Parse(lines, "map"));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("--sn ops", "ops")]
    [InlineData("--rfc822", "ops@example.org")]
    [InlineData("--dns", "sender.example.org")]
    [InlineData("--ip", "127.0.0.1")]
    [InlineData("--any", "ops@example.org")]
    [InlineData("--cn", "trapsender")]
    public void Each_map_type_derives_its_name_from_the_leaf(string mapType, string expected)
    {
        var map = CertToTsnMap.Parse([TestPki.CertSecName(1, _pki.Client, mapType)], "map");

        Assert.Equal(expected, map.Map(ClientChain));
        Assert.Equal(expected, map.Map([_pki.Client.Info]));
    }

    [Fact]
    public void Rfc822_lowercases_only_the_host_part_and_dns_lowercases_everything()
    {
        var mixed = _pki.Issue("mixed", "CN=Mixed", _pki.Ca, KeyPurposeID.id_kp_clientAuth,
        [
            new GeneralName(GeneralName.DnsName, "Sender.EXAMPLE.org"),
            new GeneralName(GeneralName.Rfc822Name, "Ops.Team@EXAMPLE.Org"),
        ]);
        var chain = new[] { mixed.Info };

        Assert.Equal("Ops.Team@example.org", CertToTsnMap.Parse([TestPki.CertSecName(1, mixed, "--rfc822")], "m").Map(chain));
        Assert.Equal("sender.example.org", CertToTsnMap.Parse([TestPki.CertSecName(1, mixed, "--dns")], "m").Map(chain));
        Assert.Equal("sender.example.org", CertToTsnMap.Parse([TestPki.CertSecName(1, mixed, "--any")], "m").Map(chain));
    }

    [Fact]
    public void An_ipv6_address_maps_to_32_hex_digits()
    {
        var v6 = _pki.Issue("v6", "CN=v6", _pki.Ca, KeyPurposeID.id_kp_clientAuth, [new GeneralName(GeneralName.IPAddress, "2001:DB8::1")]);

        var map = CertToTsnMap.Parse([TestPki.CertSecName(1, v6, "--ip")], "m");

        Assert.Equal("20010db8000000000000000000000001", map.Map([v6.Info]));
    }

    [Fact]
    public void A_CA_fingerprint_maps_every_certificate_it_issued()
    {
        var map = CertToTsnMap.Parse([TestPki.CertSecName(60, _pki.Ca, "--ip")], "map");

        Assert.Equal("127.0.0.1", map.Map(ClientChain));
        Assert.True(map.IsPinned(ClientChain));
    }

    [Fact]
    public void A_CA_certificate_appended_to_a_chain_it_did_not_sign_neither_pins_nor_maps()
    {
        // Anyone can append the (public) CA certificate; only its key holder could have signed the leaf.
        var map = CertToTsnMap.Parse([TestPki.CertSecName(60, _pki.Ca, "--cn")], "map");
        IReadOnlyList<CertificateInfo> forged = [_pki.UntrustedClient.Info, _pki.Ca.Info];

        Assert.False(map.IsPinned(forged));
        Assert.Null(map.Map(forged));
    }

    [Fact]
    public void Entries_are_tried_by_priority_and_one_that_finds_no_name_passes_to_the_next()
    {
        var map = CertToTsnMap.Parse(
        [
            TestPki.CertSecName(30, _pki.Client, "--sn third"),
            TestPki.CertSecName(20, _pki.Client, "--dns"),
            TestPki.CertSecName(10, _pki.Ca, "--cn"),
        ], "map");

        Assert.Equal("trapsender", map.Map(ClientChain));
        // The unmapped client has neither a CN nor SANs: the CA entry and the --dns entry yield nothing for it.
        var unmapped = CertToTsnMap.Parse(
            [TestPki.CertSecName(10, _pki.Ca, "--cn"), TestPki.CertSecName(20, _pki.Ca, "--any"), TestPki.CertSecName(30, _pki.UnmappedClient, "--sn named")],
            "map");
        Assert.Equal("named", unmapped.Map([_pki.UnmappedClient.Info, _pki.Ca.Info]));
    }

    [Fact]
    public void Equal_priorities_keep_their_configured_order()
    {
        var map = CertToTsnMap.Parse(
            [TestPki.CertSecName(5, _pki.Client, "--sn first"), TestPki.CertSecName(5, _pki.Client, "--sn second")], "map");

        Assert.Equal("first", map.Map(ClientChain));
    }

    [Fact]
    public void A_derived_name_longer_than_32_octets_does_not_map()
    {
        var longName = new string('a', 30) + ".example.org";
        var cert = _pki.Issue("long", "CN=short", _pki.Ca, KeyPurposeID.id_kp_clientAuth, [new GeneralName(GeneralName.DnsName, longName)]);
        var map = CertToTsnMap.Parse([TestPki.CertSecName(1, cert, "--dns"), TestPki.CertSecName(2, cert, "--cn")], "map");

        Assert.Equal("short", map.Map([cert.Info]));
        Assert.Null(CertToTsnMap.Parse([TestPki.CertSecName(1, cert, "--dns")], "map").Map([cert.Info]));
    }

    [Fact]
    public void No_matching_fingerprint_means_no_mapping_and_no_pin()
    {
        var map = CertToTsnMap.Parse([TestPki.CertSecName(1, _pki.Client, "--cn")], "map");
        IReadOnlyList<CertificateInfo> other = [_pki.UnmappedClient.Info, _pki.Ca.Info];

        Assert.Null(map.Map(other));
        Assert.False(map.IsPinned(other));
        Assert.True(map.IsPinned(ClientChain));
        Assert.Null(CertToTsnMap.Empty.Map(ClientChain));
        Assert.Null(map.Map([]));
    }

    [Fact]
    public void A_sha1_entry_matches_by_its_own_hash()
    {
        var map = CertToTsnMap.Parse([$"certSecName 1 --sha1 {_pki.Ca.Sha1Hex} --sn by-sha1"], "map");

        Assert.Equal("by-sha1", map.Map(ClientChain));
    }

    [Fact]
    public void A_map_file_is_read_and_errors_name_the_file()
    {
        var path = _pki.WriteText("certmap.conf", $"# map\n{TestPki.CertSecName(1, _pki.Client, "--cn")}\ncertSecName 2 nonsense --cn\n");

        var error = Assert.Throws<DtlsConfigurationException>(() => CertToTsnMap.FromFile(path));
        Assert.StartsWith(path + ":3: ", error.Message);

        var missing = Assert.Throws<DtlsConfigurationException>(() => CertToTsnMap.FromFile(path + ".missing"));
        Assert.Contains("does not exist", missing.Message);
    }
}
