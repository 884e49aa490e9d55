using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace TrapActors.Tests;

/// <summary>
/// Rules of the receive path's structure, checked on the source: small files, dependencies that point one way
/// (sessions and security never name a transport; security never names sessions), no internals opened to the
/// integration assemblies, and comments written for the user rather than about another implementation.
/// Each failure lists every offending file and line.
/// </summary>
public sealed partial class ArchitectureTests
{
    private const int MaxLines = 350;

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrapActors.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no TrapActors.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>The C# sources under src/&lt;relative&gt;, without build output.</summary>
    private static IReadOnlyList<string> Sources(string relative = "")
    {
        var dir = Path.Combine(Root.Value, "src", relative);
        Assert.True(Directory.Exists(dir), $"{dir} does not exist");
        var files = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(Root.Value, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(files);
        return files;
    }

    private static string Relative(string path) => Path.GetRelativePath(Root.Value, path).Replace('\\', '/');

    /// <summary>Every line of every file that matches, as "path:line: text".</summary>
    private static List<string> Offending(IEnumerable<string> files, Regex pattern) =>
        [.. from file in files
            from line in File.ReadLines(file).Select((text, index) => (Text: text, Number: index + 1))
            where pattern.IsMatch(line.Text)
            select $"{Relative(file)}:{line.Number}: {line.Text.Trim()}"];

    private static void AssertNone(List<string> offending, string rule) =>
        Assert.True(offending.Count == 0, $"{rule} ({offending.Count}):{Environment.NewLine}{string.Join(Environment.NewLine, offending)}");

    // A namespace named in code: in a using directive, qualified (TrapActors.Dtls.X, global::TrapActors.Dtls.X) or
    // relative to TrapActors (Dtls.X). A member access such as settings.Dtls.Port is preceded by a dot and is not one.
    [GeneratedRegex(@"^\s*(global\s+)?using\s+(static\s+)?(\w+\s*=\s*)?(global::)?TrapActors\.(Listener|Dtls)\b")]
    private static partial Regex UsingTransport();

    [GeneratedRegex(@"(?<![\w.])(global::)?(TrapActors\.)?(Listener|Dtls)\.[A-Z_]")]
    private static partial Regex NamesTransport();

    [GeneratedRegex(@"^\s*(global\s+)?using\s+(static\s+)?(\w+\s*=\s*)?(global::)?TrapActors\.Sessions\b")]
    private static partial Regex UsingSessions();

    [GeneratedRegex(@"(?<![\w.])(global::)?(TrapActors\.)?Sessions\.[A-Z_]")]
    private static partial Regex NamesSessions();

    [GeneratedRegex(@"\bthe\s+reference\b(?!\.conf)|\breference['’]s\b", RegexOptions.IgnoreCase)]
    private static partial Regex MentionsTheReference();

    [Fact]
    public void The_repository_root_is_found()
    {
        Assert.True(Directory.Exists(Path.Combine(Root.Value, "src", "TrapActors")));
        Assert.True(File.Exists(Path.Combine(Root.Value, "src", "TrapActors", "TrapActors.csproj")));
    }

    [Fact]
    public void No_source_file_is_over_350_lines()
    {
        var tooLong = Sources()
            .Select(f => (File: f, Lines: File.ReadAllLines(f).Length))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{Relative(f.File)}: {f.Lines} lines")
            .ToList();

        AssertNone(tooLong, $"source files over {MaxLines} lines");
    }

    [Theory]
    [InlineData("TrapActors/Sessions")]
    [InlineData("TrapActors/Security")]
    public void Sessions_and_security_do_not_use_a_transport(string folder)
    {
        var files = Sources(folder);

        AssertNone(Offending(files, UsingTransport()), $"using TrapActors.Listener or TrapActors.Dtls in src/{folder}");
        AssertNone(Offending(files, NamesTransport()), $"Listener. or Dtls. named in src/{folder}");
    }

    [Fact]
    public void Security_does_not_use_sessions()
    {
        var files = Sources("TrapActors/Security");

        AssertNone([.. Offending(files, UsingSessions()), .. Offending(files, NamesSessions())],
            "TrapActors.Sessions used in src/TrapActors/Security");
    }

    [Fact]
    public void The_core_opens_no_internals_to_the_hosting_or_cluster_assemblies()
    {
        var forbidden = new[] { "TrapActors.Hosting", "TrapActors.Cluster" };
        var project = XDocument.Load(Path.Combine(Root.Value, "src", "TrapActors", "TrapActors.csproj"));

        var friends = project.Descendants()
            .Where(e => e.Name.LocalName == "InternalsVisibleTo")
            .Select(e => ((string?)e.Attribute("Include") ?? (string?)e.Attribute("AssemblyName") ?? e.Value).Split(',')[0].Trim())
            .ToList();
        var attributes = Offending(Sources("TrapActors"), new Regex(@"InternalsVisibleTo\s*\(\s*""TrapActors\.(Hosting|Cluster)\s*[,""]"));

        Assert.NotEmpty(friends);   // the rule reads the project: TrapActors.Tests is a friend
        Assert.Contains("TrapActors.Tests", friends);
        Assert.Empty(friends.Intersect(forbidden, StringComparer.OrdinalIgnoreCase));
        AssertNone(attributes, "InternalsVisibleTo attributes for the hosting or cluster assemblies");
    }

    [Fact]
    public void No_comment_under_src_mentions_the_reference()
    {
        var offending = new List<string>();
        foreach (var file in Sources())
        {
            foreach (var (line, text) in Comments(File.ReadAllText(file)))
            {
                if (MentionsTheReference().IsMatch(text))
                    offending.Add($"{Relative(file)}:{line}: {text.Trim()}");
            }
        }

        AssertNone(offending, "comments or XML docs that mention \"the reference\"");
    }

    // ---------------------------------------------------------------- the rules' own checks

    [Theory]
    [InlineData("using TrapActors.Listener;", true)]
    [InlineData("using TrapActors.Dtls;", true)]
    [InlineData("using static TrapActors.Dtls.DtlsCounters;", true)]
    [InlineData("using Gate = TrapActors.Listener.ListenerServices;", true)]
    [InlineData("global using TrapActors.Listener;", true)]
    [InlineData("using TrapActors.Transport;", false)]
    [InlineData("using TrapActors.ListenerExtras;", false)]
    public void The_using_rule_finds_transport_usings(string line, bool found) =>
        Assert.Equal(found, UsingTransport().IsMatch(line));

    [Theory]
    [InlineData("var x = Dtls.DtlsCounters.Empty;", true)]
    [InlineData("    Listener.TrapListenerActor.Props(spec);", true)]
    [InlineData("new TrapActors.Dtls.DtlsServices(a, b)", true)]
    [InlineData("global::TrapActors.Listener.UdpReceiveLoop", true)]
    [InlineData("var port = _settings.Dtls.Port;", false)]
    [InlineData("settings.Listener.Endpoints", false)]
    [InlineData("/// <summary>Sent to the Listener. It then stops.</summary>", false)]
    [InlineData("DtlsListener.Start()", false)]
    public void The_namespace_rule_finds_qualified_names_and_not_member_access(string line, bool found) =>
        Assert.Equal(found, NamesTransport().IsMatch(line));

    [Theory]
    [InlineData("Sessions.TsmResponder.InformResponse(a, b)", true)]
    [InlineData("using TrapActors.Sessions;", true)]
    [InlineData("settings.Session.IdleTimeout", false)]
    [InlineData("ActiveSessions.Count", false)]
    public void The_sessions_rule_finds_references_to_sessions(string line, bool found) =>
        Assert.Equal(found, UsingSessions().IsMatch(line) || NamesSessions().IsMatch(line));

    [Theory]
    [InlineData("the reference's on_trap parameters", true)]
    [InlineData("as The Reference does", true)]
    [InlineData("the\treference error codes", true)]
    [InlineData("Defaults live in the reference.conf", false)]
    [InlineData("see reference.conf", false)]
    [InlineData("a reference to the actor", false)]
    [InlineData("the references held by the table", false)]
    public void The_reference_rule_allows_reference_conf(string text, bool found) =>
        Assert.Equal(found, MentionsTheReference().IsMatch(text));

    [Fact]
    public void Comments_are_found_and_strings_are_not()
    {
        const string Source = """
            /// <summary>the reference's doc</summary>
            var url = "http://the reference/"; // trailing, the reference
            var raw = \"\"\"
                // not a comment
                \"\"\";
            var c = '"'; /* block
              spans lines */ var v = @"a ""// quoted"" b";
            var i = $"{x} // interpolated";
            """;

        var comments = Comments(Source.Replace("\\\"", "\"")).ToList();

        Assert.Equal([1, 2, 6, 7], comments.Select(c => c.Line));
        Assert.Contains("the reference's doc", comments[0].Text);
        Assert.Equal(" trailing, the reference", comments[1].Text);
        Assert.DoesNotContain(comments, c => c.Text.Contains("not a comment") || c.Text.Contains("quoted") || c.Text.Contains("interpolated"));
    }

    /// <summary>
    /// The comments of a C# source, each line of a comment with its line number: // and /// to the end of the line,
    /// /* */ blocks line by line. String and character literals (regular, verbatim, raw, interpolated) are skipped.
    /// </summary>
    private static IEnumerable<(int Line, string Text)> Comments(string source)
    {
        var line = 1;
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (c == '/' && At(source, i + 1) == '/')
            {
                var end = source.IndexOf('\n', i);
                end = end < 0 ? source.Length : end;
                yield return (line, source[(i + 2)..end].TrimEnd('\r').TrimStart('/'));
                i = end;
            }
            else if (c == '/' && At(source, i + 1) == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? source.Length : end;
                foreach (var part in source[(i + 2)..end].Split('\n'))
                    yield return (line++, part.TrimEnd('\r'));
                line--;
                i = Math.Min(source.Length, end + 2);
            }
            else if (c == '"' || c == '\'' || ((c == '@' || c == '$') && IsStringStart(source, i)))
            {
                var start = i;
                i = SkipLiteral(source, i);
                line += source.AsSpan(start, i - start).Count('\n');
            }
            else
            {
                i++;
            }
        }
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static bool IsStringStart(string s, int i)
    {
        while (i < s.Length && (s[i] == '@' || s[i] == '$'))
            i++;
        return At(s, i) == '"';
    }

    /// <summary>The index after the literal that starts at <paramref name="i"/>.</summary>
    private static int SkipLiteral(string s, int i)
    {
        var verbatim = false;
        while (s[i] == '@' || s[i] == '$')
            verbatim |= s[i++] == '@';
        var quote = s[i];
        var run = 0;
        while (At(s, i + run) == '"')
            run++;
        if (quote == '"' && run >= 3)
        {
            var close = s.IndexOf(new string('"', run), i + run, StringComparison.Ordinal);
            return close < 0 ? s.Length : close + run;
        }
        i++;
        while (i < s.Length)
        {
            var c = s[i];
            if (verbatim && c == '"' && At(s, i + 1) == '"')
                i += 2;
            else if (!verbatim && c == '\\')
                i += 2;
            else if (c == quote)
                return i + 1;
            else if (!verbatim && c == '\n')
                return i;   // an unterminated literal ends with its line
            else
                i++;
        }
        return i;
    }
}
