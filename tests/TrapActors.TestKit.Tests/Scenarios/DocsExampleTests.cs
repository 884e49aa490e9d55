using TrapActors.Testing;
using Xunit;

namespace TrapActors.TestKit.Tests.Scenarios;

/// <summary>
/// The scenario example of docs/testing.md is this project's AlarmScenarioTests.cs, character for character, and every
/// code line of the README's excerpt is a line of it: what users copy is what runs here (and, packaged, in
/// TrapActors.Daemon.Tests' StrangerProjectTests).
/// </summary>
public sealed class DocsExampleTests
{
    private static readonly string ScenarioFile =
        Path.Combine(DocsExamples.RepositoryRoot(), "tests", "TrapActors.TestKit.Tests", "Scenarios", "AlarmScenarioTests.cs");

    [Fact]
    public void The_scenario_of_docs_testing_md_is_AlarmScenarioTests_cs()
    {
        Assert.Equal(File.ReadAllText(ScenarioFile).ReplaceLineEndings("\n"), DocsExamples.Scenario());
    }

    [Fact]
    public void Every_code_line_of_the_readme_excerpt_is_in_the_scenario()
    {
        var scenario = DocsExamples.Scenario().Split('\n').Select(l => l.Trim()).ToHashSet();
        var code = DocsExamples.ReadmeExcerpt().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)).ToList();

        Assert.True(code.Count >= 8, $"the README's excerpt has {code.Count} code lines");
        Assert.All(code, line => Assert.Contains(line, scenario));
    }
}
