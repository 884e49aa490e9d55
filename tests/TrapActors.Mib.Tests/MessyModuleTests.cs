using Xunit;

namespace TrapActors.Mib.Tests;

/// <summary>Small modules of our own with the mess real MIB files have: each problem recorded once, the rest loaded.</summary>
public sealed class MessyModuleTests
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Modules", "Messy");
    private static readonly Lazy<MibSet> Set = new(() => MibLoader.Load([Directory]));

    private static MibSet Mibs => Set.Value;

    private static string Oid(string name) => "." + string.Join('.', Mibs.Find(name)!.Oid);

    private static List<string> ProblemsIn(string file) =>
        [.. Mibs.Problems.Where(p => Path.GetFileName(p.File) == file).Select(p => $"{p.Line}: {p.Message}")];

    [Fact]
    public void A_syntax_error_mid_file_is_one_problem_and_the_later_definitions_still_load()
    {
        var problems = ProblemsIn("broken.txt").Where(p => p.StartsWith("9:", StringComparison.Ordinal) || p.StartsWith("10:", StringComparison.Ordinal)).ToList();
        Assert.Single(problems);
        Assert.Null(Mibs.Find("BROKEN-MIB::brokenOne"));
        Assert.Equal(".1.3.6.1.4.1.99999.3", Oid("BROKEN-MIB::goodTwo"));
        Assert.Equal(".1.3.6.1.4.1.99999.0.5", Oid("BROKEN-MIB::testNotification"));
        Assert.Contains(Mibs.Problems, p => p.ToString().StartsWith($"{Path.Combine(Directory, "broken.txt")}:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_import_is_a_problem_and_everything_else_of_the_module_resolves()
    {
        Assert.Contains(ProblemsIn("broken.txt"), p => p.StartsWith("3: cannot find module MISSING-MIB", StringComparison.Ordinal));
        Assert.Contains(ProblemsIn("broken.txt"), p => p.Contains("ghostChild: cannot resolve ghostRoot", StringComparison.Ordinal));
        Assert.Null(Mibs.Find("ghostChild"));
        Assert.Equal(".1.3.6.1.4.1.99999.1", Oid("BROKEN-MIB::goodOne"));
    }

    [Fact]
    public void A_duplicate_definition_keeps_the_first_and_is_recorded()
    {
        Assert.Equal(".1.3.6.1.4.1.99999.1", Oid("BROKEN-MIB::goodOne"));
        Assert.Contains("6: goodOne is defined twice in BROKEN-MIB; the first definition is kept", ProblemsIn("broken.txt"));
        Assert.Equal("BROKEN-MIB::goodOne.99", Mibs.Resolve(".1.3.6.1.4.1.99999.1.99")!.Name);
    }

    [Fact]
    public void Modules_that_import_from_each_other_in_one_file_both_load_under_their_header_names()
    {
        Assert.Equal(["CYCLE-A-MIB", "CYCLE-B-MIB"], Mibs.Modules.Where(m => m.File.EndsWith("two-modules.txt", StringComparison.Ordinal)).Select(m => m.Name));
        Assert.Equal(".1.3.6.1.4.1.99999.10.2", Oid("CYCLE-B-MIB::cycleB"));
        Assert.Equal(".1.3.6.1.4.1.99999.10.2.1", Oid("CYCLE-A-MIB::cycleAUnderB"));
        Assert.Empty(ProblemsIn("two-modules.txt"));
    }

    [Fact]
    public void A_v1_trap_is_its_enterprise_then_0_then_its_number_and_v1_imports_resolve_without_their_modules()
    {
        var trap = Mibs.Find("V1-TRAP-MIB::v1Restart")!;
        Assert.Equal(MibObjectKind.Trap, trap.Kind);
        Assert.Equal(".1.3.6.1.4.1.99998.0.7", Oid("V1-TRAP-MIB::v1Restart"));
        Assert.Equal(["v1Counter"], trap.Objects);
        Assert.Equal(MibBaseType.Counter32, Mibs.Find("v1Counter")!.Syntax.BaseType);
        Assert.Contains(ProblemsIn("v1.txt"), p => p.Contains("cannot find module RFC1155-SMI", StringComparison.Ordinal));
    }

    [Fact]
    public void Table_instances_are_decoded_from_the_row_index_as_net_snmp_prints_them()
    {
        Assert.Equal("BROKEN-MIB::testFlags.green.10.0.0.1.'ab'", Mibs.Resolve(".1.3.6.1.4.1.99999.4.1.4.2.10.0.0.1.97.98")!.Name);
        Assert.Equal("BROKEN-MIB::testFlags.minus.10.0.0", Mibs.Resolve(".1.3.6.1.4.1.99999.4.1.4.4294967295.10.0.0")!.Name);
        Assert.Equal("BROKEN-MIB::goodTwo.0", Mibs.Resolve(".1.3.6.1.4.1.99999.3.0")!.Name);
        Assert.Equal(".5.1", Mibs.Resolve(".5.1")!.Name);
        Assert.Null(Mibs.Resolve("1.x.3"));
    }

    [Fact]
    public void An_objects_syntax_is_followed_through_textual_conventions()
    {
        var status = Mibs.Find("goodTwo")!.Syntax;
        Assert.Equal((MibBaseType.Integer, "TestStatus", "d-2"), (status.BaseType, status.TextualConvention, status.DisplayHint));
        Assert.Equal([new MibRange(-100, 100), new MibRange(200, 200)], status.Ranges);
        var flags = Mibs.Find("testFlags")!.Syntax;
        Assert.Equal((MibBaseType.Bits, "up", "testing"), (flags.BaseType, flags.Bits[0], flags.Bits[7]));
        var colour = Mibs.Find("testColour")!.Syntax;
        Assert.Equal(["red", "green", "minus"], colour.Enumerations.OrderBy(e => e.Key == -1).Select(e => e.Value));
        Assert.Equal([new MibRange(0, 32)], Mibs.Find("testName")!.Syntax.Sizes);
        Assert.Equal(["testFlags", "goodTwo"], Mibs.Find("testNotification")!.Objects);
        Assert.Equal(["testColour", "testAddr", "testName"], Mibs.Find("testEntry")!.Index.Select(i => i.Name));
        Assert.True(Mibs.Find("testEntry")!.Index[2].Implied);
    }

    [Fact]
    public void A_module_list_loads_the_named_modules_with_what_they_import()
    {
        var set = MibLoader.Load([Directory], ["CYCLE-B-MIB", "NO-SUCH-MIB"]);
        Assert.Equal(["BASE-MIB", "CYCLE-A-MIB", "CYCLE-B-MIB"], set.Modules.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.Contains(set.Problems, p => p.Message == "module NO-SUCH-MIB not found");
        Assert.Null(set.Find("goodTwo"));
    }

    [Fact]
    public void A_loaded_set_resolves_the_same_from_many_threads_at_once()
    {
        const string oid = ".1.3.6.1.4.1.99999.4.1.4.2.10.0.0.1.97.98";
        var expected = Mibs.Resolve(oid)!.Name;
        var names = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => names.Add(Mibs.Resolve(oid)!.Name));
        Assert.Equal(2000, names.Count);
        Assert.All(names, name => Assert.Equal(expected, name));
        Assert.Equal("", MibSet.Empty.Resolve([]).Name);
        Assert.Equal(".1.3.6", MibSet.Empty.Resolve([1, 3, 6]).Name);
    }
}
