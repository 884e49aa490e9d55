using System.Text;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// The setup's users hash their passwords on their first message, not before the receiver binds (decision 0038);
/// keys given as Ku or Kul are never hashed. net-snmp's snmptrap is the sender.
/// </summary>
public sealed class UsmDeferredKeyTests() : UsmSpec("", new TrapReceiverSetup
{
    Users = [Fresh.ToUsmUser(), Bound.ToUsmUser(UsmTestData.Engine(BoundEngine)), Keyed, KeyedLocalized],
})
{
    private const string Engine = "0x800000000102030401d0";
    private const string BoundEngine = "0x800000000102030401d1";
    private static readonly V3User Fresh = new("fresh", "SHA", "fresh-auth-1", "AES", "fresh-priv-1");
    private static readonly V3User Bound = new("bound", "SHA-256", "bound-auth-1", "AES", "bound-priv-1");
    private static readonly V3User Ku = new("ku", "SHA", "ku-auth-pass", "AES", "ku-priv-pass");
    private static readonly V3User Kul = new("kul", "SHA", "kul-auth-pass", "AES", "kul-priv-pass");

    /// <summary>net-snmp's -m: the master keys of <see cref="Ku"/>'s passwords, for any engine.</summary>
    private static readonly UsmUser Keyed = new("ku", AuthProtocol.HmacSha1, UsmSecret.MasterKey(Master("ku-auth-pass")), PrivProtocol.Aes128,
        UsmSecret.MasterKey(Master("ku-priv-pass")));

    /// <summary>net-snmp's -l: <see cref="Kul"/>'s keys localized to <see cref="BoundEngine"/>.</summary>
    private static readonly UsmUser KeyedLocalized = new("kul", AuthProtocol.HmacSha1, UsmSecret.LocalizedKey(Localized("kul-auth-pass")), PrivProtocol.Aes128,
        UsmSecret.LocalizedKey(Localized("kul-priv-pass")), UsmTestData.Engine(BoundEngine));

    private static byte[] Master(string password) => UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, Encoding.UTF8.GetBytes(password));

    private static byte[] Localized(string password) => UsmKeys.Localize(AuthProtocol.HmacSha1, Master(password), UsmTestData.Engine(BoundEngine).AsSpan());

    [Fact]
    public async Task A_user_not_used_yet_is_hashed_on_its_first_trap_and_receives()
    {
        var subscriber = await SubscriberAsync();
        Assert.Equal(0, (await StatsAsync()).Usm.KeyDerivations); // nothing hashed before binding

        await SendTrapAsync(Fresh, Engine, "first use");
        var n = await ExpectTrapAsync(subscriber, "fresh", "first use");
        Assert.Equal(SecurityLevel.AuthPriv, n.Origin.SecurityLevel);
        // Ku for authentication and privacy, then both localized to the sender's engine.
        Assert.Equal(4, (await StatsAsync()).Usm.KeyDerivations);

        await SendTrapAsync(Fresh, Engine, "second use");
        await ExpectTrapAsync(subscriber, "fresh", "second use");
        Assert.Equal(4, (await StatsAsync()).Usm.KeyDerivations);
    }

    [Fact]
    public async Task Concurrent_first_uses_from_many_sources_derive_the_keys_once()
    {
        var subscriber = await SubscriberAsync();
        const int senders = 6;

        await Task.WhenAll(Enumerable.Range(0, senders).Select(i => SendTrapAsync(Bound, BoundEngine, $"sender {i}")));

        var values = new HashSet<string>();
        for (var i = 0; i < senders; i++)
            values.Add(ValueText((await subscriber.ExpectMsgAsync<TrapReceived>(TimeSpan.FromSeconds(10))).Notification) ?? "");
        Assert.Equal(Enumerable.Range(0, senders).Select(i => $"sender {i}").ToHashSet(), values);
        // An engine-bound user: Ku twice and both localized, once, however many sessions asked at once.
        var stats = await StatsAsync();
        Assert.Equal(4, stats.Usm.KeyDerivations);
        Assert.Equal(senders, stats.Delivered);
    }

    [Fact]
    public async Task Users_given_master_or_localized_keys_never_hash_a_password()
    {
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(Kul, BoundEngine, "localized keys");
        await ExpectTrapAsync(subscriber, "kul", "localized keys");
        Assert.Equal(0, (await StatsAsync()).Usm.KeyDerivations); // nothing to derive at all

        await SendTrapAsync(Ku, Engine, "master keys");
        await ExpectTrapAsync(subscriber, "ku", "master keys");
        Assert.Equal(2, (await StatsAsync()).Usm.KeyDerivations); // the two localizations to the sender's engine, no hashing
    }
}
