using System.Collections.Immutable;
using System.CommandLine;

namespace TrapActors.Daemon;

/// <summary>The command-line options that choose the MIB modules notifications are named with: --mib-dir, --mibs, --no-mibs.</summary>
internal static class MibCommandLine
{
    /// <summary>--mib-dir DIR, repeatable.</summary>
    public static readonly Option<ImmutableArray<string>> Directories = CommandLine.Repeatable<string>("--mib-dir", "DIR", $"""
        A directory of MIB modules (SMIv1/SMIv2); repeatable, searched in
        order. Default: net-snmp's, those that exist: ~/.snmp/mibs,
        /usr/share/snmp/mibs and its iana and ietf subdirectories.
        At start 'mibs: N modules, M objects from DIR, ...' is printed on
        standard error, then the problems (at most {DaemonMibs.MaxProblemLines} lines): one line per
        module imported but not found, then FILE:LINE: message.
        JSON then adds "trapName" and, per varbind the MIBs know, "name",
        "enum", "bits" and "display"; text shows names instead of OIDs.
        """, ParseDirectory);

    /// <summary>--mibs LIST|ALL.</summary>
    public static readonly Option<ImmutableArray<string>> Modules = CommandLine.Single<ImmutableArray<string>>("--mibs", "LIST|ALL", """
        The modules to load, with what they import, separated by ':' or ','
        (as net-snmp's -m). Default: ALL, every module found.
        """, ParseModules);

    /// <summary>--no-mibs.</summary>
    public static readonly Option<bool> NoMibs = CommandLine.Flag("--no-mibs", "Load no MIB: OIDs stay numeric, no names in the output.");

    /// <summary>The options, in the order the help lists them.</summary>
    public static Option[] Options { get; } = [Directories, Modules, NoMibs];

    /// <summary>"" when the MIB options may go together; otherwise the problem, one line.</summary>
    public static string Problem(DaemonOptions options) =>
        options.NoMibs && (options.MibDirectories.Length > 0 || options.MibModules.Length > 0)
            ? "--no-mibs excludes --mib-dir and --mibs"
            : "";

    private static bool ParseDirectory(string text, out string value, out string error)
    {
        value = text;
        error = Directory.Exists(text) ? "" : $"--mib-dir: '{text}' is not a directory";
        return error.Length == 0;
    }

    private static bool ParseModules(string text, out ImmutableArray<string> value, out string error)
    {
        value = [.. text.Split([':', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        error = value.IsEmpty ? $"--mibs: '{text}' names no module" : "";
        return error.Length == 0;
    }
}
