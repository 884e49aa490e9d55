using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// Hand-built DTLS 1.2 handshake datagrams (RFC 6347 §4.2), for peers that misbehave on purpose: cookie-less
/// ClientHellos from many source ports (spoofing), a wrong cookie, or a peer that completes the cookie exchange and
/// then goes silent. The ClientHello offers what the receiver accepts (ECDHE with ECDSA or RSA, AES-GCM/ChaCha20,
/// P-256/X25519), so a valid cookie really starts a handshake: the receiver answers with its ServerHello flight.
/// </summary>
public static class RawDtls
{
    public const byte ContentHandshake = 22;
    public const byte ContentAlert = 21;
    public const byte HandshakeClientHello = 1;
    public const byte HandshakeServerHello = 2;
    public const byte HandshakeHelloVerifyRequest = 3;

    private static readonly ushort[] CipherSuites = [0xC02B, 0xC02C, 0xCCA9, 0xC02F, 0xC030, 0xCCA8];

    /// <summary>A fresh 32-byte ClientHello.random; a cookie only verifies for the same random (and the same source).</summary>
    public static byte[] NewRandom() => RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// One datagram: one epoch-0 handshake record holding an unfragmented ClientHello. The first ClientHello has
    /// messageSeq 0, recordSeq 0 and no cookie; the one answering a HelloVerifyRequest repeats the random with the
    /// cookie, messageSeq 1 and recordSeq 1.
    /// </summary>
    public static byte[] ClientHello(ReadOnlySpan<byte> random, ReadOnlySpan<byte> cookie = default, ushort messageSeq = 0, ulong recordSeq = 0)
    {
        if (random.Length != 32)
            throw new ArgumentException("ClientHello.random is 32 bytes", nameof(random));
        var body = new List<byte>();
        body.AddRange([0xFE, 0xFD]);                      // client_version DTLS 1.2
        body.AddRange(random.ToArray());
        body.Add(0);                                       // session_id: empty
        body.Add((byte)cookie.Length);
        body.AddRange(cookie.ToArray());
        AddU16(body, CipherSuites.Length * 2);
        foreach (var suite in CipherSuites)
            AddU16(body, suite);
        body.AddRange([1, 0]);                             // compression: null only

        var extensions = new List<byte>();
        Extension(extensions, 0x000A, [0x00, 0x04, 0x00, 0x1D, 0x00, 0x17]);                         // supported_groups: x25519, secp256r1
        Extension(extensions, 0x000B, [0x01, 0x00]);                                                 // ec_point_formats: uncompressed
        Extension(extensions, 0x000D, [0x00, 0x08, 0x04, 0x03, 0x05, 0x03, 0x08, 0x04, 0x04, 0x01]); // signature_algorithms
        Extension(extensions, 0x0017, []);                                                           // extended_master_secret
        Extension(extensions, 0xFF01, [0x00]);                                                       // renegotiation_info (initial)
        AddU16(body, extensions.Count);
        body.AddRange(extensions);

        var handshake = new List<byte> { HandshakeClientHello };
        AddU24(handshake, body.Count);
        AddU16(handshake, messageSeq);
        AddU24(handshake, 0);                              // fragment_offset
        AddU24(handshake, body.Count);                     // fragment_length: unfragmented
        handshake.AddRange(body);

        var record = new List<byte> { ContentHandshake, 0xFE, 0xFF, 0x00, 0x00 };  // record version DTLS 1.0 (usual for the first flight), epoch 0
        for (var shift = 40; shift >= 0; shift -= 8)
            record.Add((byte)(recordSeq >> shift));
        AddU16(record, handshake.Count);
        record.AddRange(handshake);
        return [.. record];
    }

    /// <summary>The cookie of the first HelloVerifyRequest in <paramref name="datagram"/>; null when there is none (never throws).</summary>
    public static byte[]? HelloVerifyRequestCookie(ReadOnlySpan<byte> datagram)
    {
        foreach (var (contentType, epoch, memory) in Records(datagram.ToArray()))
        {
            var fragment = memory.Span;
            // handshake header: type(1) length(3) message_seq(2) fragment_offset(3) fragment_length(3); body: server_version(2) cookie<0..255>
            if (contentType != ContentHandshake || epoch != 0 || fragment.Length < 12 + 3 || fragment[0] != HandshakeHelloVerifyRequest)
                continue;
            var cookieLength = fragment[12 + 2];
            if (fragment.Length < 12 + 3 + cookieLength)
                return null;
            return fragment.Slice(12 + 3, cookieLength).ToArray();
        }
        return null;
    }

