using Org.BouncyCastle.Security;

namespace TrapActors.Dtls;

/// <summary>
/// A certificate fingerprint's hash algorithm, numbered as in the TLS HashAlgorithm registry: the first octet of an
/// RFC 9456 SnmpTLSFingerprint.
/// </summary>
public enum FingerprintHash
{
    Md5 = 1,
    Sha1 = 2,
    Sha224 = 3,
    Sha256 = 4,
    Sha384 = 5,
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
