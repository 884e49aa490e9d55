using Org.BouncyCastle.Security;

namespace TrapActors.Dtls;

/// <summary>
/// A certificate fingerprint's hash algorithm, numbered as in the TLS HashAlgorithm registry: the first octet of an
/// RFC 9456 SnmpTLSFingerprint.
/// </summary>
public enum FingerprintHash
{
    /// <summary>MD5 (1): 16-octet fingerprints.</summary>
    Md5 = 1,
    /// <summary>SHA-1 (2): 20-octet fingerprints.</summary>
    Sha1 = 2,
    /// <summary>SHA-224 (3): 28-octet fingerprints.</summary>
    Sha224 = 3,
    /// <summary>SHA-256 (4): 32-octet fingerprints.</summary>
    Sha256 = 4,
    /// <summary>SHA-384 (5): 48-octet fingerprints.</summary>
    Sha384 = 5,
    /// <summary>SHA-512 (6): 64-octet fingerprints.</summary>
    Sha512 = 6,
}

internal static class FingerprintHashes
{
    public static readonly IReadOnlyList<FingerprintHash> All = Enum.GetValues<FingerprintHash>();

    public static byte[] Digest(this FingerprintHash hash, byte[] data) => DigestUtilities.CalculateDigest(hash.DigestName(), data);

    /// <summary>The digest length in octets, which a configured fingerprint must have.</summary>
    public static int Length(this FingerprintHash hash) => hash switch
    {
        FingerprintHash.Md5 => 16,
        FingerprintHash.Sha1 => 20,
        FingerprintHash.Sha224 => 28,
        FingerprintHash.Sha256 => 32,
        FingerprintHash.Sha384 => 48,
        FingerprintHash.Sha512 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(hash), hash, null),
    };

    private static string DigestName(this FingerprintHash hash) => hash switch
    {
        FingerprintHash.Md5 => "MD5",
        FingerprintHash.Sha1 => "SHA-1",
        FingerprintHash.Sha224 => "SHA-224",
        FingerprintHash.Sha256 => "SHA-256",
        FingerprintHash.Sha384 => "SHA-384",
        FingerprintHash.Sha512 => "SHA-512",
        _ => throw new ArgumentOutOfRangeException(nameof(hash), hash, null),
    };
}
