using System.Security.Cryptography;
using System.Text;

namespace TrapActors.Snmp.Security;

/// <summary>
/// Key derivation for USM: password to master key (RFC 3414 §A.2 and its SHA-2 use in RFC 7860), localization
/// to an authoritative engine, and the two extensions of a localized key for ciphers that need more material.
/// These are expensive (a megabyte of hashing per password): callers derive once and cache.
/// </summary>
public static class UsmKeys
{
    private const int ExpandedPasswordLength = 1024 * 1024;

    /// <summary>RFC 3414 A.2.1/A.2.2: hash of the password repeated to 1 MiB (Ku, the master key).</summary>
    public static byte[] PasswordToKey(AuthProtocol protocol, string password)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return PasswordToKey(protocol, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>RFC 3414 A.2.1/A.2.2 over the password's bytes (<see cref="PasswordToKey(AuthProtocol, string)"/> uses UTF-8).</summary>
    /// <exception cref="ArgumentException"><paramref name="password"/> is empty.</exception>
    public static byte[] PasswordToKey(AuthProtocol protocol, ReadOnlySpan<byte> password)
    {
        if (password.IsEmpty)
            throw new ArgumentException("a USM password must not be empty", nameof(password));
        Span<byte> block = stackalloc byte[64];
        try
        {
            var index = 0;
            using var hash = UsmDigest.Incremental(protocol);
            for (var count = 0; count < ExpandedPasswordLength; count += 64)
            {
                for (var i = 0; i < 64; i++)
                    block[i] = password[index++ % password.Length];
                index %= password.Length;
                hash.Append(block);
            }
            var key = new byte[protocol.KeyLength()];
            hash.Finish(key);
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block);
        }
    }

    /// <summary>RFC 3414 §2.6: Kul = H(Ku || engineID || Ku).</summary>
    public static byte[] Localize(AuthProtocol protocol, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> engineId)
    {
        var input = new byte[masterKey.Length * 2 + engineId.Length];
        masterKey.CopyTo(input);
        engineId.CopyTo(input.AsSpan(masterKey.Length));
        masterKey.CopyTo(input.AsSpan(masterKey.Length + engineId.Length));
        try
        {
            return UsmDigest.Hash(protocol, input);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <summary>The privacy key for <paramref name="priv"/>: the localized key, extended if the cipher needs more, cut to length.</summary>
    public static byte[] PrivacyKey(AuthProtocol auth, PrivProtocol priv, ReadOnlySpan<byte> localizedKey, ReadOnlySpan<byte> engineId)
    {
        var needed = priv.KeyMaterialLength();
        if (localizedKey.Length >= needed)
            return localizedKey[..needed].ToArray();
        return priv.Extension() switch
        {
            KeyExtension.Blumenthal => ExtendBlumenthal(auth, localizedKey, needed),
            KeyExtension.Reeder => ExtendReeder(auth, localizedKey, engineId, needed),
            _ => throw new ArgumentException($"{priv.Name()} needs {needed} bytes of key but {auth.Name()} gives {localizedKey.Length}"),
        };
    }

    /// <summary>draft-blumenthal-aes-usm-04: append H(everything so far) until long enough.</summary>
    public static byte[] ExtendBlumenthal(AuthProtocol protocol, ReadOnlySpan<byte> localizedKey, int length)
    {
        var key = new byte[length + protocol.KeyLength()];
        try
        {
            localizedKey.CopyTo(key);
            var have = localizedKey.Length;
            while (have < length)
            {
                UsmDigest.Hash(protocol, key.AsSpan(0, have), key.AsSpan(have, protocol.KeyLength()));
                have += protocol.KeyLength();
            }
            return key.AsSpan(0, length).ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>draft-reeder-snmpv3-usm-3desede-00 §2.1: append localize(passwordToKey(everything so far)) until long enough.</summary>
    public static byte[] ExtendReeder(AuthProtocol protocol, ReadOnlySpan<byte> localizedKey, ReadOnlySpan<byte> engineId, int length)
    {
        var key = new byte[length + protocol.KeyLength()];
        try
        {
            localizedKey.CopyTo(key);
            var have = localizedKey.Length;
            while (have < length)
            {
                var master = PasswordToKey(protocol, key.AsSpan(0, have));
                var next = Localize(protocol, master, engineId);
                next.CopyTo(key.AsSpan(have));
                have += next.Length;
                CryptographicOperations.ZeroMemory(master);
                CryptographicOperations.ZeroMemory(next);
            }
            return key.AsSpan(0, length).ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
