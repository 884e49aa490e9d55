using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using TrapActors.Mib;
using TrapActors.Mib.Describing;

namespace TrapActors.Benchmarks;

/// <summary>
/// What MIB modules cost (issue #16 item 6): loading every module of the installed directories (libsnmp-base and
/// erlang-snmp, fewer than 100 modules), loading 100 generated modules (each 20 OBJECT-TYPEs with enumerations and a
/// table, importing SNMPv2-SMI and SNMPv2-TC) together with those, and describing a varbind whose OID is cached.
/// </summary>
[MemoryDiagnoser]
public class MibLoadBenchmarks
{
    private const int GeneratedModules = 100;
    private string[] _real = [];
    private string[] _withGenerated = [];
    private string _generatedDirectory = "";
    private MibDescriber _describer = null!;
    private readonly uint[] _operStatus3 = [1, 3, 6, 1, 2, 1, 2, 2, 1, 8, 3];

    [GlobalSetup]
    public void Setup()
    {
        _real = [.. TrapActors.Testing.InstalledMibs.Directories()];
        _generatedDirectory = Directory.CreateTempSubdirectory("trapactors-bench-mibs").FullName;
        for (var i = 0; i < GeneratedModules; i++)
            File.WriteAllText(Path.Combine(_generatedDirectory, $"BENCH-{i:D3}-MIB.txt"), Module(i));
        _withGenerated = [.. _real, _generatedDirectory];
        var set = MibLoader.Load(_real);
        Console.WriteLine($"// real: {set.Modules.Count} modules, {set.ObjectCount} OIDs; with generated: {MibLoader.Load(_withGenerated).Modules.Count} modules");
        _describer = new MibDescriber(set);
        _describer.Describe(_operStatus3, MibValueKind.Integer, 2L);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_generatedDirectory, recursive: true);

    [Benchmark]
    public int LoadInstalledModules() => MibLoader.Load(_real).Modules.Count;

    [Benchmark]
    public int LoadInstalledAnd100GeneratedModules() => MibLoader.Load(_withGenerated).Modules.Count;

    /// <summary>RFC1213-MIB::ifOperStatus.3 = 2 → down; the OID's part is cached after the first use.</summary>
    [Benchmark]
    public string? DescribeCachedVarbind() => _describer.Describe(_operStatus3, MibValueKind.Integer, 2L).Enum;

    private static string Module(int n)
    {
        var name = $"BENCH-{n:D3}-MIB";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$"""
            {{name}} DEFINITIONS ::= BEGIN
            IMPORTS MODULE-IDENTITY, OBJECT-TYPE, Integer32, enterprises FROM SNMPv2-SMI
                    DisplayString FROM SNMPv2-TC;
            bench{{n}}MIB MODULE-IDENTITY
                LAST-UPDATED "202601010000Z" ORGANIZATION "bench" CONTACT-INFO "bench"
                DESCRIPTION "A generated module." ::= { enterprises 99999 {{n}} }
            bench{{n}}Table OBJECT-TYPE SYNTAX SEQUENCE OF Bench{{n}}Entry MAX-ACCESS not-accessible STATUS current
                DESCRIPTION "rows" ::= { bench{{n}}MIB 1 }
            bench{{n}}Entry OBJECT-TYPE SYNTAX Bench{{n}}Entry MAX-ACCESS not-accessible STATUS current
                DESCRIPTION "a row" INDEX { bench{{n}}Index } ::= { bench{{n}}Table 1 }
            Bench{{n}}Entry ::= SEQUENCE { bench{{n}}Index Integer32 }
            bench{{n}}Index OBJECT-TYPE SYNTAX Integer32 (1..65535) MAX-ACCESS not-accessible STATUS current
                DESCRIPTION "index" ::= { bench{{n}}Entry 1 }

            """);
        for (var i = 0; i < 20; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $$"""
                bench{{n}}Object{{i}} OBJECT-TYPE
                    SYNTAX {{(i % 2 == 0 ? "INTEGER { up(1), down(2), testing(3) }" : "DisplayString (SIZE (0..255))")}}
                    MAX-ACCESS read-only STATUS current
                    DESCRIPTION "Object {{i}} of a generated module, with some text to read past."
                    ::= { bench{{n}}Entry {{i + 2}} }

                """);
        }
        return text.Append("END\n").ToString();
    }
}
