using Akka.Actor;
using Akka.Configuration;
using TrapActors.Tests.Dtls;
using Xunit;

namespace TrapActors.Tests.Reconfiguration;

/// <summary>
/// ReconfigureTrapReceiver replaces the DTLS certificate map on the bound DTLS socket: a trusted client that no entry
/// named is refused (no-mapping), and after the reconfiguration its next handshake (openssl s_client) gets a name and
/// its TSM trap is delivered.
/// </summary>
public class CertMapReconfigurationTests() : DtlsReceiverSpec()
{
    [Fact]
    public async Task A_client_mapped_by_a_reconfiguration_is_accepted_at_its_next_handshake()
    {
        Assert.True(OpenSslDtls.Available, "openssl is not installed");
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);

        var before = await OpenSslDtls.SendAsync(port, Pki.Ca.CertificateFile, Pki.UnmappedClient.CertificateFile, Pki.UnmappedClient.KeyFile, TsmPayloads.NetSnmpTrap);
        Assert.False(before.Established, $"not mapped yet: {before}");
        await AwaitDtlsAsync(s => Refused(s, DtlsRefusal.NoMapping) == 1 && s.Active == 0, "one no-mapping refusal");

        var map = $$"""
            trap-actors.dtls.cert-map = ["{{TestPki.CertSecName(10, Pki.Client, "--cn")}}", "{{TestPki.CertSecName(20, Pki.UnmappedClient, "--sn mapped-later")}}"]
            """;
        var reply = await Receiver.Ask<TrapReceiverReconfigured>(
            new ReconfigureTrapReceiver { Configuration = ConfigurationFactory.ParseString(map).WithFallback(Sys.Settings.Config) }, TimeSpan.FromSeconds(10));
        Assert.True(reply.CertMapChanged);
        Assert.False(reply.CommunitiesChanged);
        Assert.Empty(reply.NotApplied);
        Assert.Equal(port, await DtlsPortAsync());   // not rebound

        var after = await OpenSslDtls.SendAsync(port, Pki.Ca.CertificateFile, Pki.UnmappedClient.CertificateFile, Pki.UnmappedClient.KeyFile, TsmPayloads.NetSnmpTrap);
        Assert.True(after.Established, $"mapped now: {after}");
        var trap = await ExpectMsgAsync<TrapReceived>(TimeSpan.FromSeconds(10));
        Assert.Equal("dtls", trap.Notification.Origin.Transport);
        Assert.Equal("mapped-later", trap.Notification.Origin.User);
    }
}
