using System.Diagnostics;

namespace TrapActors.Testing;

/// <summary>
/// The MIB modules .ci/run installs (libsnmp-base's and erlang-snmp's) and net-snmp's snmptranslate over them as the
/// oracle for names: only the directories given, nothing from the machine's or the user's net-snmp configuration.
/// </summary>
internal static class InstalledMibs
{
    /// <summary>net-snmp's own modules and Erlang's IETF modules (with its SMIv1 ones), those that exist.</summary>
    public static IReadOnlyList<string> Directories()
    {
        var dirs = new List<string> { "/usr/share/snmp/mibs" };
        if (Directory.Exists("/usr/lib/erlang/lib"))
        {
            foreach (var snmp in Directory.EnumerateDirectories("/usr/lib/erlang/lib", "snmp-*").Order(StringComparer.Ordinal).Take(1))
                dirs.AddRange([Path.Combine(snmp, "mibs"), Path.Combine(snmp, "mibs", "v1")]);
        }
        return [.. dirs.Where(Directory.Exists)];
    }

    /// <summary>One snmptranslate run with <c>-m ALL</c> and <paramref name="option"/> (e.g. -OS, -Td) over <paramref name="oids"/>; its non-empty output lines.</summary>
    public static async Task<List<string>> TranslateAsync(IReadOnlyList<string> directories, string option, IEnumerable<string> oids)
    {
        var psi = new ProcessStartInfo("/usr/bin/snmptranslate") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-M", string.Join(':', directories), "-m", "ALL", option }.Concat(oids))
            psi.ArgumentList.Add(arg);
        var config = Directory.CreateTempSubdirectory("trapactors-mib-conf").FullName;
        psi.Environment["SNMPCONFPATH"] = config;
        psi.Environment["SNMP_PERSISTENT_DIR"] = config;
        psi.Environment.Remove("MIBS");
        psi.Environment.Remove("MIBDIRS");
        try
        {
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = await process.StandardOutput.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(cts.Token);
            _ = await stderr;
            return [.. output.Split('\n').Where(l => l.Length > 0)];
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }
}
