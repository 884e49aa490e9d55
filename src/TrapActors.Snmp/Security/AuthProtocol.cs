using System.Security.Cryptography;

namespace TrapActors.Snmp.Security;

/// <summary>USM authentication protocols (RFC 3414, RFC 7860).</summary>
public enum AuthProtocol
{
    /// <summary>No authentication (noAuthNoPriv): usmNoAuthProtocol.</summary>
    None = 0,
    /// <summary>usmHMACMD5AuthProtocol, HMAC-MD5-96.</summary>
    HmacMd5,
    /// <summary>usmHMACSHAAuthProtocol, HMAC-SHA-96.</summary>
    HmacSha1,
    /// <summary>usmHMAC128SHA224AuthProtocol.</summary>
    HmacSha224,
    /// <summary>usmHMAC192SHA256AuthProtocol.</summary>
    HmacSha256,
    /// <summary>usmHMAC256SHA384AuthProtocol.</summary>
    HmacSha384,
    /// <summary>usmHMAC384SHA512AuthProtocol.</summary>
    HmacSha512,
}

/// <summary>Lengths, hash algorithms and names of the <see cref="AuthProtocol"/> values (extension methods).</summary>
public static class AuthProtocols
{
    /// <summary>Length of msgAuthenticationParameters: the HMAC truncated as each RFC says.</summary>
    public static int MacLength(this AuthProtocol protocol) => protocol switch
    {
        AuthProtocol.HmacMd5 or AuthProtocol.HmacSha1 => 12,
        AuthProtocol.HmacSha224 => 16,
        AuthProtocol.HmacSha256 => 24,
        AuthProtocol.HmacSha384 => 32,
        AuthProtocol.HmacSha512 => 48,
        _ => 0,
    };

    /// <summary>Digest length of the hash, which is also the length of a localized key.</summary>
    public static int KeyLength(this AuthProtocol protocol) => protocol switch
    {
        AuthProtocol.HmacMd5 => 16,
        AuthProtocol.HmacSha1 => 20,
        AuthProtocol.HmacSha224 => 28,
        AuthProtocol.HmacSha256 => 32,
        AuthProtocol.HmacSha384 => 48,
        AuthProtocol.HmacSha512 => 64,
        _ => 0,
    };

    /// <summary>The hash the HMAC and the key derivation use (SHA-224 is named "SHA224", which .NET's own classes do not know).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="protocol"/> is <see cref="AuthProtocol.None"/>.</exception>
    public static HashAlgorithmName HashAlgorithm(this AuthProtocol protocol) => protocol switch
    {
        AuthProtocol.HmacMd5 => HashAlgorithmName.MD5,
        AuthProtocol.HmacSha1 => HashAlgorithmName.SHA1,
        AuthProtocol.HmacSha224 => Sha224Name,
        AuthProtocol.HmacSha256 => HashAlgorithmName.SHA256,
        AuthProtocol.HmacSha384 => HashAlgorithmName.SHA384,
        AuthProtocol.HmacSha512 => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "no hash for this protocol"),
    };

    /// <summary>SHA-224 is not among .NET's hash algorithms; it is computed with BouncyCastle.</summary>
    internal static readonly HashAlgorithmName Sha224Name = new("SHA224");

    /// <summary>net-snmp's names: MD5, SHA, SHA-224, SHA-256, SHA-384, SHA-512.</summary>
    public static bool TryParse(string text, out AuthProtocol protocol)
    {
        protocol = text.ToUpperInvariant() switch
        {
            "MD5" => AuthProtocol.HmacMd5,
            "SHA" or "SHA1" or "SHA-1" => AuthProtocol.HmacSha1,
            "SHA-224" or "SHA224" => AuthProtocol.HmacSha224,
            "SHA-256" or "SHA256" => AuthProtocol.HmacSha256,
            "SHA-384" or "SHA384" => AuthProtocol.HmacSha384,
            "SHA-512" or "SHA512" => AuthProtocol.HmacSha512,
            _ => AuthProtocol.None,
        };
        return protocol != AuthProtocol.None;
    }

    /// <summary>net-snmp's name (MD5, SHA, SHA-224 ... SHA-512; "none"), the form <see cref="TryParse"/> reads.</summary>
    public static string Name(this AuthProtocol protocol) => protocol switch
    {
        AuthProtocol.HmacMd5 => "MD5",
        AuthProtocol.HmacSha1 => "SHA",
        AuthProtocol.HmacSha224 => "SHA-224",
        AuthProtocol.HmacSha256 => "SHA-256",
        AuthProtocol.HmacSha384 => "SHA-384",
        AuthProtocol.HmacSha512 => "SHA-512",
        _ => "none",
    };
}
