using TrapActors.Mib.Rendering;
using Xunit;

namespace TrapActors.Mib.Tests.Rendering;

public sealed class OctetStringDisplayHintTests
{
    private static string Format(string hint, string hex)
    {
        Assert.True(OctetStringDisplayHint.TryParse(hint, out var compiled), hint);
        return compiled!.Format(Convert.FromHexString(hex));
    }

    [Fact]
    public void DateAndTime_renders_RFC_2579s_own_example()
    {
        // RFC 2579, DateAndTime: "Tuesday May 26, 1992 at 1:30:15 PM EDT would be displayed as 1992-5-26,13:30:15.0,-4:0".
        Assert.Equal("1992-5-26,13:30:15.0,-4:0", Format("2d-1d-1d,1d:1d:1d.1d,1a1d:1d", "07c8051a0d1e0f002d0400"));
        Assert.Equal("1992-5-26,13:30:15.0", Format("2d-1d-1d,1d:1d:1d.1d,1a1d:1d", "07c8051a0d1e0f00"));
    }

    [Fact]
    public void DateAndTime_compiles_into_its_ten_specifications()
    {
        Assert.True(OctetStringDisplayHint.TryParse("2d-1d-1d,1d:1d:1d.1d,1a1d:1d", out var compiled));
        Assert.Equal(10, compiled!.Formats.Length);
        Assert.Equal(new OctetFormat(false, 2, 'd', '-', '\0'), compiled.Formats[0]);
        Assert.Equal(new OctetFormat(false, 1, 'a', '\0', '\0'), compiled.Formats[7]);
        Assert.Equal(new OctetFormat(false, 1, 'd', '\0', '\0'), compiled.Formats[9]);
    }

    [Theory]
    [InlineData("255a", "4c696e757820312e30", "Linux 1.0")] // DisplayString
    [InlineData("1x:", "0123456789ab", "1:23:45:67:89:ab")] // PhysAddress / MacAddress: net-snmp shows no leading 0
    [InlineData("1d.1d.1d.1d", "0a000001", "10.0.0.1")] // InetAddressIPv4
    [InlineData("2x:", "fe800000000000000000000000000001", "fe80:0:0:0:0:0:0:1")] // InetAddressIPv6
    [InlineData("1x ", "0102ff", "1 2 ff")]
    [InlineData("255t", "e282ac", "\u20ac")]
    [InlineData("*1x:", "03aabbcc", "aa:bb:cc")]
    [InlineData("*1x:", "ffaabb", "aa:bb")] // a repeat count beyond the value stops at its end
    [InlineData("1x:", "", "")]
    public void Renders_the_common_hints(string hint, string hex, string expected) => Assert.Equal(expected, Format(hint, hex));

    [Fact]
    public void The_last_specification_repeats_without_its_repeat_indicator_as_in_net_snmp()
    {
        // RFC 2579 would read a second count octet (02) and show 1.2/3.4; net-snmp, and we, apply "1d./" to it.
        Assert.Equal("1.2./2./3./4", Format("*1d./", "020102020304"));
        Assert.Equal("aa:bb", Format("*1x:", "00aabb"));
    }

    [Fact]
    public void A_short_last_field_uses_the_octets_that_remain_as_RFC_2579_says()
    {
        // net-snmp reads past the value's end here (it printed 2001:abcd:ef00).
        Assert.Equal("2001:abcd:ef", Format("2x:", "2001abcdef"));
    }

    [Fact]
    public void Text_with_a_NUL_shows_unprintable_octets_as_dots_and_other_text_as_it_is()
    {
        Assert.Equal("a\nb..", Format("255a", "610a62ff00"));
        Assert.Equal("A\t~\u007f", Format("255a", "41097e7f"));
        Assert.Equal("h\uFFFD", Format("255t", "68ff"));
    }

    [Fact]
    public void A_missing_octet_length_counts_as_one_as_in_net_snmp()
    {
        Assert.Equal("a:b:c", Format("x:", "0a0b0c"));
    }

    [Fact]
    public void Long_values_render_completely()
    {
        var bytes = Enumerable.Range(0, 600).Select(i => (byte)i).ToArray();
        Assert.True(OctetStringDisplayHint.TryParse("1x:", out var compiled));
        Assert.Equal(string.Join(':', bytes.Select(b => b.ToString("x"))), compiled!.Format(bytes));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1q")]
    [InlineData("q")]
    [InlineData("255")]
    [InlineData("*")]
    [InlineData("1x*")]
    [InlineData("999999a")]
    public void Invalid_hints_are_reported(string? hint)
    {
        Assert.False(OctetStringDisplayHint.TryParse(hint, out var compiled));
        Assert.Null(compiled);
    }

    [Fact]
    public void Never_throws_on_any_value()
    {
        var random = new Random(16);
        string[] hints = ["1x:", "*1x:", "*1d./", "2d-1d-1d,1d:1d:1d.1d,1a1d:1d", "255a", "255t", "8d", "9x", "1o", "*2x:-", "0x"];
        foreach (var hint in hints)
        {
            Assert.True(OctetStringDisplayHint.TryParse(hint, out var compiled), hint);
            for (var i = 0; i < 200; i++)
            {
                var bytes = new byte[random.Next(0, 40)];
                random.NextBytes(bytes);
                Assert.NotNull(compiled!.Format(bytes));
            }
        }
    }

    [Fact]
    public void Wide_numbers_wrap_like_a_64_bit_long()
    {
        Assert.Equal("-1", Format("8d", "ffffffffffffffff"));
        Assert.Equal("ffffffffffffffff", Format("8x", "ffffffffffffffff"));
    }
}
