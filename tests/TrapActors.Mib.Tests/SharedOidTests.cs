using Xunit;

namespace TrapActors.Mib.Tests;

/// <summary>
/// OIDs that more than one installed module defines (org in SNMPv2-SMI and RFC1155-SMI, sysDescr in SNMPv2-MIB and
/// RFC1213-MIB...) are named by the same module as snmptranslate -m ALL -OS names them.
/// </summary>
public sealed class SharedOidTests
{
    [Fact]
    public void An_OID_that_several_modules_define_takes_the_module_net_snmp_takes()
    {
        var directories = SnmpTranslate.MibDirectories();
        Assert.True(File.Exists(SnmpTranslate.Tool) && directories.Count == 3, "snmptranslate or the installed MIB directories are missing: run bash .ci/run");
        var mibs = MibLoader.Load(directories);
        var shared = mibs.Modules.SelectMany(m => m.Objects)
            .GroupBy(o => "." + string.Join('.', o.Oid))
            .Where(g => g.Select(o => o.Module).Distinct().Count() > 1)
            .Select(g => (Oid: g.Key, Modules: string.Join(" ", g.Select(o => o.QualifiedName))))
            .ToList();
        Assert.True(shared.Count > 30, $"only {shared.Count} OIDs defined by more than one module");
        var theirs = SnmpTranslate.Names(directories, [.. shared.Select(s => s.Oid)]);
        var differences = shared.Zip(theirs)
            .Where(pair => mibs.Resolve(pair.First.Oid)!.Name != pair.Second)
            .Select(pair => $"{pair.First.Oid}: ours {mibs.Resolve(pair.First.Oid)!.Name}, net-snmp {pair.Second} (defined by {pair.First.Modules})")
            .ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} of {shared.Count} differ:\n{string.Join("\n", differences)}");
    }
}
