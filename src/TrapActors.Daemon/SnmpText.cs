using System.Text.Unicode;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TrapActors.Snmp.Messages;

namespace TrapActors.Daemon;

/// <summary>Text forms shared by the JSON and text output: versions, endpoints, byte strings.</summary>
public static class SnmpText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Version(SnmpVersion version) => version switch
    {
        SnmpVersion.V1 => "v1",
        SnmpVersion.V2c => "v2c",
        SnmpVersion.V3 => "v3",
        _ => version.ToString().ToLowerInvariant(),
    };

    public static string Pdu(NotificationKind kind) => kind == NotificationKind.Inform ? "inform" : "trap";

    /// <summary>The RFC 3411 names: noAuthNoPriv, authNoPriv, authPriv.</summary>
    public static string SecurityLevel(SecurityLevel level) => level switch
    {
        TrapActors.SecurityLevel.NoAuthNoPriv => "noAuthNoPriv",
        TrapActors.SecurityLevel.AuthNoPriv => "authNoPriv",
        TrapActors.SecurityLevel.AuthPriv => "authPriv",
        _ => level.ToString(),
    };

    /// <summary>ADDR:PORT, IPv6 as [ADDR]:PORT; an IPv4-mapped IPv6 address (dual-stack socket) is shown as IPv4.</summary>
    public static string EndPoint(IPEndPoint endPoint)
    {
        var address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        var port = endPoint.Port.ToString(CultureInfo.InvariantCulture);
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
    }

    /// <summary>ISO 8601 UTC with milliseconds: 2026-11-27T08:44:16.123Z.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The bytes as text when they are valid UTF-8 and hold no control characters other than tab, CR and LF;
    /// otherwise null.
    /// </summary>
    public static string? TryGetText(ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
                return null;
        }
        return text;
    }

    /// <summary>True when <see cref="TryGetText"/> would return text, without making the string.</summary>
    public static bool IsText(ReadOnlySpan<byte> bytes)
    {
        if (!Utf8.IsValid(bytes))
            return false;
        foreach (var b in bytes)
        {
            // Multi-byte sequences (>= 0x80) can still encode C1 controls (U+0080..U+009F): C2 80..C2 9F.
            if ((b < 0x20 && b is not ((byte)'\t' or (byte)'\r' or (byte)'\n')) || b == 0x7F)
                return false;
        }
        return !HasC1Control(bytes);
    }

    private static bool HasC1Control(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == 0xC2 && bytes[i + 1] is >= 0x80 and <= 0x9F)
                return true;
        }
        return false;
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
