using Xunit;

namespace TrapActors.Snmp.Tests;

public class EngineIdTests
{
    [Theory]
    [InlineData("800000090300001122334455", "800000090300001122334455")]
    [InlineData("0x800000090300001122334455", "800000090300001122334455")]
    [InlineData("0X80000009030000112233445A", "80000009030000112233445a")]
    [InlineData("80:00:00:09:03:00:00:11:22:33:44:55", "800000090300001122334455")]
    [InlineData("0x80:00:00:09:03", "8000000903")]
    [InlineData("8000:0009:03", "8000000903")]
    [InlineData("AbCdEf0123", "abcdef0123")]
    [InlineData("0102030405", "0102030405")]
    public void Parses_hex_with_or_without_0x_and_colons(string text, string expected)
    {
        Assert.True(EngineId.TryParse(text, out var engineId, out var error), error);
        Assert.Equal("", error);
        Assert.Equal(expected, engineId.ToString());
        Assert.Equal(Convert.FromHexString(expected), engineId.Octets.ToArray());
        Assert.Equal(engineId, EngineId.Parse(text));
    }

    [Fact]
    public void Five_and_thirty_two_octets_are_the_limits()
    {
        Assert.Equal(EngineId.MinOctets, EngineId.Parse(new string('a', 2 * EngineId.MinOctets)).Octets.Length);
        Assert.Equal(EngineId.MaxOctets, EngineId.Parse(new string('a', 2 * EngineId.MaxOctets)).Octets.Length);
        Assert.Equal(EngineId.MaxOctets, EngineId.Parse(string.Join(':', Enumerable.Repeat("ff", EngineId.MaxOctets))).Octets.Length);
    }

    [Theory]
    [InlineData("01020304", "an engine ID is 5 to 32 octets, not 4")]
    [InlineData("0x", "an engine ID needs hex digits")]
    [InlineData("", "an engine ID needs hex digits")]
    [InlineData(null, "an engine ID needs hex digits")]
    [InlineData("800000000", "an engine ID needs an even number of hex digits")]
    [InlineData("80000000zz", "an engine ID is hex digits (optionally after 0x)")]
    [InlineData("s3cretAuth", "an engine ID is hex digits (optionally after 0x)")]
    [InlineData(" 8000000001", "an engine ID is hex digits (optionally after 0x)")]
    [InlineData("80-00-00-00-01", "an engine ID is hex digits (optionally after 0x)")]
    [InlineData("0x0x8000000001", "an engine ID is hex digits (optionally after 0x)")]
    [InlineData("8:000000001", "in an engine ID ':' may only stand between two octets")]
    [InlineData(":8000000001", "in an engine ID ':' may only stand between two octets")]
    [InlineData("8000000001:", "in an engine ID ':' may only stand between two octets")]
    [InlineData("80::00:00:00:01", "in an engine ID ':' may only stand between two octets")]
    [InlineData("0x:8000000001", "in an engine ID ':' may only stand between two octets")]
    public void Refuses_what_is_not_an_engine_id_and_says_why(string? text, string expected)
    {
        Assert.False(EngineId.TryParse(text, out var engineId, out var error));
        Assert.Equal(expected, error);
        Assert.True(engineId.IsEmpty);
        Assert.False(EngineId.TryParse(text, out _));
        if (text is not null)
            Assert.Equal(expected, Assert.Throws<FormatException>(() => EngineId.Parse(text)).Message);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(100)]
    [InlineData(100_000)]
    public void Too_long_says_how_long(int octets)
    {
        Assert.False(EngineId.TryParse(new string('1', 2 * octets), out _, out var error));
        Assert.Equal($"an engine ID is 5 to 32 octets, not {octets}", error);
    }

    [Fact]
    public void The_error_never_repeats_the_text()
    {
        foreach (var secret in new[] { "s3cretAuth", "0xs3cretAuthPassw0rd", "0102", "ab:cd" })
        {
            Assert.False(EngineId.TryParse(secret, out _, out var error));
            Assert.DoesNotContain(secret, error, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("80001f8804aabbccdd")]
    [InlineData("0000000000")]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    public void Formatting_and_parsing_round_trip(string hex)
    {
        var engineId = EngineId.Parse(hex);
        Assert.Equal(hex, engineId.ToString());
        Assert.Equal(hex, EngineId.Format(engineId.Octets.AsSpan()));
        Assert.Equal(engineId, EngineId.Parse(engineId.ToString()));
        Assert.Equal(engineId, EngineId.FromOctets(engineId.Octets.AsSpan()));
    }

    [Fact]
    public void Format_writes_any_length_in_lower_case()
    {
        Assert.Equal("", EngineId.Format([]));
        Assert.Equal("0aff", EngineId.Format([0x0A, 0xFF]));
    }

    [Fact]
    public void Equality_is_by_octets()
    {
        var a = EngineId.Parse("80:00:1F:88:04:AA");
        var b = EngineId.Parse("0x80001f8804aa");
        var c = EngineId.Parse("80001f8804ab");
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.True(a != c);
        Assert.False(a.Equals((object)"80001f8804aa"));
        Assert.True(a.Equals((object)b));
        Assert.Equal(2, new HashSet<EngineId> { a, b, c }.Count);
    }

    [Fact]
    public void The_default_is_empty_and_equals_only_itself()
    {
        EngineId none = default;
        Assert.True(none.IsEmpty);
        Assert.True(none.Octets.IsEmpty);
        Assert.Equal("", none.ToString());
        Assert.Equal(default, none);
        Assert.NotEqual(EngineId.Parse("0102030405"), none);
        Assert.False(EngineId.Parse("0102030405").IsEmpty);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(33)]
    public void FromOctets_refuses_a_wrong_length(int length)
    {
        var e = Assert.Throws<ArgumentException>(() => EngineId.FromOctets(new byte[length]));
        Assert.StartsWith($"an engine ID is 5 to 32 octets, not {length}", e.Message);
    }

    [Fact]
    public void FromOctets_copies()
    {
        var bytes = new byte[] { 1, 2, 3, 4, 5 };
        var engineId = EngineId.FromOctets(bytes);
        bytes[0] = 9;
        Assert.Equal("0102030405", engineId.ToString());
    }
}
