using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Snmp.Tests.Security;

/// <summary>
/// Key derivation against published vectors: RFC 3414 Appendix A.3 for MD5 and SHA-1, and for SHA-2 and the key
/// extensions values computed independently (Python hashlib over the RFC 3414 A.2 algorithm; the MD5/SHA
/// extensions also match published net-snmp-compatible vectors for engine 80001F888059DC486145A26322).
/// </summary>
public sealed class UsmKeysTests
{
    private static readonly byte[] RfcEngineId = Convert.FromHexString("000000000000000000000002");
    private static readonly byte[] OtherEngineId = Convert.FromHexString("80001F888059DC486145A26322");

    [Theory]
    [InlineData(AuthProtocol.HmacMd5, "9faf3283884e92834ebc9847d8edd963", "526f5eed9fcce26f8964c2930787d82b")]
    [InlineData(AuthProtocol.HmacSha1, "9fb5cc0381497b3793528939ff788d5d79145211", "6695febc9288e36282235fc7151f128497b38f3f")]
    [InlineData(AuthProtocol.HmacSha224, "282a5867ee9aac639ad59df9572c7d3ac0fbc13a905b6df07dbbf00b", "0bd8827c6e29f8065e08e09237f177e410f69b90e1782be682075674")]
    [InlineData(AuthProtocol.HmacSha256, "ab51014d1e077f6017df2b12bee5f5aa72993177e9bb569c4dff5a4ca0b4afac", "8982e0e549e866db361a6b625d84cccc11162d453ee8ce3a6445c2d6776f0f8b")]
    [InlineData(AuthProtocol.HmacSha384, "e06eccdf2c68a06ed034723c9c26e0db3b669e1e2efed49150b55377a2e98f383c86fb836857444654b287c93f51ff64", "3b298f16164a11184279d5432bf169e2d2a48307de02b3d3f7e2b4f36eb6f0455a53689a3937eea07319a633d2ccba78")]
    [InlineData(AuthProtocol.HmacSha512, "7e4396de5aadc77be853819b98c9406265b3a9c37cc3176569847a4e4f6fba63dd3a73d04924d31a63f95a601f9385af6be4ed1b37f87d040f7c6ed6f8d38a91", "22a5a36cedfcc085807a128d7bc6c2382167ad6c0dbc5fdff856740f3d84c099ad1ea87a8db096714d9788bd544047c9021e4229ce27e4c0a69250adfcffbb0b")]
    public void Password_maplesyrup_gives_the_published_master_and_localized_keys(AuthProtocol protocol, string masterHex, string localizedHex)
    {
        var master = UsmKeys.PasswordToKey(protocol, "maplesyrup");
        Assert.Equal(masterHex, Convert.ToHexStringLower(master));
        Assert.Equal(localizedHex, Convert.ToHexStringLower(UsmKeys.Localize(protocol, master, RfcEngineId)));
    }

