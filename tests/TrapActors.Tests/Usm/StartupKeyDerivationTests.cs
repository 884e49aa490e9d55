using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// usm.hash-before-binding (decision 0038): the setup's users hashed before the receiver binds are ready for their
/// first message, which then only localizes the keys to the sender's engine; net-snmp's snmptrap is the sender. The
/// budget here is generous so that every user is reached on a loaded machine; the default is 100 ms.
/// </summary>
public sealed class StartupKeyDerivationTests() : UsmSpec("trap-actors.usm.hash-before-binding = 60s", new TrapReceiverSetup
{
    Users = [Early.ToUsmUser(), Bound.ToUsmUser(UsmTestData.Engine(BoundEngine))],
})
{
    private const string Engine = "0x800000000102030401e0";
    private const string BoundEngine = "0x800000000102030401e1";
    private static readonly V3User Early = new("early", "SHA", "early-auth-1", "AES", "early-priv-1");
    private static readonly V3User Bound = new("bound-early", "SHA-256", "bound-auth-1", "AES", "bound-priv-1");

    [Fact]
    public async Task Users_hashed_before_binding_need_no_hashing_on_their_first_trap()
    {
        var subscriber = await SubscriberAsync();
        // Both users' two passwords, and the engine-bound user's keys localized to its engine.
        Assert.Equal(6, (await StatsAsync()).Usm.KeyDerivations);

        await SendTrapAsync(Bound, BoundEngine, "bound first");
        await ExpectTrapAsync(subscriber, "bound-early", "bound first");
        Assert.Equal(6, (await StatsAsync()).Usm.KeyDerivations);

        await SendTrapAsync(Early, Engine, "any-engine first");
        var n = await ExpectTrapAsync(subscriber, "early", "any-engine first");
        Assert.Equal(SecurityLevel.AuthPriv, n.Origin.SecurityLevel);
        Assert.Equal(8, (await StatsAsync()).Usm.KeyDerivations);   // localized to the sender's engine, nothing hashed
    }
}
