using System.Collections.Immutable;
using TrapActors.Mib;
using TrapActors.Mib.Describing;

namespace TrapActors.Daemon;

/// <summary>
/// Loads the MIB modules the daemon names notifications with (--mib-dir, --mibs, --no-mibs) and says on standard
/// error what was loaded and which problems were met.
/// </summary>
internal static class DaemonMibs
{
    /// <summary>At most this many problem lines are printed; the rest are counted on one more line.</summary>
    public const int MaxProblemLines = 20;

    /// <summary>Where net-snmp looks by default: the system's MIB directory and the user's.</summary>
    public static ImmutableArray<string> DefaultDirectories { get; } =
    [
        "/usr/share/snmp/mibs",
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".snmp", "mibs"),
    ];

    /// <summary>The loaded modules and what to print about them; null describer with --no-mibs.</summary>
    public sealed record Loaded(MibDescriber? Describer, ImmutableArray<string> Lines);

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
        return new Loaded(new MibDescriber(set), lines.ToImmutable());
    }

    /// <summary>The first <see cref="MaxProblemLines"/> problems, then how many more there are.</summary>
    public static IEnumerable<string> ProblemLines(IReadOnlyList<MibProblem> problems)
    {
        foreach (var problem in problems.Take(MaxProblemLines))
            yield return problem.ToString();
        if (problems.Count > MaxProblemLines)
            yield return $"... and {problems.Count - MaxProblemLines} more problems";
    }
}