    [Theory]
    [InlineData(AuthProtocol.HmacMd5, PrivProtocol.Aes256, "92e9863298306abfa9250c4f54ff245db7d738fc71d8ca6a36993c212b6ac7dd")]
    [InlineData(AuthProtocol.HmacMd5, PrivProtocol.Aes256Reeder, "92e9863298306abfa9250c4f54ff245db0c03abe3db564b4dc7265ed57786fea")]
    [InlineData(AuthProtocol.HmacMd5, PrivProtocol.Aes192, "92e9863298306abfa9250c4f54ff245db7d738fc71d8ca6a")]
    [InlineData(AuthProtocol.HmacMd5, PrivProtocol.Aes192Reeder, "92e9863298306abfa9250c4f54ff245db0c03abe3db564b4")]
    [InlineData(AuthProtocol.HmacSha1, PrivProtocol.Aes256, "7441e9d9674a55709c82b9c9eb7d2d66da95a329af1e091732ed5f388f49b3ac")]
    [InlineData(AuthProtocol.HmacSha1, PrivProtocol.Aes256Reeder, "7441e9d9674a55709c82b9c9eb7d2d66da95a329246a4965e8bc7cf8dac2a1a6")]
    [InlineData(AuthProtocol.HmacSha1, PrivProtocol.Aes192, "7441e9d9674a55709c82b9c9eb7d2d66da95a329af1e0917")]
    [InlineData(AuthProtocol.HmacSha1, PrivProtocol.Aes192Reeder, "7441e9d9674a55709c82b9c9eb7d2d66da95a329246a4965")]
    [InlineData(AuthProtocol.HmacSha1, PrivProtocol.TripleDes, "7441e9d9674a55709c82b9c9eb7d2d66da95a329246a4965e8bc7cf8dac2a1a6")]
    [InlineData(AuthProtocol.HmacSha224, PrivProtocol.Aes256, "9071f7d8fb51a0a9776a0de4124b694d5a26b5b88ce3e8dfd07927859a5822e9")]
    [InlineData(AuthProtocol.HmacSha224, PrivProtocol.Aes256Reeder, "9071f7d8fb51a0a9776a0de4124b694d5a26b5b88ce3e8dfd07927852afc4528")]
    [InlineData(AuthProtocol.HmacSha224, PrivProtocol.Aes192, "9071f7d8fb51a0a9776a0de4124b694d5a26b5b88ce3e8df")]
    public void Privacy_keys_are_extended_per_variant(AuthProtocol auth, PrivProtocol priv, string expectedHex)
    {
        var localized = UsmKeys.Localize(auth, UsmKeys.PasswordToKey(auth, "privpass12"), OtherEngineId);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(UsmKeys.PrivacyKey(auth, priv, localized, OtherEngineId)));
    }

    [Fact]
    public void Keys_long_enough_are_cut_not_extended()
    {
        var localized = UsmKeys.Localize(AuthProtocol.HmacSha256, UsmKeys.PasswordToKey(AuthProtocol.HmacSha256, "privpass12"), OtherEngineId);
        Assert.Equal(localized[..32], UsmKeys.PrivacyKey(AuthProtocol.HmacSha256, PrivProtocol.Aes256, localized, OtherEngineId));
        Assert.Equal(localized[..32], UsmKeys.PrivacyKey(AuthProtocol.HmacSha256, PrivProtocol.Aes256Reeder, localized, OtherEngineId));
        Assert.Equal(localized[..16], UsmKeys.PrivacyKey(AuthProtocol.HmacSha256, PrivProtocol.Des, localized, OtherEngineId));
    }

    [Fact]
    public void An_empty_password_is_refused()
    {
        Assert.Throws<ArgumentException>(() => UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, ""));
    }

    [Theory]
    [InlineData("MD5", AuthProtocol.HmacMd5)]
    [InlineData("sha", AuthProtocol.HmacSha1)]
    [InlineData("SHA-224", AuthProtocol.HmacSha224)]
    [InlineData("SHA-512", AuthProtocol.HmacSha512)]
    public void Auth_protocol_names_follow_net_snmp(string name, AuthProtocol expected)
    {
        Assert.True(AuthProtocols.TryParse(name, out var parsed));
        Assert.Equal(expected, parsed);
        Assert.True(AuthProtocols.TryParse(parsed.Name(), out var again));
        Assert.Equal(expected, again);
    }

    [Theory]
    [InlineData("DES", PrivProtocol.Des)]
    [InlineData("3DES", PrivProtocol.TripleDes)]
    [InlineData("AES", PrivProtocol.Aes128)]
    [InlineData("AES-192", PrivProtocol.Aes192)]
    [InlineData("AES-256-C", PrivProtocol.Aes256Reeder)]
    public void Priv_protocol_names_follow_net_snmp(string name, PrivProtocol expected)
    {
        Assert.True(PrivProtocols.TryParse(name, out var parsed));
        Assert.Equal(expected, parsed);
        Assert.True(PrivProtocols.TryParse(parsed.Name(), out var again));
        Assert.Equal(expected, again);
    }

    [Fact]
    public void Unknown_protocol_names_are_rejected()
    {
        Assert.False(AuthProtocols.TryParse("SHA-999", out _));
        Assert.False(PrivProtocols.TryParse("AES-512", out _));
    }
}
