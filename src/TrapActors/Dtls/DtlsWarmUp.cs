using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace TrapActors.Dtls;

/// <summary>
/// One complete DTLS association run in memory before a DTLS listener binds (decision 0018): a BouncyCastle client
/// presenting the server's own chain does the cookie exchange with the listener's verifier, the full handshake with a
/// <see cref="TrapDtlsServer"/> over a <see cref="ChannelDatagramTransport"/> (flight packing included), sends one
/// record and closes. The first handshake of a process otherwise pays for compiling BouncyCastle's TLS and EC code and
/// for its first use of the curve; that took the server about half a second, and net-snmp's one-shot tools give the
/// whole handshake six 50 ms reads, then drop the notification they hold without a word to the receiver.
/// Nothing of it is counted or published: no peer took part.
/// </summary>
internal static class DtlsWarmUp
{
    private static readonly IPEndPoint WarmUpPeer = new(IPAddress.Loopback, 0);
    private static readonly byte[] Probe = [0x30, 0x03, 0x02, 0x01, 0x03];   // what an SNMPv3 message starts like

    /// <summary>Runs the association, abandoned after <paramref name="timeout"/>; returns how long it took, and why it failed.</summary>
    public static (TimeSpan Elapsed, string? Failure) Run(DtlsServerContext context, DtlsVerifier verifier, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var timeoutMillis = (int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue);
        using var link = new MemoryLink(context, verifier);
        string? serverFailure = null;
        var server = new Thread(() => serverFailure = link.Serve(timeoutMillis)) { IsBackground = true, Name = "trap-actors-dtls-warm-up" };
        server.Start();
        string? clientFailure = null;
        try
        {
            // BouncyCastle's handshake timeout bounds Connect; the server ends with the client's close_notify.
            var dtls = new DtlsClientProtocol().Connect(new WarmUpClient(context, timeoutMillis), link.Client);
            dtls.Send(Probe, 0, Probe.Length);
            dtls.Close();
        }
        catch (Exception e)
        {
            clientFailure = $"client: {e.GetType().Name}: {e.Message}";
        }
        if (clientFailure is not null || !server.Join(TimeSpan.FromMilliseconds(Math.Max(0, timeoutMillis - clock.ElapsedMilliseconds))))
            link.Abort();   // the server's waits end at once
        server.Join();
        return (clock.Elapsed, clientFailure ?? serverFailure);
    }

    /// <summary>The two ends: the client's datagrams go to the verifier until it accepts a ClientHello, then to the server's transport.</summary>
    private sealed class MemoryLink : IDisposable
    {
        private static readonly byte[] ClientId = [127, 0, 0, 1, 0, 0];
        private readonly DtlsServerContext _context;
        private readonly DtlsVerifier _verifier;
        private readonly BlockingCollection<byte[]> _hellos = new(16);
        private readonly ChannelDatagramTransport _server;
        private readonly object _route = new();
        private bool _accepted;

        public MemoryLink(DtlsServerContext context, DtlsVerifier verifier)
        {
            _context = context;
            _verifier = verifier;
            Client = new MemoryTransport(context.Settings.MaxSendSize, ToServer);
            _server = new ChannelDatagramTransport(context.Settings.MaxSendSize, Client.Deliver);
        }

        public MemoryTransport Client { get; }

        private void ToServer(byte[] datagram)
        {
            lock (_route)
            {
                if (_accepted)
                    _server.Offer(datagram);
                else if (!_hellos.IsAddingCompleted)
                    _hellos.TryAdd(datagram);
            }
        }

