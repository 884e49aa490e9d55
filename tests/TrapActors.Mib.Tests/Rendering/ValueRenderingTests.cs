using TrapActors.Mib.Rendering;
using Xunit;

namespace TrapActors.Mib.Tests.Rendering;

public sealed class ValueRenderingTests
{
    private static string Integer(string hint, long value)
    {
        Assert.True(IntegerDisplayHint.TryParse(hint, out var compiled), hint);
        return compiled!.Render(value);
    }

    [Theory]
    [InlineData("d-2", 1234, "12.34")] // RFC 2579's example
    [InlineData("d-2", 5, ".05")] // net-snmp puts no 0 before the point
    [InlineData("d-2", -5, "-.05")]
    [InlineData("d-3", -1234, "-1.234")]
    [InlineData("d", -5, "-5")]
    [InlineData("x", 255, "ff")]
    [InlineData("x", -1, "ffffffffffffffff")]
    [InlineData("o", 8, "10")]
    [InlineData("b", 5, "00000000000000000000000000000101")]
    [InlineData("b", 4294967295, "11111111111111111111111111111111")]
    public void Integer_hints_render_as_net_snmp_does(string hint, long value, string expected) =>
        Assert.Equal(expected, Integer(hint, value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("z")]
    [InlineData("d-")]
    [InlineData("d-x")]
    [InlineData("d2")]
    [InlineData("x2")]
    [InlineData("d-65")]
    [InlineData("1x:")]
    public void Invalid_integer_hints_are_reported(string? hint)
    {
        Assert.False(IntegerDisplayHint.TryParse(hint, out var compiled));
        Assert.Null(compiled);
    }

    [Fact]
    public void Enumerations_show_the_label_and_keep_unknown_values_as_numbers()
    {
        var labels = new Dictionary<long, string> { [1] = "up", [2] = "down" };
        Assert.Equal("down", EnumeratedInteger.Label(2, labels));
        Assert.Equal("7", EnumeratedInteger.Label(7, labels));
        Assert.Equal("down(2)", EnumeratedInteger.Render(2, labels));
        Assert.Equal("7", EnumeratedInteger.Render(7, labels));
    }

    [Fact]
    public void Bit_zero_is_the_most_significant_bit_of_the_first_octet()
    {
        var names = new Dictionary<int, string> { [0] = "first", [9] = "tenth" };
        Assert.Equal([0, 9], BitsValue.SetBits([0x80, 0x40]));
        Assert.Equal(["first", "3", "tenth"], BitsValue.SetBitNames([0x90, 0x40], names));
        Assert.Empty(BitsValue.SetBits([]));
        Assert.Equal("80 40 first(0) tenth(9) ", BitsValue.Render([0x80, 0x40], names));
    }

    [Fact]
    public void Bits_name_a_named_bit_even_after_an_unnamed_one()
    {
        // net-snmp 5.9 prints "20 40 2 9 " here: its name lookup stops for good at the first set bit without a name.
        var names = new Dictionary<int, string> { [0] = "first", [9] = "tenth" };
        Assert.Equal("20 40 2 tenth(9) ", BitsValue.Render([0x20, 0x40], names));
    }

    [Fact]
    public void Bits_break_the_hex_line_every_16_octets()
    {
        var value = new byte[17];
        value[16] = 0x01;
        Assert.Equal(string.Concat(Enumerable.Repeat("00 ", 16)) + "\n01 135 ", BitsValue.Render(value, new Dictionary<int, string>()));
    }
}
