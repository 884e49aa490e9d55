using TrapActors.Snmp.Security;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Usm;

public sealed class UsmSmokeTests() : ReceiverSpec(Setup("trap-actors.usm.local-engine-id = \"800000000501020304050607\"",
    new TrapReceiverSetup
    {
        Users =
        [
            UsmUser.AuthPriv("alice", AuthProtocol.HmacSha1, "authpass123", PrivProtocol.Aes128, "privpass123"),
        ],
    }))
{
    [Fact]
    public async Task A_net_snmp_authPriv_trap_is_delivered()
    {
        var endpoint = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var result = await NetSnmpTools.SnmpTrapAsync("-v", "3", "-u", "alice", "-l", "authPriv", "-a", "SHA", "-A", "authpass123",
            "-x", "AES", "-X", "privpass123", "-e", "0x8000000001020304", $"127.0.0.1:{endpoint.Port}", "42", "1.3.6.1.6.3.1.1.5.3");
        Assert.True(result.ExitCode == 0, result.ToString());
        var trap = ExpectMsg<TrapReceived>(TimeSpan.FromSeconds(5));
        Assert.Equal("1.3.6.1.6.3.1.1.5.3", trap.Notification.TrapOid.ToString());
        Assert.Equal("alice", trap.Notification.Origin.User);
        Assert.Equal(SecurityLevel.AuthPriv, trap.Notification.Origin.SecurityLevel);
    }

    [Fact]
    public async Task A_net_snmp_authPriv_inform_is_acknowledged()
    {
        var endpoint = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var result = await NetSnmpTools.SnmpInformAsync("-v", "3", "-u", "alice", "-l", "authPriv", "-a", "SHA", "-A", "authpass123",
            "-x", "AES", "-X", "privpass123", "-r", "1", "-t", "2", $"127.0.0.1:{endpoint.Port}", "42", "1.3.6.1.6.3.1.1.5.3");
        Assert.True(result.ExitCode == 0, result.ToString());
        var inform = ExpectMsg<InformReceived>(TimeSpan.FromSeconds(5));
        Assert.Equal("alice", inform.Notification.Origin.User);
    }
}