        /// <summary>On the server thread: what the listener and an association do; null when the probe arrived and the client closed.</summary>
        public string? Serve(int waitMillis)
        {
            try
            {
                DtlsRequest? request = null;
                while (request is null)
                {
                    if (!_hellos.TryTake(out var hello, waitMillis))
                        return "server: no ClientHello with a valid cookie";
                    request = _verifier.VerifyRequest(ClientId, hello, 0, hello.Length, new HelloVerifySender(Client));
                }
                lock (_route)
                    _accepted = true;
                var dtls = new DtlsServerProtocol().Accept(new TrapDtlsServer(_context, WarmUpPeer, warmUp: true), _server, request);
                _server.StopPacking();
                var buffer = new byte[dtls.GetReceiveLimit()];
                var length = dtls.Receive(buffer, 0, buffer.Length, waitMillis);
                if (!buffer.AsSpan(0, Math.Max(length, 0)).SequenceEqual(Probe))
                    return $"server: received {length} bytes instead of the probe";
                while (dtls.Receive(buffer, 0, buffer.Length, waitMillis) >= 0)
                {
                    // until the client's close_notify closes the transport
                }
                return "server: no close_notify";
            }
            catch (DatagramTransportClosedException)
            {
                return null;
            }
            catch (Exception e)
            {
                return $"server: {e.GetType().Name}: {e.Message}";
            }
            finally
            {
                _server.Close();
            }
        }

        public void Abort()
        {
            _hellos.CompleteAdding();
            _server.Close();
            Client.Close();
        }

        public void Dispose()
        {
            Abort();
            _hellos.Dispose();
        }
    }

    /// <summary>The verifier's HelloVerifyRequest, straight to the client.</summary>
    private sealed class HelloVerifySender(MemoryTransport client) : DatagramSender
    {
        public int GetSendLimit() => client.GetSendLimit();

        public void Send(byte[] buf, int off, int len) => client.Deliver(buf.AsSpan(off, len).ToArray());

        public void Send(ReadOnlySpan<byte> buffer) => client.Deliver(buffer.ToArray());
    }

    /// <summary>The client's end: what the server sends is delivered into its queue.</summary>
    private sealed class MemoryTransport(int maxSendSize, Action<byte[]> send) : DatagramTransport
    {
        private readonly BlockingCollection<byte[]> _incoming = new(256);

        public void Deliver(byte[] datagram)
        {
            try
            {
                _incoming.TryAdd(datagram);
            }
            catch (InvalidOperationException)
            {
                // closed: the server's close_notify after the client left
            }
        }

        public int GetReceiveLimit() => 65535;

        public int GetSendLimit() => maxSendSize;

        public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

        public int Receive(Span<byte> buffer, int waitMillis)
        {
            try
            {
                if (!_incoming.TryTake(out var datagram, waitMillis == 0 ? Timeout.Infinite : waitMillis) || datagram.Length > buffer.Length)
                    return -1;
                datagram.CopyTo(buffer);
                return datagram.Length;
            }
            catch (InvalidOperationException)
            {
                throw new DatagramTransportClosedException();
            }
        }

        public void Send(byte[] buf, int off, int len) => send(buf.AsSpan(off, len).ToArray());

        public void Send(ReadOnlySpan<byte> buffer) => send(buffer.ToArray());

        public void Close() => _incoming.CompleteAdding();
    }

    /// <summary>DTLS 1.2 with the server's suites; trusts the server (it is this process) and answers its CertificateRequest with the server's own chain and key.</summary>
    private sealed class WarmUpClient(DtlsServerContext context, int handshakeTimeoutMillis) : DefaultTlsClient(context.Crypto)
    {
        protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

        protected override int[] GetSupportedCipherSuites() => TrapDtlsServer.CipherSuites(context);

        public override int GetHandshakeTimeoutMillis() => handshakeTimeoutMillis;

        public override TlsAuthentication GetAuthentication() => new Authentication(this);

        private TlsCredentials Credentials(CertificateRequest request)
        {
            var algorithm = TlsUtilities.ChooseSignatureAndHashAlgorithm(m_context, request.SupportedSignatureAlgorithms,
                context.Credentials.IsEcdsa ? SignatureAlgorithm.ecdsa : SignatureAlgorithm.rsa);
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(m_context), (BcTlsCrypto)Crypto, context.Credentials.PrivateKey, context.ServerChain, algorithm);
        }

        private sealed class Authentication(WarmUpClient client) : TlsAuthentication
        {
            public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
            {
            }

            public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) => client.Credentials(certificateRequest);
        }
    }
}
