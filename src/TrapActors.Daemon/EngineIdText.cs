using System.Collections.Immutable;
using System.Globalization;

namespace TrapActors.Daemon;

/// <summary>SNMP engine IDs as hex, with or without a 0x prefix (net-snmp's -e form): 5 to 32 octets (RFC 3411 SnmpEngineID).</summary>
public static class EngineIdText
{
    public const int MinOctets = 5;
    public const int MaxOctets = 32;

    /// <summary>Parses "800000000501020304" or "0x8000000001020304". On failure <paramref name="why"/> says why, without repeating the text.</summary>
    public static bool TryParse(string text, out ImmutableArray<byte> engineId, out string why)
    {
        engineId = [];
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length == 0)
        {
            why = "an engine ID needs hex digits";
            return false;
        }
        if (!hex.All(char.IsAsciiHexDigit))
        {
            why = "an engine ID is hex digits (optionally after 0x)";
            return false;
        }
        if (hex.Length % 2 != 0)
        {
            why = "an engine ID needs an even number of hex digits";
            return false;
        }
        var octets = hex.Length / 2;
        if (octets is < MinOctets or > MaxOctets)
        {
            why = string.Create(CultureInfo.InvariantCulture, $"an engine ID is {MinOctets} to {MaxOctets} octets, not {octets}");
            return false;
        }
        engineId = [.. Convert.FromHexString(hex)];
        why = "";
        return true;
    }

    /// <summary>Lowercase hex without a prefix, as the JSON output and trap-actors.usm.local-engine-id write it.</summary>
    public static string Format(ReadOnlySpan<byte> engineId) => Convert.ToHexStringLower(engineId);
}
