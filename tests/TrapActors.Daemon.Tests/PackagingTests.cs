using System.Text.Json;
using System.Xml.Linq;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// dotnet pack of the solution: the five library packages and the trapactors .NET tool, each with its symbols; the
/// tool installed from that local feed into a temporary tool path, asked for its version and given one trap.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class PackagingTests(PackedFeed feed) : IClassFixture<PackedFeed>
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Every_package_and_its_symbol_package_is_in_the_feed_and_nothing_else()
    {
        string[] ids = [.. PackedFeed.LibraryIds, PackedFeed.ToolId];
        var expected = ids.SelectMany(id => new[] { feed.Package(id), feed.SymbolPackage(id) }).Select(Path.GetFileName).Order();
        Assert.Equal(expected, Directory.GetFiles(feed.Feed).Select(Path.GetFileName).Order());
        Assert.StartsWith(typeof(CommandLine).Assembly.GetName().Version!.ToString(3) + "-", feed.Version);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void A_library_package_has_its_metadata_readme_xml_docs_and_symbols(string id)
    {
        var package = feed.Package(id);
        var metadata = PackedFeed.Nuspec(package);
        Assert.Equal(id, PackedFeed.Field(metadata, "id")?.Value);
        Assert.Equal(feed.Version, PackedFeed.Field(metadata, "version")?.Value);
        AssertDescriptionLicenceReadme(package, id, metadata);

        var entries = PackedFeed.Entries(package);
        Assert.Contains($"lib/net10.0/{id}.dll", entries);
        var docs = XDocument.Parse(PackedFeed.ReadEntry(package, $"lib/net10.0/{id}.xml"));
        Assert.Equal(id, docs.Root?.Element("assembly")?.Element("name")?.Value);
        Assert.Contains($"lib/net10.0/{id}.pdb", PackedFeed.Entries(feed.SymbolPackage(id)));
    }

    public static TheoryData<string> Libraries() => [.. PackedFeed.LibraryIds];

    [Fact]
    public void The_daemon_package_is_a_dotnet_tool_with_the_command_trapactors()
    {
        var package = feed.Package(PackedFeed.ToolId);
        var metadata = PackedFeed.Nuspec(package);
        AssertDescriptionLicenceReadme(package, PackedFeed.ToolId, metadata);
        var packageType = PackedFeed.Field(PackedFeed.Field(metadata, "packageTypes")!, "packageType");
        Assert.Equal("DotnetTool", packageType?.Attribute("name")?.Value);
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");   // self-contained apart from the runtime

        var settings = XDocument.Parse(PackedFeed.ReadEntry(package, "tools/net10.0/any/DotnetToolSettings.xml"));
        var command = Assert.Single(settings.Descendants("Command"));
        Assert.Equal("trapactors", command.Attribute("Name")?.Value);
        Assert.Equal("TrapActors.Daemon.dll", command.Attribute("EntryPoint")?.Value);
        var entries = PackedFeed.Entries(package);
        Assert.Contains("tools/net10.0/any/TrapActors.Daemon.dll", entries);
        // The build output's native "trapactors" launcher stays out: the package is for every platform.
        Assert.DoesNotContain("tools/net10.0/any/trapactors", entries);
        Assert.Contains("tools/net10.0/any/TrapActors.Daemon.pdb", PackedFeed.Entries(feed.SymbolPackage(PackedFeed.ToolId)));
        // Cold start (decisions 0039, 0041): the tool runs without tiered PGO and quick JIT too; it is platform-neutral, so not ReadyToRun.
        Assert.False(ColdStartBuildTests.ColdStartTiering(PackedFeed.ReadEntry(package, "tools/net10.0/any/TrapActors.Daemon.runtimeconfig.json")));
    }

    [Fact]
    public async Task The_tool_installed_from_the_feed_prints_its_version_and_a_v2c_trap_as_json()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmptrap is required");
        var work = Directory.CreateDirectory(Path.Combine(feed.Root, "install-" + Guid.NewGuid().ToString("N"))).FullName;
        var config = Path.Combine(work, "nuget.config");
        // Only the local feed: the tool package must carry everything it needs.
        File.WriteAllText(config, new XDocument(new XElement("configuration", new XElement("packageSources",
            new XElement("clear"), new XElement("add", new XAttribute("key", "local"), new XAttribute("value", feed.Feed))))).ToString());
        var toolPath = Path.Combine(work, "tools");
        var install = await DotnetCli.RunAsync(InstallTimeout,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "packages") },
            "tool", "install", "--tool-path", toolPath, "--configfile", config, PackedFeed.ToolId, "--version", feed.Version);
        Assert.True(install.ExitCode == 0, $"dotnet tool install failed: {install}");
        var trapactors = Path.Combine(toolPath, "trapactors");
        Assert.True(File.Exists(trapactors), $"no {trapactors}: {install}");

        var environment = DotnetCli.DotnetRoot() is { } root ? new Dictionary<string, string> { ["DOTNET_ROOT"] = root } : [];
        await using (var version = DaemonProcess.StartCommand(trapactors, environment, "--version"))
        {
            Assert.Equal(0, await version.WaitForExitAsync(Timeout));
            Assert.Equal([CommandLine.Version], version.StdoutLines);
        }

        await using var daemon = DaemonProcess.StartCommand(trapactors, environment, "--listen", "udp:127.0.0.1:0", "--format", "json");
        var port = await daemon.WaitForPortAsync(Timeout);
        const string trapOid = "1.3.6.1.4.1.8072.2.3.0.1";
        var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{port}", "4321", trapOid,
            "1.3.6.1.2.1.1.5.0", "s", "packaged");
        Assert.True(sent.ExitCode == 0, sent.ToString());
        var line = Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout));
        var notification = JsonDocument.Parse(line).RootElement;
        Assert.Equal("v2c", notification.GetProperty("version").GetString());
        Assert.Equal("public", notification.GetProperty("community").GetString());
        Assert.Equal(trapOid, notification.GetProperty("trapOid").GetString());
        Assert.Equal(4321, notification.GetProperty("uptime").GetInt64());
        Assert.Equal("packaged", notification.GetProperty("varbinds")[2].GetProperty("value").GetString());
        Assert.Equal(0, await daemon.StopAsync(timeout: Timeout));
    }

    private static void AssertDescriptionLicenceReadme(string package, string id, XElement metadata)
    {
        Assert.False(string.IsNullOrWhiteSpace(PackedFeed.Field(metadata, "description")?.Value), $"{id}: no description");
        var license = PackedFeed.Field(metadata, "license");
        Assert.Equal("expression", license?.Attribute("type")?.Value);
        Assert.Equal("Apache-2.0", license?.Value);
        Assert.Equal("README.md", PackedFeed.Field(metadata, "readme")?.Value);
        Assert.StartsWith($"# {id}\n", PackedFeed.ReadEntry(package, "README.md"));
        Assert.Equal("TrapActors contributors", PackedFeed.Field(metadata, "authors")?.Value);
    }
}
