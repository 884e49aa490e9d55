using System.Collections.Immutable;
using TrapActors.Snmp.Security;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// Users given keys instead of passwords: master keys (Ku) and keys localized to one engine (Kul), checked against
/// net-snmp's own -3m/-3M and -3k/-3K options, so that neither side's password-to-key is involved.
/// </summary>
public sealed class UsmKeySecretTests() : UsmSpec("", new TrapReceiverSetup { Users = [.. Keyed.Select(k => k.User)] })
{
    private const string Engine = "800000000102030409a0";

    public sealed record KeyedUser(string Name, string Auth, string AuthKey, string Priv, string PrivKey, bool Localized)
    {
        public UsmUser User => new(Name, V3User.AuthOf(Auth),
            Localized ? UsmSecret.LocalizedKey(Convert.FromHexString(AuthKey)) : UsmSecret.MasterKey(Convert.FromHexString(AuthKey)),
            V3User.PrivOf(Priv),
            Localized ? UsmSecret.LocalizedKey(Convert.FromHexString(PrivKey)) : UsmSecret.MasterKey(Convert.FromHexString(PrivKey)),
            Localized ? UsmTestData.Engine(Engine) : default);

        public string[] Args() =>
        [
            "-u", Name, "-l", "authPriv",
            "-a", Auth, Localized ? "-3k" : "-3m", "0x" + AuthKey,
            "-x", Priv, Localized ? "-3K" : "-3M", "0x" + PrivKey,
        ];
    }

    private static readonly ImmutableArray<KeyedUser> Keyed =
    [
        new("ku-sha-aes", "SHA", "00112233445566778899aabbccddeeff00112233", "AES", "0102030405060708090a0b0c0d0e0f1011121314", false),
        new("ku-sha512-aes256", "SHA-512", Hex(64, 0x11), "AES-256", Hex(64, 0x22), false),
        new("ku-md5-aes192", "MD5", Hex(16, 0x33), "AES-192", Hex(16, 0x44), false),
        new("kul-md5-des", "MD5", Hex(16, 0x55), "DES", Hex(16, 0x66), true),
        new("kul-sha-aes192", "SHA", Hex(20, 0x77), "AES-192", Hex(20, 0x88), true),
        new("kul-md5-aes256c", "MD5", Hex(16, 0x99), "AES-256-C", Hex(16, 0xaa), true),
    ];

    private static string Hex(int length, int seed) =>
        Convert.ToHexStringLower(Enumerable.Range(0, length).Select(i => (byte)(seed + i * 7)).ToArray());

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var k in Keyed)
            data.Add(k.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_trap_sent_with_the_same_keys_is_delivered(string name)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var user = Keyed.Single(k => k.Name == name);
        var subscriber = await SubscriberAsync();
        var before = (await StatsAsync()).Usm.KeyDerivations;

        var result = await NetSnmpTools.SnmpTrapAsync([.. UsmTestData.NoPersistentState, "-v", "3", "-e", "0x" + Engine, .. user.Args(),
            await TargetAsync(), "4242", "1.3.6.1.4.1.8072.9999.0.9", UsmTestData.ValueOid, "s", name]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var n = await ExpectTrapAsync(subscriber, name, name);
        Assert.Equal(SecurityLevel.AuthPriv, n.Origin.SecurityLevel);
        var derived = (await StatsAsync()).Usm.KeyDerivations - before;
        // Localized keys are used as given; master keys are localized once for the engine (auth and priv).
        Assert.Equal(user.Localized ? 0 : 2, derived);
    }

    [Fact]
    public async Task An_inform_from_a_master_key_user_is_answered()
    {
        var user = Keyed[0];
        var subscriber = await SubscriberAsync();

        var result = await NetSnmpTools.SnmpInformAsync([.. UsmTestData.NoPersistentState, "-v", "3", "-r", "1", "-t", "2", .. user.Args(),
            await TargetAsync(), "4242", "1.3.6.1.4.1.8072.9999.0.9", UsmTestData.ValueOid, "s", "keyed inform"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var inform = await subscriber.ExpectMsgAsync<InformReceived>(TimeSpan.FromSeconds(5));
        Assert.Equal(user.Name, inform.Notification.Origin.User);
        Assert.Equal("keyed inform", ValueText(inform.Notification));
    }
}
