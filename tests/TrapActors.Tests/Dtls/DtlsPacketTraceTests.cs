using Akka.TestKit;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>events.packet-trace over DTLS: the ciphertext datagrams both ways, the receiver's own included.</summary>
public class DtlsPacketTraceTests() : DtlsReceiverSpec(_ => "trap-actors.events { packet-trace = on, max-per-second = 10000 }")
{
    [Fact]
    public async Task The_datagrams_the_receiver_sends_to_net_snmp_are_traced_as_Outgoing()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);
        var traces = EventProbe(typeof(PacketTraced));

        await NetSnmpDtls.TrapSentAsync(StoreFor(), port);

        var n = await this.TrapAsync(TimeSpan.FromSeconds(10));
        var traced = await CollectAsync(traces);
        var outgoing = traced.Where(t => t.Direction == PacketDirection.Outgoing).ToList();
        Assert.True(outgoing.Count >= 2, $"{outgoing.Count} outgoing datagrams traced (a HelloVerifyRequest, then the server's flight)");
        Assert.All(outgoing, t =>
        {
            Assert.Equal(n.Origin.Source, t.Peer);
            // A DTLS record: a content type (handshake 22, change_cipher_spec 20, alert 21, application data 23), then the
            // version, 0xFEFD (DTLS 1.2) or 0xFEFF (DTLS 1.0, allowed for the HelloVerifyRequest, RFC 6347 §4.2.1).
            Assert.InRange(t.Packet.Span[0], (byte)20, (byte)23);
            Assert.Equal(0xFE, t.Packet.Span[1]);
            Assert.Contains(t.Packet.Span[2], new byte[] { 0xFD, 0xFF });
        });
        Assert.Contains(traced, t => t.Direction == PacketDirection.Incoming);
    }

    /// <summary>Every trace published while the handshake and the trap went by (they stop when the tool has exited).</summary>
    private static async Task<List<PacketTraced>> CollectAsync(TestProbe probe) =>
        (await probe.ReceiveWhileAsync(TimeSpan.FromSeconds(1), m => m as PacketTraced, msgs: 1000).ToListAsync()).OfType<PacketTraced>().ToList();
}
