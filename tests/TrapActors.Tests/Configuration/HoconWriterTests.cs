using Akka.Configuration;
using TrapActors.Configuration;
using Xunit;

namespace TrapActors.Tests.Configuration;

/// <summary>Whatever HoconWriter writes, Akka's parser reads back as it was given.</summary>
public class HoconWriterTests
{
    private static readonly string[] Values =
    [
        "",
        "plain",
        "with space",
        @"C:\ProgramData\trapactors\state",
        @"\\server\share\dir with ""quotes""",
        "back\\slash at the end\\",
        "say \"hi\"",
        "\"",
        "line one\nline two",
        "cr\r\nlf",
        "tab\tand\bbell\u0007\fform\u0001\u001f\u007f",
        "h\u00e9llo w\u00f6rld \u2603 \U0001F600 \u4e2d\u6587",
        "${not.a.substitution}",
        "# not a comment // nor this",
        "{[,:=]}",
        "\"\"\"triple\"\"\"",
        "udp:[::1]:0",
        "akka.tcp://trapactors@10.0.0.1:4053",
    ];

    public static TheoryData<string> Strings() => new(Values);

    [Theory]
    [MemberData(nameof(Strings))]
    public void A_string_reads_back_as_written(string value)
    {
        var hocon = new HoconWriter().BeginObject("trap-actors").String("usm.state-directory", value).EndObject().ToString();
        Assert.Equal(value, ConfigurationFactory.ParseString(hocon).GetString("trap-actors.usm.state-directory"));
    }

    [Theory]
    [MemberData(nameof(Strings))]
    public void A_quoted_string_alone_reads_back_as_written(string value) =>
        Assert.Equal(value, ConfigurationFactory.ParseString("a = " + HoconWriter.Quote(value)).GetString("a"));

    [Fact]
    public void A_list_of_strings_reads_back_as_written()
    {
        var hocon = new HoconWriter().Strings("a.list", Values).ToString();
        Assert.Equal(Values, ConfigurationFactory.ParseString(hocon).GetStringList("a.list"));
    }

    [Fact]
    public void An_empty_list_is_written_and_null_writes_nothing()
    {
        var hocon = new HoconWriter().Strings("a", []).Strings("b", null).String("c", null).Switch("d", null)
            .Number("e", null).Duration("f", null).Enum<InformAcknowledgeMode>("g", null).ToString();
        Assert.Equal("a = []\n", hocon);
        Assert.Empty(ConfigurationFactory.ParseString(hocon).GetStringList("a"));
    }

    [Fact]
    public void Switches_numbers_durations_and_enums()
    {
        var hocon = new HoconWriter().BeginObject("trap-actors")
            .Switch("on", true).Switch("off", false)
            .Number("number", -42).Number("big", long.MaxValue)
            .Duration("ms", TimeSpan.FromMilliseconds(750)).Duration("minutes", TimeSpan.FromMinutes(5))
            .Duration("half", TimeSpan.FromMilliseconds(0.5)).Duration("fraction", TimeSpan.FromMilliseconds(1500.25))
            .Enum("ack", InformAcknowledgeMode.BySubscriber)
            .EndObject().ToString();
        var config = ConfigurationFactory.ParseString(hocon).GetConfig("trap-actors");
        Assert.True(config.GetBoolean("on"));
        Assert.False(config.GetBoolean("off"));
        Assert.Equal(-42, config.GetLong("number"));
        Assert.Equal(long.MaxValue, config.GetLong("big"));
        Assert.Equal(TimeSpan.FromMilliseconds(750), config.GetTimeSpan("ms"));
        Assert.Equal(TimeSpan.FromMinutes(5), config.GetTimeSpan("minutes"));
        Assert.Equal(TimeSpan.FromMilliseconds(0.5), config.GetTimeSpan("half"));
        Assert.Equal(TimeSpan.FromMilliseconds(1500.25), config.GetTimeSpan("fraction"));
        Assert.Equal("by-subscriber", config.GetString("ack"));
        Assert.Contains("  on = on\n", hocon);
        Assert.Contains("  ms = 750ms\n", hocon);
        Assert.Contains("  minutes = 300000ms\n", hocon);
        Assert.Contains("  half = 0.5ms\n", hocon);
    }

    [Fact]
    public void Nested_objects_are_indented_and_closed()
    {
        var hocon = new HoconWriter().BeginObject("a").BeginObject("b.c").String("d", "x").EndObject().EndObject().ToString();
        Assert.Equal("a {\n  b.c {\n    d = \"x\"\n  }\n}\n", hocon);
        Assert.Equal("x", ConfigurationFactory.ParseString(hocon).GetString("a.b.c.d"));
        Assert.Throws<InvalidOperationException>(() => new HoconWriter().EndObject());
    }

    [Theory]
    [InlineData("plain-key_1", "plain-key_1")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("", "\"\"")]
    [InlineData("a$b", "\"a$b\"")]
    [InlineData("caf\u00e9", "\"caf\u00e9\"")]
    public void Keys_are_bare_when_they_can_be(string key, string expected) => Assert.Equal(expected, HoconWriter.Key(key));

    [Theory]
    [InlineData("with space")]
    [InlineData("a$b")]
    [InlineData("x=y")]
    [InlineData("caf\u00e9")]
    public void A_quoted_key_reads_back_as_written(string key)
    {
        var hocon = new HoconWriter().BeginObject("outer").String(key, "v").EndObject().ToString();
        var outer = ConfigurationFactory.ParseString(hocon).GetConfig("outer").Root.GetObject();
        var (name, value) = Assert.Single(outer.Items);
        Assert.Equal(key, name);
        Assert.Equal("v", value.GetString());
    }

    [Fact]
    public void A_path_is_split_at_its_dots()
    {
        Assert.Equal("listener.endpoints", HoconWriter.Path("listener.endpoints"));
        Assert.Equal("a.\"b c\".d", HoconWriter.Path("a.b c.d"));
    }
}
