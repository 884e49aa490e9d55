using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace TrapActors.Snmp.Security;

/// <summary>
/// Encryption of the scoped PDU: CBC-DES (RFC 3414 §8), CBC-3DES-EDE (Reeder draft), AES-CFB-128 with 128, 192
/// and 256-bit keys (RFC 3826, draft-blumenthal-aes-usm-04). The key passed is the privacy key from
/// <see cref="UsmKeys.PrivacyKey"/>. AES comes from .NET; DES and 3DES from BouncyCastle (see docs/decisions).
/// </summary>
public static class UsmPrivacy
{
    private static long _saltCounter = BinaryPrimitives.ReadInt64LittleEndian(RandomNumberGenerator.GetBytes(8));

    /// <summary>Decrypts; false (never an exception) when the parameters or lengths are not what the protocol requires.</summary>
    public static bool TryDecrypt(PrivProtocol protocol, ReadOnlySpan<byte> privacyKey, int engineBoots, int engineTime,
        ReadOnlySpan<byte> privParameters, ReadOnlySpan<byte> cipherText, out byte[] plainText)
    {
        plainText = [];
        if (privParameters.Length != 8 || privacyKey.Length < protocol.KeyMaterialLength() || cipherText.IsEmpty)
            return false;
        if (protocol.IsAes())
        {
            plainText = AesCfb(protocol, privacyKey, AesIv(engineBoots, engineTime, privParameters), cipherText, encrypt: false);
            return true;
        }
        if (protocol is not (PrivProtocol.Des or PrivProtocol.TripleDes) || cipherText.Length % 8 != 0)
            return false;
        plainText = DesCbc(protocol, privacyKey, privParameters, cipherText, encrypt: false);
        return true;
    }

    /// <summary>Encrypts with a fresh salt, returned as the msgPrivacyParameters.</summary>
    public static byte[] Encrypt(PrivProtocol protocol, ReadOnlySpan<byte> privacyKey, int engineBoots, int engineTime,
        ReadOnlySpan<byte> plainText, out byte[] privParameters)
    {
        privParameters = new byte[8];
        var counter = Interlocked.Increment(ref _saltCounter);
        if (protocol.IsAes())
        {
            BinaryPrimitives.WriteInt64BigEndian(privParameters, counter);
            return AesCfb(protocol, privacyKey, AesIv(engineBoots, engineTime, privParameters), plainText, encrypt: true);
        }
        // RFC 3414 §8.1.1.1: salt = engineBoots || a local 32-bit integer.
        BinaryPrimitives.WriteInt32BigEndian(privParameters, engineBoots);
        BinaryPrimitives.WriteInt32BigEndian(privParameters.AsSpan(4), unchecked((int)counter));
        var padded = new byte[(plainText.Length + 7) / 8 * 8];
        try
        {
            plainText.CopyTo(padded);
            return DesCbc(protocol, privacyKey, privParameters, padded, encrypt: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padded);
        }
    }

    private static byte[] AesIv(int engineBoots, int engineTime, ReadOnlySpan<byte> salt)
    {
        var iv = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(iv, engineBoots);
        BinaryPrimitives.WriteInt32BigEndian(iv.AsSpan(4), engineTime);
        salt.CopyTo(iv.AsSpan(8));
        return iv;
    }

    /// <summary>CFB-128 without padding: the input is zero-padded to whole blocks and the output cut back, which CFB allows.</summary>
    private static byte[] AesCfb(PrivProtocol protocol, ReadOnlySpan<byte> privacyKey, byte[] iv, ReadOnlySpan<byte> input, bool encrypt)
    {
        // Disposing the Aes object zeroes its copy of the key.
        using var aes = Aes.Create();
        aes.SetKey(privacyKey[..protocol.KeyMaterialLength()]);
        var padded = new byte[(input.Length + 15) / 16 * 16];
        var output = new byte[padded.Length];
        try
        {
            input.CopyTo(padded);
            if (encrypt)
                aes.EncryptCfb(padded, iv, output, PaddingMode.None, 128);
            else
                aes.DecryptCfb(padded, iv, output, PaddingMode.None, 128);
            return output.AsSpan(0, input.Length).ToArray();
        }
        finally
        {
            // One of the two holds plaintext.
            CryptographicOperations.ZeroMemory(padded);
            CryptographicOperations.ZeroMemory(output);
        }
    }

    /// <summary>
    /// CBC with IV = pre-IV XOR salt; the pre-IV follows the cipher key in the key material. The chaining is done
    /// here over the bare block cipher so that the IV, which reveals the pre-IV to anyone who saw the salt, stays
    /// in a buffer zeroed afterwards (BouncyCastle's CbcBlockCipher keeps a copy). BouncyCastle's own key schedule
    /// cannot be cleared; it is left to the garbage collector.
    /// </summary>
    private static byte[] DesCbc(PrivProtocol protocol, ReadOnlySpan<byte> privacyKey, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> input, bool encrypt)
    {
        var keyLength = protocol == PrivProtocol.Des ? 8 : 24;
        Span<byte> chain = stackalloc byte[8];
        Span<byte> block = stackalloc byte[8];
        var key = privacyKey[..keyLength].ToArray();
        var output = new byte[input.Length];
        try
        {
            for (var i = 0; i < 8; i++)
                chain[i] = (byte)(privacyKey[keyLength + i] ^ salt[i]);
            IBlockCipher engine = protocol == PrivProtocol.Des ? new DesEngine() : new DesEdeEngine();
            engine.Init(encrypt, new KeyParameter(key));
            for (var offset = 0; offset < input.Length; offset += 8)
            {
                var inBlock = input.Slice(offset, 8);
                var outBlock = output.AsSpan(offset, 8);
                if (encrypt)
                {
                    for (var i = 0; i < 8; i++)
                        block[i] = (byte)(inBlock[i] ^ chain[i]);
                    engine.ProcessBlock(block, outBlock);
                    outBlock.CopyTo(chain);
                }
                else
                {
                    engine.ProcessBlock(inBlock, block);
                    for (var i = 0; i < 8; i++)
                        outBlock[i] = (byte)(block[i] ^ chain[i]);
                    inBlock.CopyTo(chain);
                }
            }
            return output;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(chain);
            CryptographicOperations.ZeroMemory(block);
        }
    }
}
