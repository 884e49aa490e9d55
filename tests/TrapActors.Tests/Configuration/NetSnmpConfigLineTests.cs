using TrapActors.Configuration;
using Xunit;

namespace TrapActors.Tests.Configuration;

public class NetSnmpConfigLineTests
{
    private static string[] Split(string line)
    {
        Assert.True(NetSnmpConfigLine.TrySplit(line, out var words, out var error), error);
        Assert.Equal("", error);
        return [.. words];
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t ")]
    [InlineData("# a comment")]
    [InlineData("   \t# an indented comment \"with an open quote")]
    [InlineData("#createUser alice")]
    public void Blank_and_comment_lines_have_no_words(string line)
    {
        Assert.True(NetSnmpConfigLine.IsBlankOrComment(line));
        Assert.Empty(Split(line));
    }

    [Theory]
    [InlineData("createUser alice SHA authpass1", new[] { "createUser", "alice", "SHA", "authpass1" })]
    [InlineData("  createUser\talice \t SHA  ", new[] { "createUser", "alice", "SHA" })]
    [InlineData("a # b", new[] { "a", "#", "b" })]
    [InlineData("a #b", new[] { "a", "#b" })]
    [InlineData("certSecName 10 --sha256 AB:CD --sn \"Ops Team\"", new[] { "certSecName", "10", "--sha256", "AB:CD", "--sn", "Ops Team" })]
    public void White_space_separates_words_and_a_later_hash_is_a_word(string line, string[] expected)
    {
        Assert.False(NetSnmpConfigLine.IsBlankOrComment(line));
        Assert.Equal(expected, Split(line));
    }

    [Theory]
    [InlineData("\"al ice\"", "al ice")]
    [InlineData("'w1th space'", "w1th space")]
    [InlineData("\"it's\"", "it's")]
    [InlineData("'say \"hi\"'", "say \"hi\"")]
    [InlineData("\"\"", "")]
    [InlineData("''", "")]
    [InlineData("\"quote\\\"d\"", "quote\"d")]
    [InlineData("'a\\'pos'", "a'pos")]
    [InlineData("\"back\\\\slash\"", "back\\slash")]
    [InlineData("back\\ slash", "back slash")]
    [InlineData("back\\\\slash", "back\\slash")]
    [InlineData("\\\"unquoted", "\"unquoted")]
    [InlineData("DOMAIN\\user", "DOMAINuser")]
    [InlineData("trailing\\", "trailing\\")]
    [InlineData("h\u00e9llo\u2603", "h\u00e9llo\u2603")]
    public void Quotes_and_backslashes_as_net_snmp_copy_nword(string line, string expected) =>
        Assert.Equal([expected], Split(line));

    [Fact]
    public void A_quoted_word_ends_at_its_closing_quote()
    {
        Assert.Equal(["abc", "def"], Split("\"abc\"def"));
        Assert.Equal(["a", "b c", "d"], Split("a 'b c' d"));
    }

    [Theory]
    [InlineData("createUser alice SHA \"s3cretAuth", "unterminated \" quote")]
    [InlineData("createUser alice SHA 's3cretAuth", "unterminated ' quote")]
    [InlineData("\"ends with an escaped quote\\\"", "unterminated \" quote")]
    public void An_unterminated_quote_is_an_error_that_does_not_repeat_the_line(string line, string expected)
    {
        Assert.False(NetSnmpConfigLine.TrySplit(line, out var words, out var error));
        Assert.Equal(expected, error);
        Assert.Empty(words);
        Assert.DoesNotContain("s3cretAuth", error);
    }
}
