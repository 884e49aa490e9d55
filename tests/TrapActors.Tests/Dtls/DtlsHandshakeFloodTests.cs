using System.Net;
using System.Net.Sockets;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// Hosts that pass the cookie exchange from many source ports and then stall every handshake (decision 0029): the
/// handshakes in progress are bounded apart from the established associations (dtls.max-handshakes, and
/// dtls.max-handshakes-per-address per host), the one silent longest makes room for a newcomer, and an established
/// association is never pushed out by a handshake. Before, every stalled handshake held one of dtls.max-associations
/// until its handshake-timeout: the idle association was evicted and a real client got association-limit.
/// </summary>
public sealed class DtlsHandshakeFloodTests() : DtlsReceiverSpec(_ => $$"""
    trap-actors.dtls {
      handshake-timeout = 60s
      max-associations = {{MaxAssociations}}
      max-handshakes = {{MaxHandshakes}}
      max-handshakes-per-address = {{PerAddress}}
    }
    """)
{
    private const int MaxAssociations = 20;
    private const int MaxHandshakes = 40;
    private const int PerAddress = 10;
    private const int Hosts = 8;           // 127.0.0.2 .. 127.0.0.9
    private const int PortsPerHost = 25;   // 200 stalled handshakes in all, one host per batch
    private static readonly TimeSpan Reply = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Stalled_handshakes_from_200_source_ports_neither_evict_an_established_association_nor_lock_out_snmptrap()
    {
        Assert.True(OpenSslDtls.Available, "openssl is not installed");
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var server = await DtlsEndPointAsync();
        await SubscribeAsync(TestActor);
        var events = EventProbe(typeof(DtlsAssociationEstablished));
        var closings = EventProbe(typeof(DtlsAssociationClosed));
        // s_client stays connected while its standard input is open: an established association that sends nothing.
        using var idle = OpenSslDtls.StartInteractive(server.Port, Pki.Ca.CertificateFile, Pki.Client.CertificateFile, Pki.Client.KeyFile);
        try
        {
            var idlePeer = (await events.ExpectMsgAsync<DtlsAssociationEstablished>(TimeSpan.FromSeconds(10))).Peer;

            for (var host = 0; host < Hosts; host++)
            {
                var address = IPAddress.Parse($"127.0.0.{host + 2}");
                var clients = Enumerable.Range(0, PortsPerHost).Select(_ => Track(new UdpClient(new IPEndPoint(address, 0)))).ToArray();
                await Task.WhenAll(clients.Select(c => RawDtls.PassCookieAndStallAsync(c, server, Reply)));
                var started = 1 + (host + 1) * PortsPerHost;
                await AwaitDtlsAsync(s => s.Handshakes + Refused(s, DtlsRefusal.AssociationLimit) == started, $"the {started} ClientHellos with a cookie were taken");
            }

            var flooded = await AwaitDtlsAsync(s => s.Active == 1 + MaxHandshakes, "the displaced handshakes ended, the newest ones still stall", TimeSpan.FromSeconds(20));
            Assert.Equal(0, Refused(flooded, DtlsRefusal.AssociationLimit));
            Assert.Equal(Hosts * PortsPerHost - MaxHandshakes, flooded.HandshakesEvicted);

            var result = await NetSnmpDtls.TrapAsync(StoreFor(), server.Port);

            NetSnmpDtls.AssertSent(result);
            var trap = await this.TrapAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("trapsender", trap.Origin.User);
            var stats = await AwaitDtlsAsync(s => s.Established == 2 && s.Closed == 1, "snmptrap's association, closed by snmptrap");
            Assert.Equal(0, stats.Evicted);
            Assert.Equal(0, Refused(stats, DtlsRefusal.AssociationLimit));
            Assert.Equal(Hosts * PortsPerHost - MaxHandshakes + 1, stats.HandshakesEvicted);   // snmptrap's took the place of the most silent
            var closed = await closings.ExpectMsgAsync<DtlsAssociationClosed>(TimeSpan.FromSeconds(10));
            Assert.NotEqual(idlePeer, closed.Peer);
            await closings.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
            Assert.False(idle.HasExited, "the idle s_client association ended");
        }
        finally
        {
            idle.Kill(entireProcessTree: true);
        }
    }
}
