using System.Collections.Concurrent;
using TrapActors.Snmp.Security;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Security;

/// <summary>The reference's on_hash_password: master keys stored outside and supplied instead of hashing again.</summary>
public sealed class UsmKeyStoreTests : ReceiverSpec
{
    private static readonly ConcurrentBag<UsmPasswordHashed> Hashed = [];
    private static readonly byte[] StoredAuthKey = UsmKeys.PasswordToKey(AuthProtocol.HmacSha256, "stored-auth-pass");

    public UsmKeyStoreTests() : base(Setup("trap-actors.usm.hash-before-binding = 0s", new TrapReceiverSetup
    {
        Users =
        [
            UsmUser.AuthNoPriv("stored", AuthProtocol.HmacSha256, "stored-auth-pass"),
            UsmUser.AuthPriv("hashed", AuthProtocol.HmacSha1, "hashed-auth-pass", PrivProtocol.Aes128, "hashed-priv-pass"),
        ],
        UsmPolicies = new UsmPolicies
        {
            StoredMasterKey = request => request.User == "stored" ? StoredAuthKey : null,
            PasswordHashed = Hashed.Add,
        },
    }))
    {
    }

    [Fact]
    public async Task A_stored_master_key_replaces_hashing_and_still_authenticates()
    {
        var endpoint = await ReceiverEndPointAsync();
        Assert.Empty(Hashed); // none hashed before binding (0s): the setup's users hash on first use (decision 0038)...
        Assert.Equal(2, (await Receiver.Ask<UsmPasswordsHashed>(HashUsmPasswords.Instance, AskTimeout)).Users); // ...or when asked to
        Assert.DoesNotContain(Hashed, h => h.User == "stored");
        var hashed = Hashed.Where(h => h.User == "hashed").ToList();
        Assert.Equal(2, hashed.Count);
        Assert.Equal(UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, "hashed-auth-pass"), hashed.Single(h => !h.ForPrivacy).MasterKey.ToArray());
        Assert.Equal(UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, "hashed-priv-pass"), hashed.Single(h => h.ForPrivacy).MasterKey.ToArray());
        Assert.DoesNotContain("hashed-auth-pass", hashed[0].ToString());

        await SubscribeAsync(TestActor);
        var result = await NetSnmpTools.SnmpTrapAsync("-v", "3", "-u", "stored", "-l", "authNoPriv", "-a", "SHA-256", "-A", "stored-auth-pass",
            "-e", "0x8000000001020399", $"127.0.0.1:{endpoint.Port}", "7", "1.3.6.1.6.3.1.1.5.1");
        Assert.True(result.ExitCode == 0, result.ToString());
        var trap = ExpectMsg<TrapReceived>(TimeSpan.FromSeconds(5));
        Assert.Equal("stored", trap.Notification.Origin.User);
    }
}
