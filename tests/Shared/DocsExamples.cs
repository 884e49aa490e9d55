namespace TrapActors.Testing;

/// <summary>The code blocks of the documentation that tests compile, compare or run, found by the HTML comment before them.</summary>
internal static class DocsExamples
{
    /// <summary>The marker before the complete scenario example in docs/testing.md.</summary>
    public const string ScenarioMarker = "<!-- example: AlarmScenarioTests.cs";

    /// <summary>The marker before the README's excerpt of that example.</summary>
    public const string ReadmeExcerptMarker = "<!-- excerpt of docs/testing.md's AlarmScenarioTests.cs";

    /// <summary>The marker before the README's Akka.Hosting example.</summary>
    public const string ReadmeHostingMarker = "<!-- example: ReadmeHostingExampleTests.cs";

    /// <summary>The repository's root: the nearest parent folder of the test binaries that holds TrapActors.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrapActors.sln")))
                return dir.FullName;
        }
        throw new FileNotFoundException($"TrapActors.sln is in no parent folder of {AppContext.BaseDirectory}");
    }

    /// <summary>The complete scenario test of docs/testing.md.</summary>
    public static string Scenario() => CodeBlockAfter(Path.Combine(RepositoryRoot(), "docs", "testing.md"), ScenarioMarker);

    /// <summary>The README's excerpt of the scenario test.</summary>
    public static string ReadmeExcerpt() => CodeBlockAfter(Path.Combine(RepositoryRoot(), "README.md"), ReadmeExcerptMarker);

    /// <summary>The README's Akka.Hosting example, which tests/TrapActors.Hosting.Tests compiles.</summary>
    public static string ReadmeHosting() => CodeBlockAfter(Path.Combine(RepositoryRoot(), "README.md"), ReadmeHostingMarker);

    /// <summary>The content of the first fenced code block after <paramref name="marker"/> in <paramref name="file"/>, with "\n" line ends.</summary>
    public static string CodeBlockAfter(string file, string marker)
    {
        var text = File.ReadAllText(file).ReplaceLineEndings("\n");
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
            throw new InvalidDataException($"{file}: no {marker}");
        var open = text.IndexOf("```", at, StringComparison.Ordinal);
        var start = text.IndexOf('\n', open) + 1;
        var close = text.IndexOf("\n```", start - 1, StringComparison.Ordinal);
        if (open < 0 || close < 0)
            throw new InvalidDataException($"{file}: no code block after {marker}");
        return text[start..(close + 1)];
    }
}
