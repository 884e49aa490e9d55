using System.Text.RegularExpressions;
using System.Xml.Linq;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// A stranger's project: a fresh test project outside the repository (so none of its props, targets or project
/// references apply) that takes TrapActors.TestKit by version from the packed local feed only and xunit and
/// Akka.TestKit.Xunit2 from nuget.org, holding the scenario test of docs/testing.md as it is written there — a v3
/// authPriv inform through the in-memory endpoint to a subscriber that confirms it, and the originator getting the
/// Response — and run with <c>dotnet test</c>.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class StrangerProjectTests(PackedFeed feed) : IClassFixture<PackedFeed>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(8);

    private static readonly string[] ThirdParty = ["Akka.TestKit.Xunit2", "Microsoft.NET.Test.Sdk", "xunit", "xunit.runner.visualstudio"];

    [Fact]
    public async Task The_docs_scenario_runs_in_a_fresh_project_against_the_packed_packages()
    {
        var work = Directory.CreateDirectory(Path.Combine(feed.Root, "stranger-" + Guid.NewGuid().ToString("N"))).FullName;
        Assert.False(work.StartsWith(DocsExamples.RepositoryRoot(), StringComparison.Ordinal), $"{work} is inside the repository");
        File.WriteAllText(Path.Combine(work, "nuget.config"), NuGetConfig(feed.Feed));
        File.WriteAllText(Path.Combine(work, "Stranger.Tests.csproj"), Project(feed.Version));
        File.WriteAllText(Path.Combine(work, "AlarmScenarioTests.cs"), DocsExamples.Scenario());
        try
        {
            var test = await DotnetCli.RunInAsync(work, TestTimeout, new Dictionary<string, string>(),
                "test", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false");

            Assert.True(test.ExitCode == 0, $"dotnet test of the stranger's project failed: {test}");
            Assert.Matches(new Regex(@"Failed:\s+0,\s+Passed:\s+1,"), test.StandardOutput);
            var assets = File.ReadAllText(Path.Combine(work, "obj", "project.assets.json"));
            Assert.Contains($"\"TrapActors.TestKit/{feed.Version}\"", assets);
            Assert.DoesNotContain("\"type\": \"project\"", assets);
        }
        finally
        {
            ForgetPackedPackages(feed.Version);
        }
    }

    /// <summary>The local feed for TrapActors and TrapActors.*, nuget.org for everything else, and nothing of the machine's sources.</summary>
    private static string NuGetConfig(string localFeed) =>
        new XDocument(new XElement("configuration",
            new XElement("packageSources", new XElement("clear"),
                new XElement("add", new XAttribute("key", "local"), new XAttribute("value", localFeed)),
                new XElement("add", new XAttribute("key", "nuget.org"), new XAttribute("value", "https://api.nuget.org/v3/index.json"))),
            new XElement("packageSourceMapping",
                new XElement("packageSource", new XAttribute("key", "local"),
                    new XElement("package", new XAttribute("pattern", "TrapActors")), new XElement("package", new XAttribute("pattern", "TrapActors.*"))),
                new XElement("packageSource", new XAttribute("key", "nuget.org"), new XElement("package", new XAttribute("pattern", "*")))))).ToString();

    /// <summary>What <c>dotnet new xunit</c> would give, with TrapActors.TestKit and the repository's versions of the rest.</summary>
    private static string Project(string version)
    {
        var versions = CentralVersions();
        return new XDocument(new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup",
                new XElement("TargetFramework", "net10.0"),
                new XElement("ImplicitUsings", "enable"),
                new XElement("Nullable", "enable"),
                new XElement("IsPackable", "false")),
            new XElement("ItemGroup",
                new[] { ("TrapActors.TestKit", version) }.Concat(ThirdParty.Select(id => (id, versions[id])))
                    .Select(p => new XElement("PackageReference", new XAttribute("Include", p.Item1), new XAttribute("Version", p.Item2)))))).ToString();
    }

    /// <summary>The versions of Directory.Packages.props, $(Properties) resolved, so the stranger uses what the repository tests with.</summary>
    private static Dictionary<string, string> CentralVersions()
    {
        var props = XDocument.Load(Path.Combine(DocsExamples.RepositoryRoot(), "Directory.Packages.props")).Root!;
        var properties = props.Elements("PropertyGroup").Elements().ToDictionary(e => e.Name.LocalName, e => e.Value);
        return props.Elements("ItemGroup").Elements("PackageVersion").ToDictionary(
            e => e.Attribute("Include")!.Value,
            e => Regex.Replace(e.Attribute("Version")!.Value, @"\$\((\w+)\)", m => properties[m.Groups[1].Value]));
    }

    /// <summary>The restore put this run's packages of ours into the machine's package cache: they are of no use to anything else.</summary>
    private static void ForgetPackedPackages(string version)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackedFeed.LibraryIds)
        {
            var folder = Path.Combine(cache, id.ToLowerInvariant(), version.ToLowerInvariant());
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }
}
