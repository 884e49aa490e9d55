namespace TrapActors.Mib.Tests;

/// <summary>
/// net-snmp's snmptranslate as the oracle: the MIB directories given and nothing from the machine's or the user's
/// configuration; many OIDs per run.
/// </summary>
internal static class SnmpTranslate
{
    public const string Tool = "/usr/bin/snmptranslate";

    /// <summary>The installed MIB directories: net-snmp's own (libsnmp-base) and Erlang's IETF modules (erlang-snmp).</summary>
    public static IReadOnlyList<string> MibDirectories() => TrapActors.Testing.InstalledMibs.Directories();

    /// <summary>The -OS name of each OID, in order, one snmptranslate run per 400 OIDs.</summary>
    public static List<string> Names(IReadOnlyList<string> directories, IReadOnlyList<string> oids)
    {
        var names = new List<string>();
        foreach (var chunk in oids.Chunk(400))
        {
            var lines = TrapActors.Testing.InstalledMibs.TranslateAsync(directories, "-OS", chunk).GetAwaiter().GetResult();
            if (lines.Count != chunk.Length)
                throw new InvalidOperationException($"snmptranslate printed {lines.Count} names for {chunk.Length} OIDs");
            names.AddRange(lines);
        }
        return names;
    }
}
