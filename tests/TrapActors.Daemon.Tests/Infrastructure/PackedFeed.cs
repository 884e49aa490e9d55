using System.IO.Compression;
using System.Xml.Linq;
using Xunit;

namespace TrapActors.Daemon.Tests.Infrastructure;

/// <summary>
/// A local NuGet feed made once per test run by <c>dotnet pack TrapActors.sln --no-build -warnaserror</c> from this
/// build's output (the configuration these tests were built in), under a version of its own (VersionPrefix plus a
/// unique suffix), so that no NuGet cache can serve a package of an earlier run. Every class that takes it as a fixture
/// shares the one pack (packing takes a minute on a small machine); it is deleted when the test process exits.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    public static readonly string[] LibraryIds = ["TrapActors.Snmp", "TrapActors", "TrapActors.Hosting", "TrapActors.Cluster", "TrapActors.TestKit", "TrapActors.Mib"];

    public const string ToolId = "TrapActors.Daemon";

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);

    private static readonly Lazy<Task<(string Root, string Version)>> Shared = new(PackAsync);

    /// <summary>Everything of the feed: the feed, pack's scratch folders, the work folders of the tests.</summary>
    public string Root { get; private set; } = "";

    public string Feed => Path.Combine(Root, "feed");

    /// <summary>0.1.0-test-GUID: the suffix makes the version unique; the prefix is the repository's VersionPrefix.</summary>
    public string Version { get; private set; } = "";

    public async Task InitializeAsync() => (Root, Version) = await Shared.Value;

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<(string Root, string Version)> PackAsync()
    {
        var root = Directory.CreateTempSubdirectory("trapactors-pack-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(root);
        var feed = Path.Combine(root, "feed");
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = here.Parent?.Name ?? "Release";
        var solution = FindSolution(here);
        var suffix = $"test-{Guid.NewGuid():N}";
        var result = await DotnetCli.RunAsync(PackTimeout, new Dictionary<string, string>(),
            "pack", solution, "-c", configuration, "--no-build", "--no-restore", "-warnaserror", "-nologo", "-nodeReuse:false",
            "-o", feed, $"-p:VersionSuffix={suffix}",
            // pack's scratch files (nuspecs, the tool's publish folder) go here rather than into the repository's obj and bin
            $"-p:NuspecOutputPath={Path.Combine(root, "nuspec")}{Path.DirectorySeparatorChar}",
            $"-p:PublishDir={Path.Combine(root, "publish")}{Path.DirectorySeparatorChar}");
        Assert.True(result.ExitCode == 0, $"dotnet pack failed: {result}");
        var daemon = Directory.GetFiles(feed, $"{ToolId}.*.nupkg").Single(f => !f.EndsWith(".symbols.nupkg", StringComparison.Ordinal));
        var version = Field(Nuspec(daemon), "version")?.Value ?? "";
        Assert.EndsWith("-" + suffix, version);
        return (root, version);
    }

    private static void Delete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // a process of a failed test still holds a file; the folder is in the temporary directory
        }
    }

    public string Package(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public string SymbolPackage(string id) => Path.Combine(Feed, $"{id}.{Version}.snupkg");

    /// <summary>The names of the entries of a package.</summary>
    public static IReadOnlyList<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    /// <summary>The metadata element of the package's nuspec.</summary>
    public static XElement Nuspec(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entry = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        return Field(XDocument.Load(stream).Root!, "metadata") ?? throw new InvalidDataException($"{package}: no metadata in the nuspec");
    }

    public static string ReadEntry(string package, string name)
    {
        using var zip = ZipFile.OpenRead(package);
        using var reader = new StreamReader((zip.GetEntry(name) ?? throw new FileNotFoundException(name, package)).Open());
        return reader.ReadToEnd();
    }

    /// <summary>A child element by its local name (the nuspec's XML namespace depends on the NuGet version that wrote it).</summary>
    public static XElement? Field(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static string FindSolution(DirectoryInfo start)
    {
        for (var dir = start; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "TrapActors.sln");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"TrapActors.sln is in no parent folder of {start.FullName}");
    }
}
