using Xunit;

namespace TrapActors.Mib.Tests;

/// <summary>
/// Every object and notification of the installed MIB modules (libsnmp-base and erlang-snmp, installed by .ci/run)
/// is named as snmptranslate -m ALL -OS names its OID.
/// </summary>
public sealed class NetSnmpOracleTests
{
    private static readonly IReadOnlyList<string> Directories = SnmpTranslate.MibDirectories();
    private static readonly Lazy<MibSet> Set = new(() => MibLoader.Load(Directories));

    private static void RequireTools()
    {
        Assert.True(File.Exists(SnmpTranslate.Tool), "snmptranslate is missing: run bash .ci/run (it installs snmp)");
        Assert.True(Directories.Count == 3, $"MIB directories missing (found {string.Join(", ", Directories)}): .ci/run installs libsnmp-base and erlang-snmp");
    }

    [Fact]
    public void Every_object_and_notification_is_named_as_net_snmp_names_it()
    {
        RequireTools();
        var mibs = Set.Value;
        var objects = mibs.Modules.SelectMany(m => m.Objects).Where(o => mibs.FindByOid([.. o.Oid]) == o).ToList();
        Assert.True(objects.Count > 900, $"only {objects.Count} objects loaded; problems: {string.Join("\n", mibs.Problems)}");
        var theirs = SnmpTranslate.Names(Directories, [.. objects.Select(o => "." + string.Join('.', o.Oid))]);
        var differences = objects.Zip(theirs)
            .Where(pair => pair.First.QualifiedName != pair.Second)
            .Select(pair => $".{string.Join('.', pair.First.Oid)}: ours {pair.First.QualifiedName}, net-snmp {pair.Second}")
            .ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} of {objects.Count} differ:\n{string.Join("\n", differences)}");
    }

    [Fact]
    public void Every_table_column_with_a_sample_instance_is_printed_as_net_snmp_prints_it()
    {
        RequireTools();
        var mibs = Set.Value;
        var samples = mibs.Modules.SelectMany(m => m.Objects)
            .Where(row => row.Index.Count > 0 && mibs.FindByOid([.. row.Oid]) == row)
            .SelectMany(row => mibs.Modules.SelectMany(m => m.Objects)
                .Where(c => c.Oid.Count == row.Oid.Count + 1 && c.Oid.Take(row.Oid.Count).SequenceEqual(row.Oid) && mibs.FindByOid([.. c.Oid]) == c)
                .Select(column => "." + string.Join('.', column.Oid.Concat(SampleInstance.For(mibs, row)))))
            .ToList();
        Assert.True(samples.Count > 200, $"only {samples.Count} table columns");
        var theirs = SnmpTranslate.Names(Directories, samples);
        var differences = samples.Zip(theirs)
            .Select(pair => (Oid: pair.First, Ours: mibs.Resolve(pair.First)!, Theirs: pair.Second))
            .Where(s => s.Ours.Name != s.Theirs)
            .Select(s => $"{s.Oid}: ours {s.Ours.Name}, net-snmp {s.Theirs}")
            .ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} of {samples.Count} differ:\n{string.Join("\n", differences)}");
    }

    [Theory]
    [InlineData(".1.3.6.1.6.3.15.1.2.2.1.13.5.128.0.0.0.1.3.97.98.99")] // usmUserStatus: engine ID + user name
    [InlineData(".1.3.6.1.6.3.15.1.2.2.1.13.0.0")] // empty strings
    [InlineData(".1.3.6.1.6.3.12.1.2.1.9.3.116.111.112")] // snmpTargetAddrRowStatus: IMPLIED name
    [InlineData(".1.3.6.1.6.3.16.1.4.1.9.2.103.49.0.3.1")] // vacmAccessStatus: group, context prefix, model, level (enum)
    [InlineData(".1.3.6.1.2.1.4.20.1.2.10.0.0.1")] // ipAdEntIfIndex: IpAddress index
    [InlineData(".1.3.6.1.6.3.18.1.2.1.1.116.111.112")] // snmpTargetAddrTMask: AUGMENTS snmpTargetAddrEntry (IMPLIED name)
    [InlineData(".1.3.6.1.2.1.1.3.0")] // sysUpTime.0: a scalar
    [InlineData(".1.3.6.1.6.3.16.1.5.2.1.6.3.97.108.108.4.1.3.6.1")] // vacmViewTreeFamilyStatus: an OID index, printed as numbers
    [InlineData(".1.3.6.1.6.3.13.1.3.1.3.1.112.1.3.6")] // snmpNotifyFilterRowStatus: name and IMPLIED OID
    [InlineData(".1.3.6.1.4.1.99999.1.2")] // enterprises.99999.1.2: no name below enterprises
    public void Instances_are_printed_as_net_snmp_prints_them(string oid)
    {
        RequireTools();
        Assert.Equal(SnmpTranslate.Names(Directories, [oid]).Single(), Set.Value.Resolve(oid)!.Name);
    }
}
