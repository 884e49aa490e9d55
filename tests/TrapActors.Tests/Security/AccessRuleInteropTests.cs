using TrapActors.Testing;
using TrapActors.Tests.Usm;
using Xunit;

namespace TrapActors.Tests.Security;

/// <summary>
/// trap-actors.access, with traps from net-snmp's snmptrap: the 1.3.6.1.4.1.8072.9999.5 subtree needs authPriv, the user
/// "noc" always needs authNoPriv, everything else is open to anyone who passed the community or USM check.
/// </summary>
public sealed class AccessRuleInteropTests() : UsmSpec("""
    trap-actors.access {
      rules = [
        { trap-oid = "", minimum-security-level = noAuthNoPriv },
        { trap-oid = "1.3.6.1.4.1.8072.9999.5", minimum-security-level = authPriv },
      ]
      user-minimum-levels = [ { user = "noc", minimum-security-level = authNoPriv } ]
    }
    """, new TrapReceiverSetup
{
    // USM itself lets these users send at any level: the access rules alone decide here.
    Users = [Secure.ToUsmUser() with { MinimumLevel = SecurityLevel.NoAuthNoPriv }, Noc.ToUsmUser() with { MinimumLevel = SecurityLevel.NoAuthNoPriv }],
})
{
    private const string Engine = "0x800000000102030405d0";
    private const string Guarded = "1.3.6.1.4.1.8072.9999.5.1";
    private static readonly V3User Secure = new("secure", "SHA-256", "secure-auth-1", "AES", "secure-priv-1");
    private static readonly V3User Noc = new("noc", "SHA", "noc-auth-12", "AES", "noc-priv-12");

    [Fact]
    public async Task The_guarded_subtree_takes_only_authPriv_and_the_rest_stays_open()
    {
        var subscriber = await SubscriberAsync();
        WatchBadPackets();

        var v2c = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", await TargetAsync(), "1", Guarded);
        Assert.True(v2c.ExitCode == 0, v2c.ToString());
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.SecurityLevelNotAccepted, DropReason.AccessDenied);

        await SendTrapAsync(Secure, Engine, "auth only", SecurityLevel.AuthNoPriv, trapOid: Guarded);
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.SecurityLevelNotAccepted, DropReason.AccessDenied);

        await SendTrapAsync(Secure, Engine, "private", trapOid: Guarded);
        Assert.Equal(SecurityLevel.AuthPriv, (await ExpectTrapAsync(subscriber, "secure", "private")).Origin.SecurityLevel);

        var open = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", await TargetAsync(), "1", "1.3.6.1.4.1.8072.9999.6.1");
        Assert.True(open.ExitCode == 0, open.ToString());
        Assert.Equal("1.3.6.1.4.1.8072.9999.6.1", (await subscriber.ExpectMsgAsync<TrapReceived>()).Notification.TrapOid.ToString());

        var stats = await StatsAsync();
        Assert.Equal(2, stats.Dropped[DropReason.AccessDenied]);
        Assert.Equal(2, stats.Delivered);
    }

    [Fact]
    public async Task A_user_floor_holds_outside_every_guarded_subtree()
    {
        var subscriber = await SubscriberAsync();
        WatchBadPackets();

        await SendTrapAsync(Noc, Engine, "plain", SecurityLevel.NoAuthNoPriv);
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.SecurityLevelNotAccepted, DropReason.AccessDenied);

        await SendTrapAsync(Noc, Engine, "signed", SecurityLevel.AuthNoPriv);
        await ExpectTrapAsync(subscriber, "noc", "signed");
    }
}
