using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
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
        plainText.CopyTo(padded);
        return DesCbc(protocol, privacyKey, privParameters, padded, encrypt: true);
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
        using var aes = Aes.Create();
        var key = privacyKey[..protocol.KeyMaterialLength()].ToArray();
        aes.Key = key;
        CryptographicOperations.ZeroMemory(key);
        var padded = new byte[(input.Length + 15) / 16 * 16];
        input.CopyTo(padded);
        var output = encrypt
            ? aes.EncryptCfb(padded, iv, PaddingMode.None, 128)
            : aes.DecryptCfb(padded, iv, PaddingMode.None, 128);
        return output.AsSpan(0, input.Length).ToArray();
    }

    /// <summary>CBC with IV = pre-IV XOR salt; the pre-IV follows the cipher key in the key material.</summary>
    private static byte[] DesCbc(PrivProtocol protocol, ReadOnlySpan<byte> privacyKey, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> input, bool encrypt)
    {
        var keyLength = protocol == PrivProtocol.Des ? 8 : 24;
        var iv = new byte[8];
        for (var i = 0; i < 8; i++)
            iv[i] = (byte)(privacyKey[keyLength + i] ^ salt[i]);
        IBlockCipher engine = protocol == PrivProtocol.Des ? new DesEngine() : new DesEdeEngine();
        var cbc = new CbcBlockCipher(engine);
        var key = privacyKey[..keyLength].ToArray();
        cbc.Init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        CryptographicOperations.ZeroMemory(key);
        var output = new byte[input.Length];
        for (var offset = 0; offset < input.Length; offset += 8)
            cbc.ProcessBlock(input[offset..], output.AsSpan(offset));
        return output;
    }
}
