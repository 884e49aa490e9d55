using System.Collections.Immutable;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// Keys given instead of passwords are checked when the user is made: a master key (Ku) is as long as its
/// authentication protocol's hash, a localized authentication key too, a localized privacy key as long as the hash
/// (extended or cut for the cipher) or as the cipher's key material. A wrong length is refused with error 329 and a
/// message naming the user and the expected length, never the key.
/// </summary>
public sealed class UsmKeyLengthTests
{
    private static readonly ImmutableArray<byte> Engine = UsmTestData.Engine("800000000102030405");

    private static byte[] Key(int length) => Enumerable.Range(0, length).Select(i => (byte)(0xA0 + i)).ToArray();

    private static UsmSecret Secret(UsmSecretKind kind, int length) =>
        kind == UsmSecretKind.MasterKey ? UsmSecret.MasterKey(Key(length)) : UsmSecret.LocalizedKey(Key(length));

    public static TheoryData<string, AuthProtocol, UsmSecretKind, int, PrivProtocol, UsmSecretKind, int, string> WrongLengths() => new()
    {
        { "localized SHA key of 15", AuthProtocol.HmacSha1, UsmSecretKind.LocalizedKey, 15, PrivProtocol.None, UsmSecretKind.LocalizedKey, 0, "20 octets" },
        { "master SHA key of 19", AuthProtocol.HmacSha1, UsmSecretKind.MasterKey, 19, PrivProtocol.None, UsmSecretKind.MasterKey, 0, "20 octets" },
        { "master SHA-256 key of 20", AuthProtocol.HmacSha256, UsmSecretKind.MasterKey, 20, PrivProtocol.None, UsmSecretKind.MasterKey, 0, "32 octets" },
        { "localized AES key of 15", AuthProtocol.HmacSha1, UsmSecretKind.LocalizedKey, 20, PrivProtocol.Aes128, UsmSecretKind.LocalizedKey, 15, "20 octets" },
        { "localized AES-256 key of 24", AuthProtocol.HmacMd5, UsmSecretKind.LocalizedKey, 16, PrivProtocol.Aes256, UsmSecretKind.LocalizedKey, 24, "16 octets" },
        { "master privacy key of 16 for SHA", AuthProtocol.HmacSha1, UsmSecretKind.MasterKey, 20, PrivProtocol.Des, UsmSecretKind.MasterKey, 16, "20 octets" },
    };

    [Theory]
    [MemberData(nameof(WrongLengths))]
    public void A_key_of_the_wrong_length_is_refused_with_329_naming_the_user_and_the_length_not_the_key(
        string user, AuthProtocol auth, UsmSecretKind authKind, int authLength, PrivProtocol priv, UsmSecretKind privKind, int privLength, string expected)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new UsmUser(user, auth, Secret(authKind, authLength),
            priv, priv == PrivProtocol.None ? null : Secret(privKind, privLength), Engine));

        Assert.Equal(TrapReceiverErrorCodes.IncorrectKeyLength, Assert.IsType<UsmKeyLengthException>(e).ErrorCode);
        Assert.Equal(329, TrapReceiverErrorCodes.IncorrectKeyLength);
        Assert.Equal(user, ((UsmKeyLengthException)e).UserName);
        Assert.Contains($"'{user}'", e.Message);
        Assert.Contains(expected, e.Message);
        foreach (var length in new[] { authLength, privLength }.Where(l => l >= 4))
        {
            var key = Key(length);
            Assert.DoesNotContain(Convert.ToHexString(key.AsSpan(0, 4)), e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(key.AsSpan(0, 3)), e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(AuthProtocol.HmacSha1, 20, PrivProtocol.Aes128, 20)]    // the localized key, cut for the cipher
    [InlineData(AuthProtocol.HmacSha1, 20, PrivProtocol.Aes128, 16)]    // the cipher's key itself (net-snmp's -l)
    [InlineData(AuthProtocol.HmacSha1, 20, PrivProtocol.Aes256, 32)]    // extended already
    [InlineData(AuthProtocol.HmacMd5, 16, PrivProtocol.Aes256Reeder, 16)]
    [InlineData(AuthProtocol.HmacSha512, 64, PrivProtocol.TripleDes, 32)]
    public void Localized_keys_of_the_right_lengths_are_accepted(AuthProtocol auth, int authLength, PrivProtocol priv, int privLength)
    {
        var user = new UsmUser("ok", auth, UsmSecret.LocalizedKey(Key(authLength)), priv, UsmSecret.LocalizedKey(Key(privLength)), Engine);
        Assert.Equal(SecurityLevel.AuthPriv, user.Level);
    }

    [Fact]
    public void Master_keys_are_as_long_as_the_authentication_hash_whatever_the_cipher()
    {
        var user = new UsmUser("ok", AuthProtocol.HmacSha384, UsmSecret.MasterKey(Key(48)), PrivProtocol.Aes128, UsmSecret.MasterKey(Key(48)));
        Assert.Equal(SecurityLevel.AuthPriv, user.Level);
        Assert.ThrowsAny<ArgumentException>(() => new UsmUser("short", AuthProtocol.HmacSha384, UsmSecret.MasterKey(Key(48)), PrivProtocol.Aes128, UsmSecret.MasterKey(Key(16))));
    }
}
