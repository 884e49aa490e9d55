using System.Collections.Immutable;
using TrapActors.Mib;

namespace TrapActors.Daemon;

/// <summary>
/// Loads the MIB modules the daemon names notifications with (--mib-dir, --mibs, --no-mibs) and says on standard
/// error what was loaded and which problems were met.
/// </summary>
internal static class DaemonMibs
{
    /// <summary>At most this many problem lines are printed; the rest are counted on one more line.</summary>
    public const int MaxProblemLines = 20;

    /// <summary>Where net-snmp looks by default (its MIBDIRS on Debian), in its order: the user's, then the system's.</summary>
    public static ImmutableArray<string> DefaultDirectories { get; } =
    [
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".snmp", "mibs"),
        "/usr/share/snmp/mibs",
        "/usr/share/snmp/mibs/iana",
        "/usr/share/snmp/mibs/ietf",
    ];

    /// <summary>The loaded modules (null with --no-mibs) and what to print about them.</summary>
    public sealed record Loaded(MibSet? Set, ImmutableArray<string> Lines);

    /// <summary>Loads what <paramref name="options"/> asks for; never throws on a broken MIB file.</summary>
    public static Loaded Load(DaemonOptions options)
    {
        if (options.NoMibs)
            return new Loaded(null, []);
        var directories = options.MibDirectories.IsDefaultOrEmpty
            ? [.. DefaultDirectories.Where(Directory.Exists)]
            : options.MibDirectories;
        var set = MibLoader.Load(directories, options.MibModules.IsDefaultOrEmpty ? null : options.MibModules);
        var from = directories.IsEmpty ? $"(none of {string.Join(", ", DefaultDirectories)} exists)" : $"from {string.Join(", ", directories)}";
        var lines = ImmutableArray.CreateBuilder<string>();
        lines.Add($"mibs: {set.Modules.Count} modules, {set.ObjectCount} objects {from}");
        lines.AddRange(ProblemLines(set.Problems));
        return new Loaded(set, lines.ToImmutable());
    }

    /// <summary>
    /// One line per module imported but not found (where it is imported, as FILE:LINE, and how many of its names are
    /// therefore unresolved), then the other problems, one line each; at most <see cref="MaxProblemLines"/> lines, then
    /// how many more there are.
    /// </summary>
    public static IEnumerable<string> ProblemLines(IReadOnlyList<MibProblem> problems)
    {
        var lines = problems.Where(p => p.MissingModule is not null)
            .GroupBy(p => p.MissingModule!, StringComparer.Ordinal)
            .Select(MissingModuleLine)
            .Concat(problems.Where(p => p.MissingModule is null).Select(p => p.ToString()))
            .ToList();
        foreach (var line in lines.Take(MaxProblemLines))
            yield return line;
        if (lines.Count > MaxProblemLines)
            yield return $"... and {lines.Count - MaxProblemLines} more problem lines";
    }

    private static string MissingModuleLine(IGrouping<string, MibProblem> problems)
    {
        var imports = problems.Where(p => !p.FollowsFromMissingModule).Select(p => $"{p.File}:{p.Line}");
        var unresolved = problems.Count(p => p.FollowsFromMissingModule);
        return $"cannot find module {problems.Key}, imported at {string.Join(", ", imports)}" +
            (unresolved > 0 ? $"; {unresolved} {(unresolved == 1 ? "use" : "uses")} of its names unresolved" : "; its names are looked up in the other modules");
    }
}
