using System.Diagnostics;
using System.Text.RegularExpressions;
using Akka.Configuration;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Hosting.Tests;

/// <summary>
/// The MibDirectories hosting option (issue #16 item 3): modules loaded once at start, and a subscriber describing a
/// net-snmp snmptrap with them as snmptranslate names it; no modules, no names.
/// </summary>
public partial class MibsOptionTests
{
    private const string OperStatus = "1.3.6.1.2.1.2.2.1.8";   // ifOperStatus, INTEGER {up(1), down(2), testing(3)}

    [Fact]
    public async Task A_subscriber_describes_a_real_trap_with_the_configured_modules()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var directories = MibDirectories();
        Assert.True(directories.Count >= 2, "the MIB modules are not installed (.ci/run installs libsnmp-base and erlang-snmp)");
        await using var host = new TrapHost(o =>
        {
            foreach (var directory in directories)
                o.MibDirectories.Add(directory);
        });
        await host.StartAsync();
        var endpoint = await host.EndPointAsync();

        var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{endpoint.Port}", "7",
            "1.3.6.1.6.3.1.1.5.1", $"{OperStatus}.3", "i", "2");
        Assert.True(sent.ExitCode == 0, sent.ToString());
        var trap = await host.NextAsync<TrapReceived>(TimeSpan.FromSeconds(30));

        var mibs = TrapReceiverExtension.Get(host.System).Mibs;
        Assert.True(mibs.Set.Modules.Count > 10, $"{mibs.Set.Modules.Count} modules loaded");
        var described = mibs.Describer.Describe(trap.Notification);
        var names = await TranslateAsync(directories, "-OS", "1.3.6.1.6.3.1.1.5.1", $"{OperStatus}.3", "1.3.6.1.2.1.1.3.0");
        Assert.Equal("SNMPv2-MIB::coldStart", described.TrapName);
        Assert.Equal(names[0], described.TrapName);
        var operStatus = described.VarBinds[^1];
        Assert.Equal(names[1], operStatus.Name);
        Assert.Equal(LabelOf(await TranslateAsync(directories, "-Td", OperStatus), 2), operStatus.Enum);
        Assert.Equal(trap.Notification.VarBinds.Length, described.VarBinds.Length);
        Assert.Equal(names[2], described.VarBinds[0].Name);   // sysUpTime.0, as net-snmp names it with these modules
        Assert.Equal("down", operStatus.Enum);
    }

    [Fact]
    public async Task MibModules_loads_the_named_modules_with_their_imports_only()
    {
        var directories = MibDirectories();
        Assert.True(directories.Count >= 2, "the MIB modules are not installed (.ci/run installs libsnmp-base and erlang-snmp)");
        await using var host = new TrapHost(o =>
        {
            foreach (var directory in directories)
                o.MibDirectories.Add(directory);
            o.MibModules.Add("SNMPv2-MIB");
        });
        await host.StartAsync();

        var mibs = TrapReceiverExtension.Get(host.System).Mibs;
        var modules = mibs.Set.Modules.Select(m => m.Name).ToList();
        Assert.Contains("SNMPv2-MIB", modules);
        Assert.Contains("SNMPv2-SMI", modules);
        Assert.DoesNotContain("RFC1213-MIB", modules);
        Assert.Equal("SNMPv2-MIB::sysUpTime.0", mibs.Describer.NameOf([1, 3, 6, 1, 2, 1, 1, 3, 0]));
    }

    [Fact]
    public async Task A_receiver_without_modules_has_an_empty_describer_and_no_names()
    {
        await using var host = new TrapHost();
        await host.StartAsync();

        var mibs = TrapReceiverExtension.Get(host.System).Mibs;
        Assert.Same(TrapReceiverMibs.Empty, mibs);
        Assert.Empty(mibs.Set.Modules);
        Assert.Null(mibs.Describer.NameOf([1, 3, 6, 1, 6, 3, 1, 1, 5, 1]));
        Assert.Null(mibs.Describer.Describe(new TrapActors.Snmp.Messages.VarBind(new([1, 3, 6, 1, 2, 1, 2, 2, 1, 8, 3]),
            TrapActors.Snmp.Messages.SnmpValue.Integer32(2))).Name);
    }

    [Fact]
    public async Task Modules_the_application_loaded_itself_are_the_receivers_without_a_second_load()
    {
        var directories = MibDirectories();
        Assert.True(directories.Count >= 2, "the MIB modules are not installed (.ci/run installs libsnmp-base and erlang-snmp)");
        var loaded = TrapActors.Mib.MibLoader.Load(directories, ["SNMPv2-MIB"]);
        await using var host = new TrapHost(o => o.Mibs = loaded);
        await host.StartAsync();

        var mibs = TrapReceiverExtension.Get(host.System).Mibs;
        Assert.Same(loaded, mibs.Set);
        Assert.Equal("SNMPv2-MIB::sysUpTime.0", mibs.Describer.NameOf([1, 3, 6, 1, 2, 1, 1, 3, 0]));
    }

    [Fact]
    public async Task Loaded_modules_and_MIB_directories_together_stop_the_start()
    {
        await using var host = new TrapHost(o =>
        {
            o.Mibs = TrapActors.Mib.MibSet.Empty;
            o.MibDirectories.Add(Path.GetTempPath());
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(host.StartAsync);
        Assert.Contains("excludes MibDirectories", Flatten(error));
    }

    [Fact]
    public async Task A_MIB_directory_that_does_not_exist_stops_the_start()
    {
        await using var host = new TrapHost(o => o.MibDirectories.Add("/nonexistent/trapactors-mibs"));

        var error = await Assert.ThrowsAnyAsync<Exception>(host.StartAsync);
        Assert.Contains("/nonexistent/trapactors-mibs", Flatten(error));
    }

    private static string Flatten(Exception e) => e is ConfigurationException ? e.Message : e.ToString();

    internal static IReadOnlyList<string> MibDirectories() => InstalledMibs.Directories();

    /// <summary>The label of <paramref name="value"/> in the SYNTAX line of snmptranslate -Td's output.</summary>
    private static string? LabelOf(IReadOnlyList<string> details, long value)
    {
        var syntax = details.First(l => l.TrimStart().StartsWith("SYNTAX", StringComparison.Ordinal));
        return EnumItem().Matches(syntax).FirstOrDefault(m => long.Parse(m.Groups[2].Value) == value)?.Groups[1].Value;
    }

    [GeneratedRegex(@"([A-Za-z][\w-]*)\((-?\d+)\)")]
    private static partial Regex EnumItem();

    private static Task<List<string>> TranslateAsync(IReadOnlyList<string> directories, string option, params string[] oids) =>
        InstalledMibs.TranslateAsync(directories, option, oids);
}