    /// <summary>True when <paramref name="datagram"/> carries an epoch-0 ServerHello: the server has started a handshake.</summary>
    public static bool HasServerHello(ReadOnlySpan<byte> datagram) =>
        Records(datagram.ToArray()).Any(r => r.ContentType == ContentHandshake && r.Epoch == 0 && r.Fragment.Length > 0 && r.Fragment.Span[0] == HandshakeServerHello);

    /// <summary>The DTLS records of a datagram: content type, epoch and fragment; stops at the first truncated record.</summary>
    public static IEnumerable<(byte ContentType, ushort Epoch, ReadOnlyMemory<byte> Fragment)> Records(byte[] datagram)
    {
        var offset = 0;
        while (offset + 13 <= datagram.Length)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(offset + 11, 2));
            if (offset + 13 + length > datagram.Length)
                yield break;
            yield return (datagram[offset], BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(offset + 3, 2)), datagram.AsMemory(offset + 13, length));
            offset += 13 + length;
        }
    }

    /// <summary>Sends a cookie-less ClientHello from <paramref name="client"/> and returns the HelloVerifyRequest's cookie (null when none came).</summary>
    public static async Task<byte[]?> RequestCookieAsync(UdpClient client, IPEndPoint server, byte[] random, TimeSpan timeout)
    {
        await client.SendAsync(ClientHello(random), server);
        return HelloVerifyRequestCookie(await ReceiveAsync(client, timeout) ?? []);
    }

    /// <summary>
    /// A peer that never finishes: ClientHello, HelloVerifyRequest, ClientHello with the cookie; returns once the server's
    /// ServerHello arrived (so the receiver holds a handshaking association for this source), and then sends nothing more.
    /// </summary>
    public static async Task StartAndStallAsync(UdpClient client, IPEndPoint server, TimeSpan timeout)
    {
        var random = NewRandom();
        var cookie = await RequestCookieAsync(client, server, random, timeout)
            ?? throw new Xunit.Sdk.XunitException("no HelloVerifyRequest came back");
        await client.SendAsync(ClientHello(random, cookie, messageSeq: 1, recordSeq: 1), server);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var datagram = await ReceiveAsync(client, deadline - DateTime.UtcNow);
            if (datagram is null)
                break;
            if (HasServerHello(datagram))
                return;
        }
        throw new Xunit.Sdk.XunitException("the receiver did not start the handshake (no ServerHello after a valid cookie)");
    }

    /// <summary>
    /// The cookie exchange, then the ClientHello with the cookie, and nothing more (not even waiting for the server's
    /// flight): whether the receiver then starts a handshake or refuses it is for the caller to read from the counters.
    /// </summary>
    public static async Task PassCookieAndStallAsync(UdpClient client, IPEndPoint server, TimeSpan timeout)
    {
        var random = NewRandom();
        var cookie = await RequestCookieAsync(client, server, random, timeout)
            ?? throw new Xunit.Sdk.XunitException("no HelloVerifyRequest came back");
        await client.SendAsync(ClientHello(random, cookie, messageSeq: 1, recordSeq: 1), server);
    }

    /// <summary>The next datagram on <paramref name="client"/>, or null after <paramref name="timeout"/>.</summary>
    public static async Task<byte[]?> ReceiveAsync(UdpClient client, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
            return null;
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return (await client.ReceiveAsync(cts.Token)).Buffer;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static void Extension(List<byte> to, ushort type, byte[] data)
    {
        AddU16(to, type);
        AddU16(to, data.Length);
        to.AddRange(data);
    }

    private static void AddU16(List<byte> to, int value)
    {
        to.Add((byte)(value >> 8));
        to.Add((byte)value);
    }

    private static void AddU24(List<byte> to, int value)
    {
        to.Add((byte)(value >> 16));
        to.Add((byte)(value >> 8));
        to.Add((byte)value);
    }
}
