using Xunit;

namespace TrapActors.Mib.Tests;

/// <summary>
/// Problems that come from an imported module not being found carry that module's name, so that a reader can show
/// them as one (the daemon prints one line per missing module); the IMPORTS clause is told from its consequences.
/// </summary>
public sealed class MissingModuleProblemTests
{
    private static readonly string Messy = Path.Combine(AppContext.BaseDirectory, "Modules", "Messy");

    [Fact]
    public void The_import_of_a_missing_module_and_a_name_unresolved_because_of_it_both_name_the_module()
    {
        var problems = MibLoader.Load([Messy]).Problems.Where(p => Path.GetFileName(p.File) == "broken.txt").ToList();

        var import = Assert.Single(problems, p => p.Line == 3);
        Assert.Equal("MISSING-MIB", import.MissingModule);
        Assert.False(import.FollowsFromMissingModule);
        var ghost = Assert.Single(problems, p => p.Message.Contains("ghostChild", StringComparison.Ordinal));
        Assert.Equal("MISSING-MIB", ghost.MissingModule);
        Assert.True(ghost.FollowsFromMissingModule);
        var syntax = Assert.Single(problems, p => p.Line is 9 or 10);
        Assert.Null(syntax.MissingModule);
    }

    [Fact]
    public void A_type_imported_from_a_missing_module_is_a_consequence_of_it()
    {
        // net-snmp's own modules import DisplayString from SNMPv2-TC, which libsnmp-base does not ship.
        var problems = MibLoader.Load(["/usr/share/snmp/mibs"]).Problems;

        var type = Assert.Single(problems, p => p.Message.StartsWith("type DisplayString is not defined in NET-SNMP-AGENT-MIB", StringComparison.Ordinal));
        Assert.Equal("SNMPv2-TC", type.MissingModule);
        Assert.True(type.FollowsFromMissingModule);
        Assert.Contains(problems, p => p is { MissingModule: "SNMPv2-TC", FollowsFromMissingModule: false } && p.File.EndsWith("NET-SNMP-AGENT-MIB.txt", StringComparison.Ordinal));
    }
}
