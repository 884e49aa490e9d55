using System.Diagnostics;

namespace TrapActors.Mib.Tests;

/// <summary>
/// net-snmp's snmptranslate as the oracle: the MIB directories given and nothing from the machine's or the user's
/// configuration; many OIDs per run.
/// </summary>
internal static class SnmpTranslate
{
    public const string Tool = "/usr/bin/snmptranslate";

    /// <summary>The installed MIB directories: net-snmp's own (libsnmp-base) and Erlang's IETF modules (erlang-snmp).</summary>
    public static IReadOnlyList<string> MibDirectories()
    {
        var dirs = new List<string> { "/usr/share/snmp/mibs" };
        if (Directory.Exists("/usr/lib/erlang/lib"))
        {
            foreach (var snmp in Directory.EnumerateDirectories("/usr/lib/erlang/lib", "snmp-*").Order(StringComparer.Ordinal).Take(1))
                dirs.AddRange([Path.Combine(snmp, "mibs"), Path.Combine(snmp, "mibs", "v1")]);
        }
        return [.. dirs.Where(Directory.Exists)];
    }

    /// <summary>The -OS name of each OID, in order, one snmptranslate run per 400 OIDs.</summary>
    public static List<string> Names(IReadOnlyList<string> directories, IReadOnlyList<string> oids)
    {
        var names = new List<string>();
        foreach (var chunk in oids.Chunk(400))
        {
            var psi = new ProcessStartInfo(Tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "-M", string.Join(':', directories), "-m", "ALL", "-OS" }.Concat(chunk))
                psi.ArgumentList.Add(arg);
            var config = Path.Combine(Path.GetTempPath(), "trapactors-mib-empty-conf");
            Directory.CreateDirectory(config);
            psi.Environment["SNMPCONFPATH"] = config;
            psi.Environment["SNMP_PERSISTENT_DIR"] = config;
            psi.Environment.Remove("MIBS");
            psi.Environment.Remove("MIBDIRS");
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(120_000)) process.Kill();
            _ = stderr.Result;
            var lines = output.Split('\n').Where(l => l.Length > 0).ToList();
            if (lines.Count != chunk.Length)
                throw new InvalidOperationException($"snmptranslate printed {lines.Count} names for {chunk.Length} OIDs");
            names.AddRange(lines);
        }
        return names;
    }
}
