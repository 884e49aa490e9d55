using System.Net;
using System.Net.Sockets;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// An association whose thread is busy (here: held in the client-authentication policy during a real BouncyCastle
/// client's handshake) queues at most 256 of its peer's datagrams; the rest are dropped before decryption, and counted
/// as received and dropped (dtls-queue-full), so that received = delivered + dropped holds for DTLS too.
/// </summary>
public sealed class DtlsQueueOverflowTests : DtlsReceiverSpec
{
    private const int QueueCapacity = 256;
    private const int Flood = 400;
    private static readonly SemaphoreSlim PolicyEntered = new(0);
    private static readonly ManualResetEventSlim PolicyReleased = new();

    public DtlsQueueOverflowTests()
        : base(_ => new TrapReceiverSetup { DtlsClientAuthentication = _ => { PolicyEntered.Release(); return PolicyReleased.Wait(TimeSpan.FromSeconds(30)); } })
    {
    }

    [Fact]
    public async Task Datagrams_beyond_a_busy_associations_queue_are_counted_as_received_and_dropped()
    {
        var server = await DtlsEndPointAsync();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var client = new BlockingClient(Pki);
        var handshake = Task.Run(() =>
        {
            try
            {
                new DtlsClientProtocol().Connect(client, new SocketTransport(socket, server)).Close();
            }
            catch (Exception)
            {
                // The outcome of the handshake is not what is tested.
            }
        });
        try
        {
            Assert.True(await PolicyEntered.WaitAsync(TimeSpan.FromSeconds(15)), "the handshake did not reach the client-authentication policy");

            // The association's thread is held: its queue fills, and the rest is dropped. An application-data record of
            // an epoch that does not exist: BouncyCastle discards it once it reads it.
            byte[] junk = [23, 0xFE, 0xFD, 0, 9, 0, 0, 0, 0, 0, 1, 0, 1, 0];
            for (var i = 0; i < Flood; i++)
                socket.SendTo(junk, server);
            // The receiver's and the DTLS counters are read one after the other while the flood is still being counted:
            // wait until both have taken every drop, then they must agree.
            var stats = await AwaitStatsAsync(s => s.Dtls.DatagramsDropped >= Flood - QueueCapacity && s.Dropped[DropReason.DtlsQueueFull] >= Flood - QueueCapacity,
                $"at least {Flood - QueueCapacity} datagrams dropped", TimeSpan.FromSeconds(15));
            stats = await AwaitStatsAsync(s => s.Dtls.DatagramsDropped == s.Dropped[DropReason.DtlsQueueFull], "both counters took the same drops", TimeSpan.FromSeconds(15));
            Assert.Equal(stats.Dtls.DatagramsDropped, stats.Dropped[DropReason.DtlsQueueFull]);
        }
        finally
        {
            PolicyReleased.Set();
        }
        await handshake.WaitAsync(TimeSpan.FromSeconds(30));

        var final = await AwaitStatsAsync(s => s.InFlight == 0 && s.Received == s.Delivered + s.TotalDropped, "received = delivered + dropped", TimeSpan.FromSeconds(10));
        Assert.Equal(final.Dtls.DatagramsDropped, final.Dropped[DropReason.DtlsQueueFull]);
        Assert.True(final.Received >= Flood - QueueCapacity, $"received {final.Received}");
    }

    /// <summary>One peer's datagrams over a connected-less socket (the test sends its junk from the same one).</summary>
    private sealed class SocketTransport(Socket socket, IPEndPoint server) : DatagramTransport
    {
        public int GetReceiveLimit() => 65535;

        public int GetSendLimit() => 1400;

        public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

        public int Receive(Span<byte> buffer, int waitMillis) =>
            socket.Poll(TimeSpan.FromMilliseconds(Math.Max(waitMillis, 1)), SelectMode.SelectRead) ? socket.Receive(buffer) : -1;

        public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

        public void Send(ReadOnlySpan<byte> buffer) => socket.SendTo(buffer, server);

        public void Close()
        {
        }
    }

    /// <summary>DTLS 1.2 with the test PKI's client certificate; trusts any server.</summary>
    private sealed class BlockingClient(TestPki pki) : DefaultTlsClient(new BcTlsCrypto())
    {
        protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

        public override int GetHandshakeTimeoutMillis() => 30_000;

        public override TlsAuthentication GetAuthentication() => new Authentication(this);

        private TlsCredentials Credentials(CertificateRequest request)
        {
            var crypto = (BcTlsCrypto)Crypto;
            var chain = new Certificate([.. pki.Client.ChainWithIssuers().Select(c => (TlsCertificate)new BcTlsCertificate(crypto, c.GetEncoded()))]);
            var algorithm = TlsUtilities.ChooseSignatureAndHashAlgorithm(m_context, request.SupportedSignatureAlgorithms, SignatureAlgorithm.ecdsa);
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(m_context), crypto, pki.Client.PrivateKey, chain, algorithm);
        }

        private sealed class Authentication(BlockingClient client) : TlsAuthentication
        {
            public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
            {
            }

            public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) => client.Credentials(certificateRequest);
        }
    }
}
