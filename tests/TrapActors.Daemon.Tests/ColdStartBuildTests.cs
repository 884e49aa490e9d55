using System.Reflection.PortableExecutable;
using System.Text.Json;
using TrapActors.Daemon.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// How the daemon is built for a cold start into a storm (decisions 0039, 0041): tiered PGO and quick JIT off in every
/// build, ReadyToRun code when it is published for a runtime (dotnet publish -r linux-x64).
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class ColdStartBuildTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);

    /// <summary>A runtime switch that is on unless the runtimeconfig.json turns it off (both are on by default).</summary>
    private static bool On(string runtimeConfigJson, string name)
    {
        using var json = JsonDocument.Parse(runtimeConfigJson);
        return !json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            || !properties.TryGetProperty(name, out var value) || value.GetBoolean();
    }

    /// <summary>True when either tiering stage that delays optimized code at start is left on.</summary>
    internal static bool ColdStartTiering(string runtimeConfigJson) =>
        On(runtimeConfigJson, "System.Runtime.TieredPGO") || On(runtimeConfigJson, "System.Runtime.TieredCompilation.QuickJit");

    [Fact]
    public void The_build_output_runs_without_tiered_PGO_or_quick_JIT()
    {
        var config = Path.ChangeExtension(DaemonBinary.Dll, ".runtimeconfig.json");
        Assert.False(ColdStartTiering(File.ReadAllText(config)), File.ReadAllText(config));
    }

    [Fact]
    public async Task A_publish_for_linux_x64_is_ReadyToRun_and_runs()
    {
        var solutionDir = new DirectoryInfo(AppContext.BaseDirectory);
        while (solutionDir is not null && !File.Exists(Path.Combine(solutionDir.FullName, "TrapActors.sln")))
            solutionDir = solutionDir.Parent;
        Assert.NotNull(solutionDir);
        var work = Directory.CreateTempSubdirectory("trapactors-r2r-").FullName;
        try
        {
            var output = Path.Combine(work, "out");
            // Its own artifacts folder: the repository's obj and bin (restored without a runtime) stay untouched.
            var publish = await DotnetCli.RunAsync(PublishTimeout, new Dictionary<string, string>(),
                "publish", Path.Combine(solutionDir.FullName, "src", "TrapActors.Daemon", "TrapActors.Daemon.csproj"),
                "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "--artifacts-path", Path.Combine(work, "artifacts"),
                "-o", output, "-nologo", "-nodeReuse:false");
            Assert.True(publish.ExitCode == 0, publish.ToString());

            foreach (var assembly in (string[])["TrapActors.Daemon.dll", "TrapActors.dll", "TrapActors.Snmp.dll", "Akka.dll"])
            {
                using var pe = new PEReader(File.OpenRead(Path.Combine(output, assembly)));
                Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} has no ReadyToRun code");
            }
            Assert.False(ColdStartTiering(File.ReadAllText(Path.Combine(output, "TrapActors.Daemon.runtimeconfig.json"))));

            var version = await DotnetCli.RunAsync(TimeSpan.FromMinutes(1), new Dictionary<string, string>(),
                Path.Combine(output, "TrapActors.Daemon.dll"), "--version");
            Assert.True(version.ExitCode == 0, version.ToString());
            Assert.StartsWith(typeof(CommandLine).Assembly.GetName().Version!.ToString(3), version.StandardOutput.Trim());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
