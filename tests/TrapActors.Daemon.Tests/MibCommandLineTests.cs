using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>--mib-dir, --mibs and --no-mibs as parsed, and the problem lines the daemon prints at start.</summary>
public sealed class MibCommandLineTests
{
    [Fact]
    public void Mib_directories_repeat_in_order_and_modules_split_like_net_snmps_m()
    {
        var dir = Directory.CreateTempSubdirectory("trapactors-mibdir-");
        try
        {
            Assert.True(CommandLine.TryParse(["--mib-dir", dir.FullName, "--mib-dir=/", "--mibs", "IF-MIB:SNMPv2-MIB,UCD-SNMP-MIB"], out var options, out var error), error);
            Assert.Equal(new[] { dir.FullName, "/" }, options.MibDirectories.ToArray());
            Assert.Equal(new[] { "IF-MIB", "SNMPv2-MIB", "UCD-SNMP-MIB" }, options.MibModules.ToArray());
            Assert.False(options.NoMibs);
        }
        finally
        {
            dir.Delete();
        }
    }

    [Fact]
    public void Defaults_are_every_module_of_the_usual_directories()
    {
        Assert.True(CommandLine.TryParse([], out var options, out var error), error);
        Assert.Empty(options.MibDirectories);
        Assert.Empty(options.MibModules);
        Assert.False(options.NoMibs);
        Assert.Contains("/usr/share/snmp/mibs", DaemonMibs.DefaultDirectories);
    }

    [Fact]
    public void No_mibs_loads_nothing()
    {
        Assert.True(CommandLine.TryParse(["--no-mibs"], out var options, out var error), error);
        var loaded = DaemonMibs.Load(options);
        Assert.Null(loaded.Set);
        Assert.Empty(loaded.Lines);
    }

    [Theory]
    [InlineData("--mib-dir: '/nonexistent/mibs' is not a directory", "--mib-dir", "/nonexistent/mibs")]
    [InlineData("--no-mibs excludes --mib-dir and --mibs", "--no-mibs", "--mib-dir", "/")]
    [InlineData("--no-mibs excludes --mib-dir and --mibs", "--mibs", "ALL", "--no-mibs")]
    [InlineData("--mibs: ':,' names no module", "--mibs", ":,")]
    public void Bad_mib_options_are_one_line(string expected, params string[] args)
    {
        Assert.False(CommandLine.TryParse(args, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Problem_lines_are_capped_with_a_count_of_the_rest()
    {
        var problems = Enumerable.Range(1, TrapActors.Daemon.DaemonMibs.MaxProblemLines + 5)
            .Select(i => new TrapActors.Mib.MibProblem("BAD.txt", i, "broken")).ToList();
        var lines = DaemonMibs.ProblemLines(problems).ToList();
        Assert.Equal(DaemonMibs.MaxProblemLines + 1, lines.Count);
        Assert.Equal("BAD.txt:1: broken", lines[0]);
        Assert.Equal("... and 5 more problem lines", lines[^1]);
    }

    [Fact]
    public void A_module_imported_but_not_found_is_one_line_with_every_place_that_imports_it()
    {
        // net-snmp's own modules without the IETF ones they import, as on a Debian host with libsnmp-base only.
        var set = TrapActors.Mib.MibLoader.Load(["/usr/share/snmp/mibs"], null);
        var missing = set.Problems.Where(p => p.MissingModule is not null).ToList();
        Assert.True(missing.Count > 10, $"{missing.Count} problems from missing modules: are the MIB modules installed (.ci/run)?");

        var lines = DaemonMibs.ProblemLines(set.Problems).ToList();

        foreach (var module in missing.Select(p => p.MissingModule!).Distinct())
        {
            var line = Assert.Single(lines, l => l.StartsWith($"cannot find module {module},", StringComparison.Ordinal));
            foreach (var import in missing.Where(p => p.MissingModule == module && !p.FollowsFromMissingModule))
                Assert.Contains($"{import.File}:{import.Line}", line);
            var unresolved = missing.Count(p => p.MissingModule == module && p.FollowsFromMissingModule);
            Assert.EndsWith(unresolved > 0 ? $"; {unresolved} use{(unresolved == 1 ? "" : "s")} of its names unresolved" : "; its names are looked up in the other modules", line);
        }
        Assert.DoesNotContain(lines, l => missing.Any(p => p.FollowsFromMissingModule && l == p.ToString()));
        Assert.Equal(missing.Select(p => p.MissingModule).Distinct().Count() + set.Problems.Count(p => p.MissingModule is null), lines.Count);
    }

    [Fact]
    public void Help_lists_the_mib_options()
    {
        Assert.Contains("--mib-dir DIR", CommandLine.HelpText);
        Assert.Contains("--mibs LIST|ALL", CommandLine.HelpText);
        Assert.Contains("--no-mibs", CommandLine.HelpText);
    }
}
