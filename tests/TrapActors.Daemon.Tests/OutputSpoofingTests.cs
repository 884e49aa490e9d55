using System.Text.Json;
using TrapActors.Configuration;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// A sender cannot make a printed line read other than it is: bidirectional overrides and isolates, zero-width
/// characters and U+2028/U+2029 in a string varbind are escaped, in the text format as in JSON (System.Text.Json's
/// relaxed encoder, used for the JSON lines, lets them through).
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class OutputSpoofingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // "ok " U+202E "gnp.exe" U+2066 x U+2069 U+200B U+2028 U+FEFF: reads "ok exe.png..." when shown raw.
    private const string SpoofHex = "6f6b20e280ae676e702e657865e281a678e281a9e2808be280a8efbbbf";
    private const string Escaped = @"ok \u202egnp.exe\u2066x\u2069\u200b\u2028\ufeff";

    private static readonly char[] Invisible = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
        '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2028', '\u2029', '\uFEFF', '\u00AD', '\u2060'];

    [Fact]
    public void Every_invisible_format_character_is_escaped()
    {
        foreach (var c in Invisible)
            Assert.Equal($"a\\u{(int)c:x4}b", HoconWriter.Escape($"a{c}b"));
        Assert.Equal(@"\udb40\udc41", HoconWriter.Escape("\U000E0041")); // a tag character (invisible "A")
        Assert.Equal("é 日本 \U0001F600", HoconWriter.Escape("é 日本 \U0001F600")); // visible text stays as it is
    }

    [Fact]
    public async Task A_bidi_override_sent_by_snmptrap_is_escaped_in_the_text_format()
    {
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--format", "text");
        var target = $"127.0.0.1:{await daemon.WaitForPortAsync()}";
        var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", target, "1", "1.3.6.1.4.1.8072.2.3.0.1",
            "1.3.6.1.2.1.1.5.0", "x", SpoofHex);
        Assert.True(sent.ExitCode == 0, sent.ToString());

        var line = Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout));
        Assert.EndsWith($"| 1.3.6.1.2.1.1.5.0 = OctetString: \"{Escaped}\"", line);
        Assert.DoesNotContain(line, c => Array.IndexOf(Invisible, c) >= 0);
        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
    }

    [Fact]
    public async Task A_bidi_override_sent_by_snmptrap_is_escaped_in_JSON()
    {
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--format", "json");
        var target = $"127.0.0.1:{await daemon.WaitForPortAsync()}";
        var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", target, "1", "1.3.6.1.4.1.8072.2.3.0.1",
            "1.3.6.1.2.1.1.5.0", "x", SpoofHex);
        Assert.True(sent.ExitCode == 0, sent.ToString());

        var line = Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout));
        Assert.DoesNotContain(line, c => Array.IndexOf(Invisible, c) >= 0);
        Assert.Contains(@"\u202E", line, StringComparison.OrdinalIgnoreCase);
        var value = JsonDocument.Parse(line).RootElement.GetProperty("varbinds").EnumerateArray()
            .Single(vb => vb.GetProperty("oid").GetString() == "1.3.6.1.2.1.1.5.0").GetProperty("value").GetString();
        Assert.Equal("ok \u202egnp.exe\u2066x\u2069\u200b\u2028\ufeff", value); // the data itself is kept
        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
    }
}
