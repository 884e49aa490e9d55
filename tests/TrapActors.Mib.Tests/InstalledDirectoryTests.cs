using Xunit;

namespace TrapActors.Mib.Tests;

/// <summary>The installed directories as they are: erlang-snmp's holds <c>*.funcs</c> files and a <c>v1</c> directory beside its modules.</summary>
public sealed class InstalledDirectoryTests
{
    [Fact]
    public void Files_and_directories_that_are_no_modules_are_skipped_without_a_problem()
    {
        var erlang = SnmpTranslate.MibDirectories().FirstOrDefault(d => d.EndsWith("/mibs", StringComparison.Ordinal) && d.Contains("erlang", StringComparison.Ordinal));
        Assert.True(erlang is not null, "erlang-snmp's MIB directory is missing: .ci/run installs erlang-snmp");
        Assert.NotEmpty(Directory.EnumerateFiles(erlang, "*.funcs"));
        var set = MibLoader.Load([erlang]);
        Assert.True(set.Modules.Count > 15, $"only {set.Modules.Count} modules");
        Assert.DoesNotContain(set.Problems, p => p.File.EndsWith(".funcs", StringComparison.Ordinal) || p.File.EndsWith("/v1", StringComparison.Ordinal));
    }
}
