using System.Globalization;
using System.Text;
using TrapActors.Configuration;

namespace TrapActors.Dtls;

/// <summary>
/// One net-snmp certSecName line:
/// <c>[certSecName] PRIORITY [--md5|--sha1|--sha224|--sha256|--sha384|--sha512] FINGERPRINT [--shaNN] (--sn NAME|--rfc822|--dns|--ip|--cn|--any)</c>.
/// net-snmp 5.9.3 takes the hash flag only before the fingerprint (its help text shows it after), so both places are
/// accepted. The fingerprint is hex, colons optional, any case. Without a flag the hash is SHA-1 as in net-snmp, unless
/// the fingerprint's length says otherwise (a 32-octet fingerprint is SHA-256: as SHA-1 it could never match).
/// Words are split as <see cref="NetSnmpConfigLine"/> does (NAME may be quoted, "..." or '...'); blank lines and lines starting with '#' are skipped.
/// net-snmp's other fingerprint form, the name of a certificate file in its store, is not supported.
/// </summary>
internal static class CertToTsnLineParser
{
    private const string Keyword = "certSecName";

    /// <summary>
    /// The entry, or null for a blank or comment line; a <see cref="DtlsConfigurationException"/> "SOURCE:LINE: reason"
    /// otherwise. Weak pins (MD5, SHA-1, a 16-octet fingerprint taken as MD5) add a "SOURCE:LINE: ..." to <paramref name="warnings"/>.
    /// </summary>
    public static CertToTsnEntry? Parse(string line, string source, int lineNumber, ICollection<string>? warnings = null)
    {
        if (!NetSnmpConfigLine.TrySplit(line, out var tokens, out var error))
            throw Fail(source, lineNumber, error);
        if (tokens.IsEmpty)
            return null;
        var next = 0;
        if (string.Equals(tokens[0], Keyword, StringComparison.OrdinalIgnoreCase))
            next++;

        string Take(string missing) => next < tokens.Length ? tokens[next++] : throw Fail(source, lineNumber, missing);
        string? Peek() => next < tokens.Length ? tokens[next] : null;

        var priorityText = Take("missing the priority (expected: certSecName PRIORITY [--sha256] FINGERPRINT --sn NAME|--rfc822|--dns|--ip|--cn|--any)");
        if (!int.TryParse(priorityText, NumberStyles.None, CultureInfo.InvariantCulture, out var priority))
            throw Fail(source, lineNumber, $"the priority '{priorityText}' is not a number from 0 to {int.MaxValue}");

        var hash = TryHashFlag(Peek());
        if (hash is not null)
            next++;

        var fingerprintText = Take("missing the fingerprint");
        if (fingerprintText.StartsWith('-'))
            throw Fail(source, lineNumber, $"expected a fingerprint, found '{fingerprintText}'");
        var fingerprint = ParseHex(fingerprintText)
            ?? throw Fail(source, lineNumber, $"the fingerprint '{fingerprintText}' is not hex (with or without colons); certificate file names are not supported");

        var hashAfter = TryHashFlag(Peek());
        if (hashAfter is not null)
        {
            if (hash is not null)
                throw Fail(source, lineNumber, "the hash algorithm is given twice");
            hash = hashAfter;
            next++;
        }

        var resolved = hash ?? InferHash(fingerprint.Length)
            ?? throw Fail(source, lineNumber, $"a {fingerprint.Length}-octet fingerprint matches no hash algorithm (SHA-1 has 20 octets, SHA-256 32)");
        if (fingerprint.Length != resolved.Length())
            throw Fail(source, lineNumber,
                $"a {resolved.ToString().ToUpperInvariant()} fingerprint has {resolved.Length()} octets, this one has {fingerprint.Length}");

        if (warnings is not null && WeakHash(resolved, inferred: hash is null) is { } weak)
            warnings.Add($"{source}:{lineNumber}: {weak}");

        var mapFlag = Take("missing the map type (--sn NAME, --rfc822, --dns, --ip, --cn or --any)");
        string? securityName = null;
        CertMapType mapType;
        switch (mapFlag.ToLowerInvariant())
        {
            case "--sn":
                securityName = Take("--sn needs a security name");
                var octets = Encoding.UTF8.GetByteCount(securityName);
                if (octets is 0 or > CertToTsnMap.MaxSecurityNameOctets)
                    throw Fail(source, lineNumber, $"the security name must have 1 to {CertToTsnMap.MaxSecurityNameOctets} octets, '{securityName}' has {octets}");
                mapType = CertMapType.Specified;
                break;
            case "--rfc822": mapType = CertMapType.SanRfc822Name; break;
            case "--dns": mapType = CertMapType.SanDnsName; break;
            case "--ip": mapType = CertMapType.SanIpAddress; break;
            case "--any": mapType = CertMapType.SanAny; break;
            case "--cn": mapType = CertMapType.CommonName; break;
            default:
                throw Fail(source, lineNumber, $"unknown map type '{mapFlag}' (expected --sn NAME, --rfc822, --dns, --ip, --cn or --any)");
        }

        if (next < tokens.Length)
            throw Fail(source, lineNumber, $"unexpected '{tokens[next]}' after the map type");
        return new CertToTsnEntry(priority, resolved, fingerprint, mapType, securityName);
    }

    // Kept (net-snmp and RFC 6353 allow them) but a collision can forge a certificate with a pinned MD5 fingerprint,
    // and SHA-1 collisions are practical (SHAttered, 2017).
    private static string? WeakHash(FingerprintHash hash, bool inferred) => hash switch
    {
        FingerprintHash.Md5 when inferred =>
            "a 16-octet fingerprint without a hash flag is taken as MD5, which is broken: write --md5 if that is meant, better pin the SHA-256 fingerprint (--sha256)",
        FingerprintHash.Md5 => "an MD5 fingerprint is weak (collisions are cheap): pin the SHA-256 fingerprint (--sha256) instead",
        FingerprintHash.Sha1 => "a SHA-1 fingerprint is weak (collisions are practical): pin the SHA-256 fingerprint (--sha256) instead",
        _ => null,
    };

    private static FingerprintHash? TryHashFlag(string? token) => token?.ToLowerInvariant() switch
    {
        "--md5" => FingerprintHash.Md5,
        "--sha1" => FingerprintHash.Sha1,
        "--sha224" => FingerprintHash.Sha224,
        "--sha256" => FingerprintHash.Sha256,
        "--sha384" => FingerprintHash.Sha384,
        "--sha512" => FingerprintHash.Sha512,
        _ => null,
    };

    private static FingerprintHash? InferHash(int octets) =>
        octets == FingerprintHash.Sha1.Length() ? FingerprintHash.Sha1
        : FingerprintHashes.All.Cast<FingerprintHash?>().FirstOrDefault(h => h!.Value.Length() == octets);

    private static byte[]? ParseHex(string text)
    {
        var hex = text.Replace(":", "", StringComparison.Ordinal);
        if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
            return null;
        return Convert.FromHexString(hex);
    }

    private static DtlsConfigurationException Fail(string source, int lineNumber, string reason) =>
        new($"{source}:{lineNumber}: {reason}");
}
