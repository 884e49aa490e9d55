using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Snmp.Tests.Security;

/// <summary>
/// Authentication and decryption of packets net-snmp's snmptrap produced (Vectors/v3-sha*.hex, user with
/// "authpass123"/"privpass123", engine 8000000001020304), and CBC vectors computed with the openssl command.
/// </summary>
public sealed class UsmCryptoVectorTests
{
    private static readonly byte[] EngineId = Convert.FromHexString("8000000001020304");

    private static byte[] Key(AuthProtocol auth, string password) =>
        UsmKeys.Localize(auth, UsmKeys.PasswordToKey(auth, password), EngineId);

    [Fact]
    public void A_net_snmp_sha_trap_verifies_with_the_right_password_only()
    {
        var message = Vectors.DecodeV3(Vectors.Load("v3-sha"));
        var usm = message.Usm!;
        Assert.True(UsmAuthentication.Verify(AuthProtocol.HmacSha1, Key(AuthProtocol.HmacSha1, "authpass123"), message.WholeMessage.Span, message.AuthParametersOffset, usm.AuthParameters.Span));
        Assert.False(UsmAuthentication.Verify(AuthProtocol.HmacSha1, Key(AuthProtocol.HmacSha1, "authpass124"), message.WholeMessage.Span, message.AuthParametersOffset, usm.AuthParameters.Span));
        Assert.False(UsmAuthentication.Verify(AuthProtocol.HmacMd5, Key(AuthProtocol.HmacMd5, "authpass123"), message.WholeMessage.Span, message.AuthParametersOffset, usm.AuthParameters.Span));
    }

    [Fact]
    public void A_tampered_message_fails_verification()
    {
        var bytes = Vectors.Load("v3-sha");
        bytes[^1] ^= 0x01;
        var message = Vectors.DecodeV3(bytes);
        Assert.False(UsmAuthentication.Verify(AuthProtocol.HmacSha1, Key(AuthProtocol.HmacSha1, "authpass123"), message.WholeMessage.Span, message.AuthParametersOffset, message.Usm!.AuthParameters.Span));
    }

    [Fact]
    public void Signing_reproduces_net_snmps_mac()
    {
        var original = Vectors.Load("v3-sha");
        var message = Vectors.DecodeV3(original);
        var copy = (byte[])original.Clone();
        UsmAuthentication.Sign(AuthProtocol.HmacSha1, Key(AuthProtocol.HmacSha1, "authpass123"), copy, message.AuthParametersOffset);
        Assert.Equal(original, copy);
    }

    [Fact]
    public void A_net_snmp_aes_trap_decrypts_to_its_scoped_pdu()
    {
        var message = Vectors.DecodeV3(Vectors.Load("v3-sha-aes"));
        var usm = message.Usm!;
        var privKey = UsmKeys.PrivacyKey(AuthProtocol.HmacSha1, PrivProtocol.Aes128, Key(AuthProtocol.HmacSha1, "privpass123"), EngineId);
        Assert.True(UsmPrivacy.TryDecrypt(PrivProtocol.Aes128, privKey, usm.EngineBoots, usm.EngineTime, usm.PrivParameters.Span, message.EncryptedPdu.Span, out var plain));
        Assert.True(SnmpMessageDecoder.TryDecodeScopedPdu(plain, DecodeLimits.Default, out var scoped, out var error), error.ToString());
        Assert.Equal(PduType.TrapV2, scoped.Pdu.Type);
        Assert.Equal(WellKnownOids.SysUpTime0, scoped.Pdu.VarBinds[0].Oid);
    }

    [Fact]
    public void The_wrong_privacy_password_yields_no_scoped_pdu()
    {
        var message = Vectors.DecodeV3(Vectors.Load("v3-sha-aes"));
        var usm = message.Usm!;
        var privKey = UsmKeys.PrivacyKey(AuthProtocol.HmacSha1, PrivProtocol.Aes128, Key(AuthProtocol.HmacSha1, "privpass999"), EngineId);
        Assert.True(UsmPrivacy.TryDecrypt(PrivProtocol.Aes128, privKey, usm.EngineBoots, usm.EngineTime, usm.PrivParameters.Span, message.EncryptedPdu.Span, out var plain));
        Assert.False(SnmpMessageDecoder.TryDecodeScopedPdu(plain, DecodeLimits.Default, out _, out _));
    }

    // Computed with `openssl enc -des-ede3-cbc -nopad` / `-des-cbc` (OpenSSL 3.0) for key material derived from
    // "privpass12" on engine 80001F888059DC486145A26322 (SHA with the Reeder extension for 3DES; MD5 for DES),
    // salt 0000000100000007, IV = pre-IV XOR salt.
    private const string Plain = "301602080000000000000000040061a802010102010002010030000000000000";
    private static readonly byte[] Salt = Convert.FromHexString("0000000100000007");

    [Theory]
    [InlineData(PrivProtocol.TripleDes, "7441e9d9674a55709c82b9c9eb7d2d66da95a329246a4965e8bc7cf8dac2a1a6", "b90d669eb16344a2303d689e118429591f913f4bc48b688f069d744195df0306")]
    [InlineData(PrivProtocol.Des, "92e9863298306abfa9250c4f54ff245d", "0d0b1805ed4396e1de8d57a901b8fa29099450e53eeb1c0e794bd8891a6bca0b")]
    public void Cbc_ciphers_match_openssl(PrivProtocol protocol, string keyHex, string cipherHex)
    {
        Assert.True(UsmPrivacy.TryDecrypt(protocol, Convert.FromHexString(keyHex), 1, 0, Salt, Convert.FromHexString(cipherHex), out var plain));
        Assert.Equal(Plain, Convert.ToHexStringLower(plain));
    }

    [Theory]
    [InlineData(PrivProtocol.Des)]
    [InlineData(PrivProtocol.TripleDes)]
    [InlineData(PrivProtocol.Aes128)]
    [InlineData(PrivProtocol.Aes192)]
    [InlineData(PrivProtocol.Aes256Reeder)]
    public void Encrypt_then_decrypt_returns_the_plaintext(PrivProtocol protocol)
    {
        var key = UsmKeys.PrivacyKey(AuthProtocol.HmacSha1, protocol, Key(AuthProtocol.HmacSha1, "privpass123"), EngineId);
        var plain = Convert.FromHexString("300e0400040030080201010201000201");
        var cipher = UsmPrivacy.Encrypt(protocol, key, 7, 1234, plain, out var salt);
        Assert.NotEqual(plain, cipher[..plain.Length]);
        Assert.True(UsmPrivacy.TryDecrypt(protocol, key, 7, 1234, salt, cipher, out var back));
        Assert.Equal(plain, back[..plain.Length]);
        if (protocol.IsAes())
            Assert.Equal(plain.Length, cipher.Length);
        else
            Assert.Equal(0, cipher.Length % 8);
    }

    [Theory]
    [InlineData(PrivProtocol.Des, 8, 15)]
    [InlineData(PrivProtocol.Aes128, 7, 16)]
    [InlineData(PrivProtocol.TripleDes, 8, 0)]
    public void Bad_privacy_parameters_or_lengths_are_refused_without_throwing(PrivProtocol protocol, int saltLength, int cipherLength)
    {
        Assert.False(UsmPrivacy.TryDecrypt(protocol, new byte[32], 0, 0, new byte[saltLength], new byte[cipherLength], out _));
    }
}
