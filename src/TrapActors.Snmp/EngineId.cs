using System.Collections.Immutable;
using System.Globalization;

namespace TrapActors.Snmp;

/// <summary>
/// An SNMP engine ID: the RFC 3411 §5 SnmpEngineID, an OCTET STRING of 5 to 32 octets that names one SNMP engine
/// within an administrative domain. SNMPv3's USM (RFC 3414) identifies a user by engine ID and user name, and localizes
/// the user's keys to the engine ID of the authoritative engine (this receiver's, for informs; the sender's, for traps).
/// By RFC 3411 a first octet with its high bit set starts the enterprise-defined form (4 octets of enterprise
/// number with the high bit set, a format octet, then the value); this type checks only the length.
/// </summary>
/// <remarks>
/// As text an engine ID is hex, as net-snmp's <c>-e</c> option and <c>trap-actors.usm.local-engine-id</c> take it:
/// an optional <c>0x</c> prefix, two hex digits an octet in either case, and optionally <c>:</c> between octets
/// (<c>800000090300001122334455</c>, <c>0x800000090300001122334455</c>, <c>80:00:00:09:03:00:00:11:22:33:44:55</c>).
/// It is written as lower-case hex without prefix or separators. The default value is <see cref="IsEmpty">empty</see>,
/// which is not a valid engine ID: it stands for "none" (a user for any engine, a discovery request).
/// </remarks>
public readonly struct EngineId : IEquatable<EngineId>
{
    /// <summary>The fewest octets an SnmpEngineID has (RFC 3411 §5).</summary>
    public const int MinOctets = 5;

    /// <summary>The most octets an SnmpEngineID has (RFC 3411 §5).</summary>
    public const int MaxOctets = 32;

    private readonly ImmutableArray<byte> _octets;

    private EngineId(ImmutableArray<byte> octets) => _octets = octets;

    /// <summary>The engine ID's octets; empty for the default value.</summary>
    public ImmutableArray<byte> Octets => _octets.IsDefault ? [] : _octets;

    /// <summary>True for the default value, which names no engine.</summary>
    public bool IsEmpty => _octets.IsDefaultOrEmpty;

    /// <summary>An engine ID of <paramref name="octets"/> (copied). Throws <see cref="ArgumentException"/> unless it has 5 to 32 octets.</summary>
    public static EngineId FromOctets(ReadOnlySpan<byte> octets) =>
        octets.Length is >= MinOctets and <= MaxOctets
            ? new EngineId([.. octets])
            : throw new ArgumentException(LengthError(octets.Length), nameof(octets));

    /// <summary>
    /// Parses hex text (see the remarks of <see cref="EngineId"/>). Throws <see cref="FormatException"/> saying what is
    /// wrong; the message does not repeat the text, which may be a misplaced secret.
    /// </summary>
    public static EngineId Parse(string text) =>
        TryParse(text, out var engineId, out var error) ? engineId : throw new FormatException(error);

    /// <summary>Parses hex text (see the remarks of <see cref="EngineId"/>); false, and the default value, when it is not an engine ID.</summary>
    public static bool TryParse(string? text, out EngineId engineId) => TryParse(text, out engineId, out _);

    /// <summary>
    /// Parses hex text (see the remarks of <see cref="EngineId"/>). On failure <paramref name="error"/> says why in one
    /// line ("an engine ID is 5 to 32 octets, not 4") without repeating the text.
    /// </summary>
    public static bool TryParse(string? text, out EngineId engineId, out string error)
    {
        engineId = default;
        var hex = text.AsSpan();
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            hex = hex[2..];
        if (hex.IsEmpty)
        {
            error = "an engine ID needs hex digits";
            return false;
        }
        foreach (var c in hex)
        {
            if (c != ':' && !char.IsAsciiHexDigit(c))
            {
                error = "an engine ID is hex digits (optionally after 0x)";
                return false;
            }
        }

        Span<byte> octets = stackalloc byte[MaxOctets];
        var count = 0;
        var digits = 0;
        for (var i = 0; i < hex.Length; i++)
        {
            if (hex[i] == ':')
            {
                if (digits % 2 != 0 || i == 0 || i == hex.Length - 1 || hex[i - 1] == ':')
                {
                    error = "in an engine ID ':' may only stand between two octets";
                    return false;
                }
                continue;
            }
            // Beyond MaxOctets the digits are only counted, for the error message.
            var value = HexValue(hex[i]);
            if (count < MaxOctets)
                octets[count] = digits % 2 == 0 ? (byte)(value << 4) : (byte)(octets[count] | value);
            if (digits++ % 2 != 0)
                count++;
        }
        if (digits % 2 != 0)
        {
            error = "an engine ID needs an even number of hex digits";
            return false;
        }
        if (count is < MinOctets or > MaxOctets)
        {
            error = LengthError(count);
            return false;
        }
        engineId = new EngineId([.. octets[..count]]);
        error = "";
        return true;
    }

    /// <summary>
    /// <paramref name="octets"/> as engine ID text: lower-case hex without prefix or separators. Any length is written
    /// (an engine ID from the network may be malformed, and an empty one stands for discovery).
    /// </summary>
    public static string Format(ReadOnlySpan<byte> octets) => Convert.ToHexStringLower(octets);

    /// <summary>Lower-case hex without prefix or separators (<see cref="Format"/>); "" for the default value.</summary>
    public override string ToString() => Format(Octets.AsSpan());

    /// <summary>True when both have the same octets.</summary>
    public bool Equals(EngineId other) => Octets.AsSpan().SequenceEqual(other.Octets.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EngineId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Octets.AsSpan());
        return hash.ToHashCode();
    }

    /// <summary>True when both have the same octets.</summary>
    public static bool operator ==(EngineId left, EngineId right) => left.Equals(right);

    /// <summary>True when the octets differ.</summary>
    public static bool operator !=(EngineId left, EngineId right) => !left.Equals(right);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static string LengthError(int octets) =>
        string.Create(CultureInfo.InvariantCulture, $"an engine ID is {MinOctets} to {MaxOctets} octets, not {octets}");
}
