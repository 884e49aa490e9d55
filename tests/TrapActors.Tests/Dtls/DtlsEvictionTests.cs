using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// dtls.max-associations bounds the associations, not the peers served: at the cap a new peer's handshake takes the
/// place of the least recently used idle association, which is closed (close_notify; the peer handshakes again when
/// it next sends).
/// </summary>
public sealed class DtlsEvictionTests() : DtlsReceiverSpec(_ => "trap-actors.dtls.max-associations = 1")
{
    [Fact]
    public async Task A_new_peer_at_max_associations_closes_the_idle_association_and_its_trap_is_delivered()
    {
        Assert.True(OpenSslDtls.Available, "openssl is not installed");
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);
        var events = EventProbe(typeof(DtlsAssociationEstablished), typeof(DtlsAssociationClosed));

        // s_client stays connected while its standard input is open: an established association that sends nothing.
        using var idle = OpenSslDtls.StartInteractive(port, Pki.Ca.CertificateFile, Pki.Client.CertificateFile, Pki.Client.KeyFile);
        try
        {
            var idlePeer = (await events.ExpectMsgAsync<DtlsAssociationEstablished>(TimeSpan.FromSeconds(10))).Peer;

            var result = await NetSnmpDtls.TrapAsync(StoreFor(), port);

            NetSnmpDtls.AssertSent(result);
            var trap = await this.TrapAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("trapsender", trap.Origin.User);
            Assert.NotEqual(idlePeer, trap.Origin.Source);
            var closed = await events.FishForMessageAsync<DtlsAssociationClosed>(
                m => m is DtlsAssociationClosed c && c.Peer.Equals(idlePeer), TimeSpan.FromSeconds(10));
            Assert.Contains("evicted", closed.Reason);
            var stats = await AwaitDtlsAsync(s => s.Evicted == 1 && s.Active == 0, "the idle association evicted, snmptrap's closed");
            Assert.Equal(2, stats.Established);
            Assert.Equal(0, Refused(stats, DtlsRefusal.AssociationLimit));
        }
        finally
        {
            idle.Kill(entireProcessTree: true);
        }
    }
}
