using System.Buffers;
using System.Text;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Snmp.Tests.Security;

/// <summary>
/// Key hygiene of the USM primitives: the copies they make are cleared, the caller's keys are not, and the
/// hand-written HMAC-SHA-224 (written so that its padded key can be cleared) matches RFC 4231.
/// </summary>
public sealed class KeyZeroingTests
{
    private static readonly byte[] EngineId = Convert.FromHexString("80001F888059DC486145A26322");

    [Fact]
    public void Verification_returns_its_pooled_copy_of_the_message_cleared()
    {
        // Long enough for a pool bucket of its own; the shared pool hands this thread the array it just took back.
        var message = Enumerable.Repeat((byte)0xA5, 3000).ToArray();
        var key = UsmKeys.Localize(AuthProtocol.HmacSha1, UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, "maplesyrup"), EngineId);

        Assert.False(UsmAuthentication.Verify(AuthProtocol.HmacSha1, key, message, 100, new byte[12]));
        var reused = ArrayPool<byte>.Shared.Rent(message.Length);
        try
        {
            Assert.DoesNotContain((byte)0xA5, reused.AsSpan(0, message.Length).ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(reused);
        }
    }

    [Fact]
    public void Deriving_keys_leaves_the_callers_keys_and_password_untouched()
    {
        var password = Encoding.UTF8.GetBytes("privpass12");
        var master = UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, password);
        var localized = UsmKeys.Localize(AuthProtocol.HmacSha1, master, EngineId);
        byte[][] inputs = [password, master, localized];
        var before = inputs.Select(b => b.ToArray()).ToArray();

        UsmKeys.PrivacyKey(AuthProtocol.HmacSha1, PrivProtocol.TripleDes, localized, EngineId);
        UsmKeys.PrivacyKey(AuthProtocol.HmacSha1, PrivProtocol.Aes256, localized, EngineId);
        UsmKeys.Localize(AuthProtocol.HmacSha1, master, EngineId);
        UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, password);

        Assert.Equal(before, inputs);
        Assert.Equal("privpass12", Encoding.UTF8.GetString(password));
    }

    [Theory]
    [InlineData(PrivProtocol.Des)]
    [InlineData(PrivProtocol.TripleDes)]
    [InlineData(PrivProtocol.Aes128)]
    [InlineData(PrivProtocol.Aes256Reeder)]
    public void Ciphers_leave_the_privacy_key_untouched(PrivProtocol protocol)
    {
        var localized = UsmKeys.Localize(AuthProtocol.HmacSha1, UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, "privpass12"), EngineId);
        var key = UsmKeys.PrivacyKey(AuthProtocol.HmacSha1, protocol, localized, EngineId);
        var copy = key.ToArray();
        var plain = Convert.FromHexString("300e0400040030080201010201000201");

        var cipher = UsmPrivacy.Encrypt(protocol, key, 3, 99, plain, out var salt);
        Assert.True(UsmPrivacy.TryDecrypt(protocol, key, 3, 99, salt, cipher, out var back));

        Assert.Equal(copy, key);
        Assert.Equal(plain, back[..plain.Length]);
    }

    [Fact]
    public void Signing_and_verifying_leave_the_authentication_key_untouched()
    {
        var key = UsmKeys.Localize(AuthProtocol.HmacSha224, UsmKeys.PasswordToKey(AuthProtocol.HmacSha224, "authpass12"), EngineId);
        var copy = key.ToArray();
        var message = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        message.AsSpan(50, 16).Clear();

        UsmAuthentication.Sign(AuthProtocol.HmacSha224, key, message, 50);

        Assert.True(UsmAuthentication.Verify(AuthProtocol.HmacSha224, key, message, 50, message.AsSpan(50, 16)));
        Assert.Equal(copy, key);
    }

    /// <summary>RFC 4231 test cases 1, 2 and 6, and keys of exactly one block and one byte more (Python's hmac).</summary>
    [Theory]
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22")]
    [InlineData("4a656665", "what do ya want for nothing?", "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44")]
    [InlineData("aa*131", "Test Using Larger Than Block-Size Key - Hash Key First", "95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e")]
    [InlineData("0..64", "abc", "d65b4a916ed998e720eee0efa6c91e623e9619f10b074f9c8a7c2d35")]
    [InlineData("0..65", "abc", "1a4986499f0de7b86376e7d02c78261e2c4bc1d5f289d175750413d5")]
    public void Hmac_sha_224_matches_the_published_values(string key, string data, string expected)
    {
        var keyBytes = key switch
        {
            "aa*131" => Enumerable.Repeat((byte)0xaa, 131).ToArray(),
            "0..64" => Enumerable.Range(0, 64).Select(i => (byte)i).ToArray(),
            "0..65" => Enumerable.Range(0, 65).Select(i => (byte)i).ToArray(),
            _ => Convert.FromHexString(key),
        };
        var mac = new byte[64];

        UsmDigest.Hmac(AuthProtocol.HmacSha224, keyBytes, Encoding.ASCII.GetBytes(data), mac);

        Assert.Equal(expected, Convert.ToHexStringLower(mac.AsSpan(0, 28)));
        Assert.All(mac[28..], b => Assert.Equal(0, b));
    }
}
