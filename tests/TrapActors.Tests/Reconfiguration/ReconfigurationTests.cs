using Akka.Actor;
using Akka.Configuration;
using TrapActors.Testing;
using TrapActors.Tests.Usm;
using Xunit;

namespace TrapActors.Tests.Reconfiguration;

/// <summary>
/// ReconfigureTrapReceiver against net-snmp's snmptrap: users added and removed, communities and access rules replaced,
/// all on the bound socket (nothing rebinds), and an answer that names what changed without a secret.
/// </summary>
public sealed class ReconfigurationTests() : UsmSpec("", new TrapReceiverSetup { Users = [Old.ToUsmUser()] })
{
    private const string Engine = "0x800000000102030405e1";
    private static readonly V3User Old = new("old-user", "SHA-256", "old-auth-secret-1", "AES", "old-priv-secret-1");
    private static readonly V3User Fresh = new("fresh-user", "SHA", "fresh-auth-secret-1", "AES", "fresh-priv-secret-1");

    [Fact]
    public async Task An_added_user_authenticates_at_once_and_a_removed_one_is_refused_at_once()
    {
        var subscriber = await SubscriberAsync();
        WatchBadPackets();
        var endpoint = await ReceiverEndPointAsync();

        // The old user's keys are derived and localized for the engine before it is removed.
        await SendTrapAsync(Old, Engine, "before");
        await ExpectTrapAsync(subscriber, "old-user", "before");
        await SendTrapAsync(Fresh, Engine, "unknown yet");
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser);

        var added = await ReconfigureAsync(new ReconfigureTrapReceiver { Users = [Old.ToUsmUser(), Fresh.ToUsmUser()] });
        Assert.Equal<string>(["fresh-user"], added.UsersAdded);
        Assert.Empty(added.UsersRemoved);
        Assert.Empty(added.UsersChanged);
        await SendTrapAsync(Fresh, Engine, "welcome");
        await ExpectTrapAsync(subscriber, "fresh-user", "welcome");

        var removed = await ReconfigureAsync(new ReconfigureTrapReceiver { Users = [Fresh.ToUsmUser()] });
        Assert.Equal<string>(["old-user"], removed.UsersRemoved);
        Assert.Empty(removed.UsersAdded);
        await SendTrapAsync(Old, Engine, "after removal");
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser);
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        var stats = await AwaitDroppedAsync(DropReason.UnknownUser, 2);
        Assert.Equal(2, stats.Delivered);

        Assert.Equal(endpoint, await ReceiverEndPointAsync());   // the same socket all along
        AssertNoSecret(added);
        AssertNoSecret(removed);
    }

    [Fact]
    public async Task A_changed_password_replaces_the_user_and_the_old_password_stops_working()
    {
        var subscriber = await SubscriberAsync();
        WatchBadPackets();
        var renewed = Old with { AuthPassword = "old-auth-secret-2" };

        var reply = await ReconfigureAsync(new ReconfigureTrapReceiver { Users = [renewed.ToUsmUser()] });
        Assert.Equal<string>(["old-user"], reply.UsersChanged);
        await SendTrapAsync(Old, Engine, "old password");
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.VerificationFailed, DropReason.WrongDigest);
        await SendTrapAsync(renewed, Engine, "new password");
        await ExpectTrapAsync(subscriber, "old-user", "new password");
        AssertNoSecret(reply);
    }

    [Fact]
    public async Task Communities_and_access_rules_are_replaced_and_a_bad_configuration_changes_nothing()
    {
        var subscriber = await SubscriberAsync();
        WatchBadPackets();
        var target = await TargetAsync();

        var reply = await ReconfigureAsync(new ReconfigureTrapReceiver
        {
            Configuration = ConfigurationFactory.ParseString("""
                trap-actors.community.accepted = ["sesame-community"]
                trap-actors.access.rules = [ { trap-oid = "1.3.6.1.4.1.8072.9999.5", minimum-security-level = noAuthNoPriv } ]
                """).WithFallback(Sys.Settings.Config),
        });
        Assert.True(reply.CommunitiesChanged);
        Assert.True(reply.AccessRulesChanged);
        Assert.False(reply.CertMapChanged);
        Assert.Empty(reply.NotApplied);
        Assert.DoesNotContain("sesame", reply.ToString() + reply.Summary, StringComparison.Ordinal);

        await V2cAsync(target, "public", "1.3.6.1.4.1.8072.9999.5.1");
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadPacket, DropReason.UnknownCommunity);
        await V2cAsync(target, "sesame-community", "1.3.6.1.4.1.8072.9999.6.1");
        Assert.Equal(DropReason.AccessDenied, (await ExpectMsgAsync<BadPacketReceived>(TimeSpan.FromSeconds(5))).Reason);
        await V2cAsync(target, "sesame-community", "1.3.6.1.4.1.8072.9999.5.1");
        Assert.Equal("1.3.6.1.4.1.8072.9999.5.1", (await subscriber.ExpectMsgAsync<TrapReceived>(TimeSpan.FromSeconds(5))).Notification.TrapOid.ToString());

        // A bad value and a key that needs a restart: refused as a whole, the running communities stay.
        var bad = ConfigurationFactory.ParseString("""
            trap-actors.community.accepted = ["public"]
            trap-actors.access.rules = [ { trap-oid = "1.3.6.1.4.1.8072.9999.5", minimum-security-level = nonsense } ]
            """).WithFallback(Sys.Settings.Config);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => ReconfigureAsync(new ReconfigureTrapReceiver { Configuration = bad }));
        Assert.Contains("minimum-security-level", failure.Message, StringComparison.Ordinal);
        await V2cAsync(target, "public", "1.3.6.1.4.1.8072.9999.5.1");
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadPacket, DropReason.UnknownCommunity);

        var restartOnly = await ReconfigureAsync(new ReconfigureTrapReceiver
        {
            Configuration = ConfigurationFactory.ParseString("""trap-actors.listener.endpoints = ["udp:127.0.0.1:1"]""").WithFallback(Sys.Settings.Config),
        });
        Assert.Equal<string>(["listener.endpoints"], restartOnly.NotApplied);
        Assert.True(restartOnly.CommunitiesChanged);   // back to "public"
        Assert.EndsWith("not applied without restart: listener.endpoints", restartOnly.Summary, StringComparison.Ordinal);
        await V2cAsync(target, "public", "1.3.6.1.4.1.8072.9999.6.2");
        await subscriber.ExpectMsgAsync<TrapReceived>(TimeSpan.FromSeconds(5));
    }

    private async Task<TrapReceiverReconfigured> ReconfigureAsync(ReconfigureTrapReceiver command) =>
        await Receiver.Ask<TrapReceiverReconfigured>(command, TimeSpan.FromSeconds(10));

    private static async Task V2cAsync(string target, string community, string trapOid)
    {
        var result = await NetSnmpTools.SnmpTrapAsync([.. UsmTestData.NoPersistentState, "-v", "2c", "-c", community, target, "1", trapOid]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static void AssertNoSecret(TrapReceiverReconfigured reply)
    {
        var text = reply.ToString() + reply.Summary;
        foreach (var secret in new[] { Old.AuthPassword, Old.PrivPassword, Fresh.AuthPassword, Fresh.PrivPassword, "old-auth-secret-2", "secret" })
            Assert.DoesNotContain(secret!, text, StringComparison.Ordinal);
    }
}
