using System.Text;
using TrapActors.Configuration;
using TrapActors.Daemon;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Daemon.Tests;

public sealed class UsersFileTests : IDisposable
{
    private const string File = "users.conf";

    /// <summary>Every password used in these tests: none may ever appear in an error or ToString.</summary>
    private static readonly string[] Passwords =
    [
        "authpass1", "privpass1", "Sh0rt!", "tiny", "s3cretAuth", "s3cretPriv", "w1th space", "quote\"d pass",
        "a'pos pass", "back\\slash", "p#ss w0rd", "toolong-name-pass",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("trapactors-users-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static UsmUser One(string line)
    {
        Assert.True(UsersFile.TryParse(line, File, out var users, out var error), error);
        Assert.Equal("", error);
        return Assert.Single(users);
    }

    /// <summary>The error for a file whose line <paramref name="lineNumber"/> is <paramref name="line"/>; asserts FILE:LINE: and no password.</summary>
    private static string Error(string line, int lineNumber = 1)
    {
        var text = string.Concat(Enumerable.Repeat("# filler\n", lineNumber - 1)) + line + "\n";
        Assert.False(UsersFile.TryParse(text, File, out var users, out var error));
        Assert.True(users.IsEmpty);
        var prefix = $"{File}:{lineNumber}: ";
        Assert.StartsWith(prefix, error);
        Assert.DoesNotContain('\n', error);
        AssertNoPassword(error);
        return error[prefix.Length..];
    }

    private static void AssertNoPassword(string text)
    {
        foreach (var password in Passwords)
            Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        foreach (var fragment in new[] { "authpass", "privpass", "s3cret", "Sh0rt", "tiny", "w1th", "p#ss" })
            Assert.DoesNotContain(fragment, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MD5", AuthProtocol.HmacMd5)]
    [InlineData("SHA", AuthProtocol.HmacSha1)]
    [InlineData("SHA-224", AuthProtocol.HmacSha224)]
    [InlineData("SHA-256", AuthProtocol.HmacSha256)]
    [InlineData("SHA-384", AuthProtocol.HmacSha384)]
    [InlineData("SHA-512", AuthProtocol.HmacSha512)]
    [InlineData("sha-256", AuthProtocol.HmacSha256)]
    [InlineData("md5", AuthProtocol.HmacMd5)]
    public void Every_authentication_protocol(string name, AuthProtocol expected)
    {
        var user = One($"createUser alice {name} authpass1");
        Assert.Equal("alice", user.Name);
        Assert.Equal(expected, user.Auth);
        Assert.Equal(PrivProtocol.None, user.Priv);
        Assert.Equal(SecurityLevel.AuthNoPriv, user.Level);
        Assert.Equal(UsmSecretKind.Password, user.AuthSecret!.Kind);
        Assert.Null(user.PrivSecret);
        Assert.True(user.AnyEngine);
    }

    [Theory]
    [InlineData("DES", PrivProtocol.Des)]
    [InlineData("3DES", PrivProtocol.TripleDes)]
    [InlineData("AES", PrivProtocol.Aes128)]
    [InlineData("AES-192", PrivProtocol.Aes192)]
    [InlineData("AES-256", PrivProtocol.Aes256)]
    [InlineData("AES-192-C", PrivProtocol.Aes192Reeder)]
    [InlineData("AES-256-C", PrivProtocol.Aes256Reeder)]
    [InlineData("aes", PrivProtocol.Aes128)]
    public void Every_privacy_protocol(string name, PrivProtocol expected)
    {
        var user = One($"createUser bob SHA-256 authpass1 {name} privpass1");
        Assert.Equal(AuthProtocol.HmacSha256, user.Auth);
        Assert.Equal(expected, user.Priv);
        Assert.Equal(SecurityLevel.AuthPriv, user.Level);
        Assert.NotNull(user.PrivSecret);
    }

    [Fact]
    public void No_privacy_password_means_the_authentication_password()
    {
        // The same key material: the privacy secret is the authentication password's bytes.
        var same = One("createUser carol SHA authpass1 AES");
        var explicitSame = One("createUser carol SHA authpass1 AES authpass1");
        var different = One("createUser carol SHA authpass1 AES privpass1");
        Assert.Equal(PrivProtocol.Aes128, same.Priv);
        Assert.Equal(Secret(explicitSame.PrivSecret!), Secret(same.PrivSecret!));
        Assert.Equal(Secret(same.AuthSecret!), Secret(same.PrivSecret!));
        Assert.Equal(Encoding.UTF8.GetBytes("authpass1"), Secret(same.PrivSecret!));
        Assert.Equal(Encoding.UTF8.GetBytes("privpass1"), Secret(different.PrivSecret!));
    }

    /// <summary>A secret's bytes (the library keeps them private; a test may peek).</summary>
    private static byte[] Secret(UsmSecret secret) => secret.Value.ToArray();


    [Fact]
    public void A_name_alone_is_a_noAuthNoPriv_user()
    {
        var user = One("createUser guest");
        Assert.Equal("guest", user.Name);
        Assert.Equal(AuthProtocol.None, user.Auth);
        Assert.Equal(PrivProtocol.None, user.Priv);
        Assert.Equal(SecurityLevel.NoAuthNoPriv, user.Level);
        Assert.True(user.AnyEngine);
    }

    [Theory]
    [InlineData("8000000001020304")]
    [InlineData("0x8000000001020304")]
    [InlineData("0X8000000001020304")]
    [InlineData("0x80000000010203")]
    public void Engine_id_with_or_without_0x(string engineId)
    {
        var user = One($"createUser -e {engineId} alice MD5 authpass1 DES privpass1");
        Assert.False(user.AnyEngine);
        var expected = engineId.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? engineId[2..] : engineId;
        Assert.Equal(expected.ToLowerInvariant(), Convert.ToHexStringLower(user.EngineId.AsSpan()));
        Assert.Equal(PrivProtocol.Des, user.Priv);
    }

    [Fact]
    public void Engine_ids_of_5_and_32_octets_are_the_limits()
    {
        Assert.Equal(5, One("createUser -e 0102030405 a").EngineId.Length);
        Assert.Equal(32, One($"createUser -e {new string('a', 64)} a").EngineId.Length);
    }

    [Fact]
    public void Comments_blank_lines_and_CRLF_are_ignored()
    {
        const string text = "# SNMPv3 users\r\n\r\n   \t\n  # indented comment\ncreateUser alice SHA authpass1 AES privpass1\r\n" +
            "\n#createUser ghost MD5 authpass1\ncreateUser -e 0x8000000001020304 bob MD5 authpass1\n";
        Assert.True(UsersFile.TryParse(text, File, out var users, out var error), error);
        Assert.Equal(["alice", "bob"], users.Select(u => u.Name));
        Assert.True(users[0].AnyEngine);
        Assert.False(users[1].AnyEngine);
    }

    [Fact]
    public void An_empty_file_has_no_users()
    {
        Assert.True(UsersFile.TryParse("", File, out var users, out _));
        Assert.Empty(users);
        Assert.True(UsersFile.TryParse("# nothing\n\n", File, out users, out _));
        Assert.Empty(users);
    }

    [Fact]
    public void The_directive_is_case_insensitive_and_words_may_be_separated_by_tabs()
    {
        var user = One("CREATEUSER\talice\tSHA\tauthpass1");
        Assert.Equal("alice", user.Name);
    }

    [Fact]
    public void Quoted_words_and_backslash_escapes_as_net_snmp_splits_them()
    {
        Assert.True(NetSnmpConfigLine.TrySplit("createUser \"al ice\" SHA 'w1th space' AES \"quote\\\"d pass\" back\\ slash", out var words, out var reason), reason);
        Assert.Equal(["createUser", "al ice", "SHA", "w1th space", "AES", "quote\"d pass", "back slash"], words.ToArray());

        var user = One("createUser \"al ice\" SHA \"w1th space\" AES 'a\\'pos pass'");
        Assert.Equal("al ice", user.Name);
        Assert.Equal(PrivProtocol.Aes128, user.Priv);
        Assert.Equal(Encoding.UTF8.GetBytes("w1th space"), Secret(user.AuthSecret!));
        Assert.Equal(Encoding.UTF8.GetBytes("a'pos pass"), Secret(user.PrivSecret!));
    }

    [Fact]
    public void A_hash_inside_a_line_is_part_of_a_password()
    {
        var user = One("createUser alice SHA \"p#ss w0rd\"");
        Assert.Equal(SecurityLevel.AuthNoPriv, user.Level);
        Assert.Equal(Encoding.UTF8.GetBytes("p#ss w0rd"), Secret(user.AuthSecret!));
    }

    [Fact]
    public void ToString_never_shows_a_password()
    {
        var user = One("createUser -e 0x8000000001020304 alice SHA-512 s3cretAuth AES-256 s3cretPriv");
        var text = user.ToString();
        Assert.Contains("alice", text);
        Assert.Contains("8000000001020304", text);
        AssertNoPassword(text);
        AssertNoPassword(user.AuthSecret!.ToString());
        AssertNoPassword(user.PrivSecret!.ToString());
    }

    // ---------------------------------------------------------------- errors

    [Theory]
    [InlineData("createUser alice SHA-1024 authpass1")]
    [InlineData("createUser alice authpass1")]
    [InlineData("createUser alice s3cretAuth AES s3cretPriv")]
    public void Unknown_authentication_protocol(string line) =>
        Assert.Equal("unknown authentication protocol for user 'alice' (expected MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512)", Error(line, 3));

    [Theory]
    [InlineData("createUser alice SHA authpass1 AES-512 privpass1")]
    [InlineData("createUser alice SHA authpass1 BLOWFISH")]
    [InlineData("createUser alice SHA authpass1 privpass1")]
    public void Unknown_privacy_protocol(string line) =>
        Assert.Equal("unknown privacy protocol for user 'alice' (expected DES, 3DES, AES, AES-192, AES-256, AES-192-C or AES-256-C)", Error(line, 2));

    [Fact]
    public void Missing_authentication_password() =>
        Assert.Equal("missing authentication password for user 'alice' after SHA-256", Error("createUser alice SHA-256", 4));

    [Fact]
    public void Missing_user_name()
    {
        Assert.Equal("missing user name", Error("createUser"));
        Assert.Equal("missing user name", Error("createUser -e 0x8000000001020304", 2));
        Assert.Equal("the user name is empty", Error("createUser \"\" SHA authpass1"));
    }

    [Theory]
    [InlineData("createUser alice MD5 Sh0rt!", "authentication")]
    [InlineData("createUser alice MD5 tiny AES privpass1", "authentication")]
    [InlineData("createUser alice MD5 \"\"", "authentication")]
    [InlineData("createUser alice MD5 authpass1 AES tiny", "privacy")]
    [InlineData("createUser alice MD5 authpass1 DES Sh0rt!", "privacy")]
    public void Passwords_shorter_than_8_characters(string line, string kind) =>
        Assert.Equal($"the {kind} password of user 'alice' is shorter than 8 characters (net-snmp refuses it too)", Error(line, 5));

    [Fact]
    public void Eight_characters_is_enough()
    {
        Assert.Equal(SecurityLevel.AuthPriv, One("createUser alice MD5 12345678 DES abcdefgh").Level);
    }

    [Theory]
    [InlineData("createUser -e 0x80000000zz alice SHA authpass1", "bad engine ID after -e: an engine ID is hex digits (optionally after 0x)")]
    [InlineData("createUser -e 800000000 alice SHA authpass1", "bad engine ID after -e: an engine ID needs an even number of hex digits")]
    [InlineData("createUser -e 0x80000001 alice SHA authpass1", "bad engine ID after -e: an engine ID is 5 to 32 octets, not 4")]
    [InlineData("createUser -e 0x alice SHA authpass1", "bad engine ID after -e: an engine ID needs hex digits")]
    [InlineData("createUser -e s3cretAuth alice", "bad engine ID after -e: an engine ID is hex digits (optionally after 0x)")]
    public void Bad_engine_ids(string line, string expected) => Assert.Equal(expected, Error(line, 2));

    [Fact]
    public void Engine_id_longer_than_32_octets() =>
        Assert.Equal("bad engine ID after -e: an engine ID is 5 to 32 octets, not 33", Error($"createUser -e {new string('1', 66)} alice"));

    [Fact]
    public void Minus_e_without_a_value() => Assert.Equal("-e needs an engine ID", Error("createUser -e"));

    [Theory]
    [InlineData("createUser alice SHA authpass1 AES privpass1 extra", "unexpected word after the privacy password of user 'alice'")]
    [InlineData("createUser alice SHA authpass1 AES privpass1 s3cretAuth s3cretPriv", "unexpected 2 words after the privacy password of user 'alice'")]
    [InlineData("createUser alice SHA authpass1 AES privpass1 # comment", "unexpected 2 words after the privacy password of user 'alice'")]
    public void Junk_after_the_last_password(string line, string expected) => Assert.Equal(expected, Error(line, 7));

    [Theory]
    [InlineData("authCommunity log public")]
    [InlineData("createUsers alice SHA authpass1")]
    [InlineData("s3cretAuth")]
    [InlineData("alice SHA authpass1")]
    public void Lines_other_than_createUser(string line) => Assert.Equal("expected a createUser line", Error(line));

    [Theory]
    [InlineData("createUser -m alice SHA authpass1", "unknown option -m (only -e ENGINEID is supported)")]
    [InlineData("createUser -E 0x8000000001020304 alice", "unknown option -E (only -e ENGINEID is supported)")]
    [InlineData("createUser --engine alice", "unknown option (only -e ENGINEID is supported)")]
    public void Unsupported_options(string line, string expected) => Assert.Equal(expected, Error(line));

    // ---------------------------------------------------------------- keys instead of passwords (net-snmp's -m / -l)

    private const string Engine = "0x8000000001020304";
    private static readonly string Sha20 = "0x" + Convert.ToHexString(Enumerable.Range(0xA0, 20).Select(i => (byte)i).ToArray());
    private static readonly string Aes16 = "0x" + Convert.ToHexString(Enumerable.Range(0xC0, 16).Select(i => (byte)i).ToArray());

    [Fact]
    public void Master_and_localized_keys_in_hex_as_net_snmp_writes_them()
    {
        var master = One($"createUser bob SHA -m {Sha20} AES -m {Sha20}");
        Assert.Equal((UsmSecretKind.MasterKey, UsmSecretKind.MasterKey), (master.AuthSecret!.Kind, master.PrivSecret!.Kind));
        Assert.True(master.AnyEngine);

        var localized = One($"createUser -e {Engine} bob SHA -l {Sha20} AES -l {Aes16}");
        Assert.Equal((UsmSecretKind.LocalizedKey, UsmSecretKind.LocalizedKey), (localized.AuthSecret!.Kind, localized.PrivSecret!.Kind));
        Assert.Equal(PrivProtocol.Aes128, localized.Priv);

        // No privacy key: the authentication key, as for passwords.
        var same = One($"createUser -e {Engine} bob SHA -l {Sha20} DES");
        Assert.Equal(UsmSecretKind.LocalizedKey, same.PrivSecret!.Kind);
        // A password for one, a key for the other.
        Assert.Equal(UsmSecretKind.Password, One($"createUser bob SHA -m {Sha20} AES privpass1").PrivSecret!.Kind);
    }

    [Theory]
    [InlineData("createUser -e 0x8000000001020304 bob SHA -l 0x0102030405060708", "USM user 'bob': a SHA localized authentication key is 20 octets, not 8")]
    [InlineData("createUser bob SHA-256 -m 0xA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3", "USM user 'bob': a SHA-256 master authentication key is 32 octets, not 20")]
    [InlineData("createUser bob SHA -m 0xA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3 AES -m 0xC0C1C2C3C4C5C6C7C8C9CACBCCCDCECF", "USM user 'bob': a master privacy key is as long as the SHA hash, 20 octets, not 16")]
    [InlineData("createUser -e 0x8000000001020304 bob MD5 -l 0xA0A1A2A3A4A5A6A7A8A9AAABACADAEAF AES-256 -l 0xC0C1C2C3C4C5C6C7C8C9CACBCCCDCECF0001020304050607",
        "USM user 'bob': a localized AES-256 privacy key is 16 octets (the MD5 localized key) or 32 (the AES-256 key itself), not 24")]
    public void A_key_of_the_wrong_length_names_the_line_the_user_and_the_length_never_the_key(string line, string expected)
    {
        var error = Error(line, 3);
        Assert.Equal(expected, error);
        foreach (var hex in line.Split(' ').Where(w => w.StartsWith("0x", StringComparison.Ordinal) && w.Length > 20))
            Assert.DoesNotContain(hex[2..10], error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("createUser bob SHA -l 0xA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3", "a localized key (-l) belongs to one engine: give user 'bob' its engine with -e ENGINEID")]
    [InlineData("createUser bob SHA -m s3cretAuth", "the authentication key of user 'bob' after -m is not hex (0x and an even number of hex digits)")]
    [InlineData("createUser bob SHA -m 0xA0A", "the authentication key of user 'bob' after -m is not hex (0x and an even number of hex digits)")]
    [InlineData("createUser bob SHA -m", "missing authentication key for user 'bob' after -m")]
    [InlineData("createUser bob SHA authpass1 AES -l", "missing privacy key for user 'bob' after -l")]
    [InlineData("createUser bob SHA -m 0xA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3 AES -m 0xA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3 extra",
        "unexpected word after the privacy key of user 'bob'")]
    public void Malformed_keys(string line, string expected) => Assert.Equal(expected, Error(line));

    [Fact]
    public void Unterminated_quote()
    {
        Assert.Equal("unterminated \" quote", Error("createUser alice SHA \"s3cretAuth"));
        Assert.Equal("unterminated ' quote", Error("createUser alice SHA 's3cretAuth", 3));
    }

    [Fact]
    public void User_name_longer_than_32_octets() =>
        Assert.Equal($"user name '{new string('u', 33)}' is longer than 32 octets", Error($"createUser {new string('u', 33)} SHA authpass1"));

    [Fact]
    public void The_same_user_and_engine_twice()
    {
        const string text = "createUser alice SHA authpass1\n# again\ncreateUser alice MD5 privpass1\n";
        Assert.False(UsersFile.TryParse(text, File, out _, out var error));
        Assert.Equal($"{File}:3: user 'alice' for any engine is already defined on line 1", error);
        AssertNoPassword(error);

        const string engines = "createUser -e 0x8000000001020304 alice SHA authpass1\ncreateUser -e 8000000001020304 alice SHA authpass1\n";
        Assert.False(UsersFile.TryParse(engines, File, out _, out error));
        Assert.Equal($"{File}:2: user 'alice' for engine 8000000001020304 is already defined on line 1", error);
    }

    [Fact]
    public void The_same_name_for_different_engines_is_two_users()
    {
        const string text = "createUser alice SHA authpass1\ncreateUser -e 0x8000000001020304 alice SHA authpass1\ncreateUser -e 0x8000000001020305 alice MD5 authpass1\n";
        Assert.True(UsersFile.TryParse(text, File, out var users, out var error), error);
        Assert.Equal(3, users.Length);
    }

    [Fact]
    public void The_first_bad_line_is_reported()
    {
        const string text = "createUser alice SHA authpass1\ncreateUser bob SHA tiny\ncreateUser carol FOO authpass1\n";
        Assert.False(UsersFile.TryParse(text, File, out _, out var error));
        Assert.StartsWith($"{File}:2: ", error);
    }

    [Fact]
    public void Load_reads_a_file_and_names_it_in_errors()
    {
        var good = Path.Combine(_dir, "good.conf");
        System.IO.File.WriteAllText(good, "createUser alice SHA authpass1 AES\n");
        Assert.True(UsersFile.TryLoad(good, out var users, out var error), error);
        Assert.Equal("alice", Assert.Single(users).Name);

        var bad = Path.Combine(_dir, "bad.conf");
        System.IO.File.WriteAllText(bad, "\n\ncreateUser alice SHA Sh0rt!\n");
        Assert.False(UsersFile.TryLoad(bad, out users, out error));
        Assert.Empty(users);
        Assert.Equal($"{bad}:3: the authentication password of user 'alice' is shorter than 8 characters (net-snmp refuses it too)", error);
    }

    [Fact]
    public void Load_of_a_missing_file()
    {
        var missing = Path.Combine(_dir, "missing.conf");
        Assert.False(UsersFile.TryLoad(missing, out _, out var error));
        Assert.StartsWith($"cannot read users file '{missing}': ", error);
        Assert.DoesNotContain('\n', error);
    }
}
