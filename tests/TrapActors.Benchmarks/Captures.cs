using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Benchmarks;

/// <summary>The captured datagrams in Data/ (see capture-data.sh and README.md) and the USM keys that open them.</summary>
internal static class Captures
{
    public const string V1Trap = "v1-enterprise-specific.hex";
    public const string V2cTrap10 = "v2c-trap-10vb.hex";
    public const string V2cInform10 = "v2c-inform-10vb.hex";
    public const string V3Trap10 = "v3-sha256-aes128-trap-10vb.hex";
    public const string V3Inform10 = "v3-sha256-aes128-inform-10vb.hex";

    /// <summary>The -e of every v3 capture: the trap sender's engine, and the receiver's for the inform.</summary>
    public static readonly byte[] EngineId = Convert.FromHexString("8000000001020304");
    public const string AuthPassword = "authpass123";
    public const string PrivPassword = "privpass123";
    public const AuthProtocol Auth = AuthProtocol.HmacSha256;
    public const PrivProtocol Priv = PrivProtocol.Aes128;

    /// <summary>One datagram as its own array (the decoder keeps slices of it, as the receiver does).</summary>
    public static byte[] Load(string name) => Convert.FromHexString(File.ReadAllText(Find(name)).Trim());

    /// <summary>privuser's SHA-256 authentication key and AES-128 privacy key, localized to <see cref="EngineId"/>.</summary>
    public static (byte[] AuthKey, byte[] PrivKey) LocalizedKeys()
    {
        var authKey = UsmKeys.Localize(Auth, UsmKeys.PasswordToKey(Auth, AuthPassword), EngineId);
        var privLocalized = UsmKeys.Localize(Auth, UsmKeys.PasswordToKey(Auth, PrivPassword), EngineId);
        return (authKey, UsmKeys.PrivacyKey(Auth, Priv, privLocalized, EngineId));
    }

    public static CommunityMessage DecodeCommunity(byte[] datagram) =>
        SnmpMessageDecoder.TryDecode(datagram, DecodeLimits.Default, out var m, out var e) && m is CommunityMessage c
            ? c
            : throw new InvalidOperationException($"capture does not decode as a community message: {e}");

    public static V3Message DecodeV3(byte[] datagram) =>
        SnmpMessageDecoder.TryDecode(datagram, DecodeLimits.Default, out var m, out var e) && m is V3Message v3
            ? v3
            : throw new InvalidOperationException($"capture does not decode as an SNMPv3 message: {e}");

    /// <summary>Data/ next to the program (BenchmarkDotNet runs it from a generated project's folder), else above it.</summary>
    private static string Find(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "Data", name), Path.Combine(dir.FullName, "tests", "TrapActors.Benchmarks", "Data", name),
                         Path.Combine(dir.FullName, "tests", "TrapActors.Snmp.Tests", "Vectors", name) })
            {
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        throw new FileNotFoundException($"capture {name} not found from {AppContext.BaseDirectory}", name);
    }
}
