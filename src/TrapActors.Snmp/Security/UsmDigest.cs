using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace TrapActors.Snmp.Security;

/// <summary>Hashes and HMACs for the USM protocols: .NET's own, BouncyCastle's for SHA-224 (which .NET lacks).</summary>
internal static class UsmDigest
{
    public static void Hash(AuthProtocol protocol, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (protocol == AuthProtocol.HmacSha224)
        {
            var digest = new Sha224Digest();
            digest.BlockUpdate(data);
            digest.DoFinal(destination);
            return;
        }
        CryptographicOperations.HashData(protocol.HashAlgorithm(), data, destination);
    }

    public static byte[] Hash(AuthProtocol protocol, ReadOnlySpan<byte> data)
    {
        var result = new byte[protocol.KeyLength()];
        Hash(protocol, data, result);
        return result;
    }

    /// <summary>The full (untruncated) HMAC of <paramref name="data"/> into <paramref name="destination"/>.</summary>
    public static void Hmac(AuthProtocol protocol, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        switch (protocol)
        {
            case AuthProtocol.HmacMd5:
                HMACMD5.HashData(key, data, destination);
                break;
            case AuthProtocol.HmacSha1:
                HMACSHA1.HashData(key, data, destination);
                break;
            case AuthProtocol.HmacSha256:
                HMACSHA256.HashData(key, data, destination);
                break;
            case AuthProtocol.HmacSha384:
                HMACSHA384.HashData(key, data, destination);
                break;
            case AuthProtocol.HmacSha512:
                HMACSHA512.HashData(key, data, destination);
                break;
            case AuthProtocol.HmacSha224:
                HmacSha224(key, data, destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "no HMAC for this protocol");
        }
    }

    /// <summary>
    /// RFC 2104 over BouncyCastle's SHA-224, written out rather than BouncyCastle's HMac so that the padded key
    /// lives only in buffers zeroed here (HMac keeps copies of it that nothing can clear). SHA-224 is not in .NET.
    /// </summary>
    private static void HmacSha224(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        const int blockSize = 64;
        const int digestSize = 28;
        Span<byte> pad = stackalloc byte[blockSize];
        Span<byte> inner = stackalloc byte[digestSize];
        var digest = new Sha224Digest();
        try
        {
            pad.Clear();
            if (key.Length > blockSize)
            {
                digest.BlockUpdate(key);
                digest.DoFinal(pad);
            }
            else
            {
                key.CopyTo(pad);
            }
            Xor(pad, 0x36);
            digest.BlockUpdate(pad);
            digest.BlockUpdate(data);
            digest.DoFinal(inner);
            Xor(pad, 0x36 ^ 0x5c);
            digest.BlockUpdate(pad);
            digest.BlockUpdate(inner);
            digest.DoFinal(destination);
        }
        finally
        {
            // DoFinal clears the digest's own buffers; a throw half-way is cleared by Reset.
            digest.Reset();
            CryptographicOperations.ZeroMemory(pad);
            CryptographicOperations.ZeroMemory(inner);
        }
    }

    private static void Xor(Span<byte> bytes, byte value)
    {
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] ^= value;
    }

    /// <summary>Feeds a stream of bytes into one hash; used where the input is too long to materialize.</summary>
    public interface IIncremental : IDisposable
    {
        void Append(ReadOnlySpan<byte> data);

        void Finish(Span<byte> destination);
    }

    public static IIncremental Incremental(AuthProtocol protocol) =>
        protocol == AuthProtocol.HmacSha224 ? new BouncyIncremental() : new DotNetIncremental(protocol.HashAlgorithm());

    private sealed class DotNetIncremental(HashAlgorithmName name) : IIncremental
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(name);

        public void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

        public void Finish(Span<byte> destination) => _hash.GetHashAndReset(destination);

        public void Dispose() => _hash.Dispose();
    }

    private sealed class BouncyIncremental : IIncremental
    {
        private readonly Sha224Digest _digest = new();

        public void Append(ReadOnlySpan<byte> data) => _digest.BlockUpdate(data);

        public void Finish(Span<byte> destination) => _digest.DoFinal(destination);

        public void Dispose() => _digest.Reset();
    }
}
