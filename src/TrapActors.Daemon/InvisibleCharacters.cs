using System.Buffers;
using System.Globalization;
using System.Text;

namespace TrapActors.Daemon;

/// <summary>
/// Escapes, in UTF-8 JSON, the characters that change what a reader sees without being seen: bidirectional overrides
/// and isolates (U+202A-U+202E, U+2066-U+2069), zero-width characters, U+2028/U+2029, tags and the other format
/// characters. System.Text.Json's relaxed encoder lets them through; outside strings JSON has none, so each one found
/// is inside a string and becomes its <c>\uXXXX</c> escape (the string's value is unchanged).
/// </summary>
public static class InvisibleCharacters
{
    /// <summary>True for the characters escaped here (and by HoconWriter.Escape in the text format).</summary>
    public static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>The JSON bytes with every invisible character escaped; the same bytes when there is none.</summary>
    public static byte[] EscapeJson(ReadOnlySpan<byte> json)
    {
        // Every such character is encoded with a lead byte of 0xC2 or more: pure ASCII is the common, quick case.
        // (0xC2 and above are lead bytes, never continuation bytes: the scan may start there.)
        var first = json.IndexOfAnyInRange((byte)0xC2, (byte)0xFF);
        if (first < 0 || !HasInvisible(json[first..]))
            return json.ToArray();
        var output = new ArrayBufferWriter<byte>(json.Length + 32);
        Span<char> utf16 = stackalloc char[2];
        while (!json.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(json, out var rune, out var consumed);
            if (status == OperationStatus.Done && IsInvisible(rune))
            {
                var count = rune.EncodeToUtf16(utf16);
                foreach (var c in utf16[..count])
                    Encoding.ASCII.GetBytes("\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture), output);
            }
            else
            {
                output.Write(json[..consumed]);
            }
            json = json[consumed..];
        }
        return output.WrittenSpan.ToArray();
    }

    private static bool HasInvisible(ReadOnlySpan<byte> json)
    {
        while (!json.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(json, out var rune, out var consumed) == OperationStatus.Done && IsInvisible(rune))
                return true;
            json = json[consumed..];
        }
        return false;
    }
}
