using TrapActors.Snmp.Security;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Hosting.Tests;

/// <summary>
/// The Users hosting option with many users (issue #15 item 2): the host starts without hashing a password, and a
/// user's first net-snmp snmptrap has its keys derived then (decision 0038).
/// </summary>
public class UsersOptionTests
{
    [Fact]
    public async Task Users_of_the_option_are_hashed_on_their_first_trap_not_at_start()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        await using var host = new TrapHost(o =>
        {
            o.Hocon = "trap-actors.usm.hash-before-binding = 0s";   // none hashed before binding: first use only
            for (var i = 0; i < 1000; i++)
                o.Users.Add(UsmUser.AuthPriv($"idle-{i}", AuthProtocol.HmacSha1, "idle-auth-pass", PrivProtocol.Aes128, "idle-priv-pass"));
            o.Users.Add(UsmUser.AuthPriv("hosted", AuthProtocol.HmacSha256, "hosted-auth-1", PrivProtocol.Aes128, "hosted-priv-1"));
        });
        await host.StartAsync();
        var endpoint = await host.EndPointAsync();
        Assert.Equal(0, (await host.StatsAsync()).Usm.KeyDerivations);

        var result = await NetSnmpTools.SnmpTrapAsync("-v", "3", "--noPersistentLoad=1", "--noPersistentSave=1", "-l", "authPriv", "-u", "hosted",
            "-a", "SHA-256", "-A", "hosted-auth-1", "-x", "AES", "-X", "hosted-priv-1", "-e", "0x80000000010203f1",
            $"127.0.0.1:{endpoint.Port}", "7", "1.3.6.1.6.3.1.1.5.3");
        Assert.True(result.ExitCode == 0, result.ToString());

        var trap = await host.NextAsync<TrapReceived>();
        Assert.Equal("hosted", trap.Notification.Origin.User);
        Assert.Equal(SecurityLevel.AuthPriv, trap.Notification.Origin.SecurityLevel);
        Assert.Equal(4, (await host.StatsAsync()).Usm.KeyDerivations); // this user's two passwords, localized to its engine
    }
}
