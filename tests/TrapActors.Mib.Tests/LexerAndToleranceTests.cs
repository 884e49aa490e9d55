using TrapActors.Mib.Lexing;
using TrapActors.Mib.Parsing;
using Xunit;

namespace TrapActors.Mib.Tests;

/// <summary>The lexer's ASN.1 rules, and the parser's promise never to throw on a broken file.</summary>
public sealed class LexerAndToleranceTests
{
    [Fact]
    public void Comments_end_at_the_line_end_or_the_next_double_hyphen_and_strings_span_lines()
    {
        var tokens = MibLexer.Tokenize("a -- one -- b -- two\n\"x\ny\" 'ff'H '0101'B -5 ..  ::= if-index c--d\n{");
        Assert.Equal(
            ["Identifier a 1", "Identifier b 1", "QuotedString x\ny 2", "HexString ff 3", "BinaryString 0101 3", "Number -5 3",
             "Range .. 3", "Assign ::= 3", "Identifier if-index 3", "Identifier c 3", "Symbol { 4", "End  4"],
            tokens.Select(t => $"{t.Kind} {t.Text} {t.Line}"));
    }

    [Fact]
    public void Every_prefix_of_every_installed_MIB_file_parses_without_throwing()
    {
        var files = SnmpTranslate.MibDirectories().SelectMany(d => Directory.EnumerateFiles(d)).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            for (var cut = 0; cut < text.Length; cut += Math.Max(1, text.Length / 40) + 7)
            {
                var problems = new List<MibProblem>();
                var modules = MibParser.Parse(file, text[..cut], problems);
                Assert.True(modules.Count > 0 || problems.Count > 0 || !text[..cut].Contains("DEFINITIONS", StringComparison.Ordinal),
                    $"{file} cut at {cut}: neither a module nor a problem");
            }
        }
    }

    [Fact]
    public void A_file_that_is_no_MIB_is_skipped_silently_as_net_snmp_does_and_a_broken_one_is_a_problem()
    {
        var dir = Directory.CreateTempSubdirectory("trapactors-mib-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "README"), "not a MIB at all: { ( ::= ..");
            File.WriteAllText(Path.Combine(dir.FullName, "broken.mib"), "-- a header without a name\nDEFINITIONS ::= BEGIN END");
            File.WriteAllText(Path.Combine(dir.FullName, "ok.mib"), "OK-MIB DEFINITIONS ::= BEGIN ok OBJECT IDENTIFIER ::= { iso 42 } END");
            var set = MibLoader.Load([dir.FullName, Path.Combine(dir.FullName, "missing")]);
            Assert.Equal("OK-MIB::ok.1", set.Resolve(".1.42.1")!.Name);
            Assert.Equal(2, set.Problems.Count);
            Assert.Contains(set.Problems, p => p.ToString() == $"{Path.Combine(dir.FullName, "broken.mib")}:1: no MIB module (NAME DEFINITIONS ::= BEGIN) found");
            Assert.DoesNotContain(set.Problems, p => p.File.EndsWith("README", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
