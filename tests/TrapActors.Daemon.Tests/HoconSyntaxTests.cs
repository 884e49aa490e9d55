using Akka.Configuration;
using TrapActors.Daemon;
using Xunit;

namespace TrapActors.Daemon.Tests;

public sealed class HoconSyntaxTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a = 1")]
    [InlineData("trap-actors { listener { endpoints = [\"udp:[::1]:0\", \"udp:127.0.0.1:0\"] } }")]
    [InlineData("a = \"}{][\" # } comment with brackets {\n// ] another\nb = 2")]
    [InlineData("a = \"\"\"multi\n{ line\n\"\"\"\nb { c = ${a} }")]
    [InlineData("a = \"escaped \\\" quote }\"")]
    [InlineData("a {}\nb = []")]
    public void Well_formed(string text) => Assert.Null(HoconSyntax.CheckStructure(text));

    [Theory]
    [InlineData("trap-actors { listener { endpoints = [ \n", "line 1: '[' is never closed")]
    [InlineData("a {\n  b = 1\n", "line 1: '{' is never closed")]
    [InlineData("a = 1\n}", "line 2: unexpected '}'")]
    [InlineData("a = [1, 2}", "line 1: '}' does not close the '[' opened on line 1")]
    [InlineData("a = 1\nb = \"unterminated\nc = 2", "line 2: unterminated string")]
    [InlineData("a = \"\"\"never ends", "line 1: unterminated \"\"\" string")]
    public void Structural_errors_name_their_line(string text, string expected) => Assert.Equal(expected, HoconSyntax.CheckStructure(text));

    [Theory]
    [InlineData("a = }", null)] // caught by the structure check first; shown here for the value check alone
    [InlineData("a b c d", "no value for 'a b c d'")]
    [InlineData("trap-actors { community { accepted = \n } }", "no value for 'trap-actors.community.accepted'")]
    public void Keys_without_values(string text, string? expected)
    {
        if (expected is null)
            return;
        Assert.Equal(expected, HoconSyntax.CheckValues(ConfigurationFactory.ParseString(text)));
    }

    [Fact]
    public void A_complete_configuration_has_every_value() =>
        Assert.Null(HoconSyntax.CheckValues(ConfigurationFactory.ParseString("a { b = 1, c = [x, y], d {} }")));
}
