using TrapActors.Mib.Loading;
using TrapActors.Mib.Parsing;

namespace TrapActors.Mib;

/// <summary>
/// Loads SMIv1 and SMIv2 modules from directories. Every file is read; a module is known by its header, not its
/// file name. Problems (a broken definition, a missing import, a duplicate) are recorded once and never stop the
/// other modules from loading.
/// </summary>
public static class MibLoader
{
    /// <summary>The module-list entry that selects every module found (as net-snmp's <c>-m ALL</c>).</summary>
    public const string All = "ALL";

    /// <summary>
    /// Reads every file in <paramref name="directories"/> (in order; the first module of a name wins) and links the
    /// modules named in <paramref name="modules"/> with what they import, or all of them when it is null or has "ALL".
    /// </summary>
    public static MibSet Load(IEnumerable<string> directories, IEnumerable<string>? modules = null)
    {
        var problems = new List<MibProblem>();
        var found = new Dictionary<string, ParsedModule>(StringComparer.Ordinal);
        var order = new List<ParsedModule>();
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                problems.Add(new MibProblem(directory, 0, "MIB directory not found"));
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(directory).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
            {
                foreach (var module in ReadFile(file, problems))
                {
                    if (found.TryAdd(module.Name, module)) order.Add(module);
                    else problems.Add(new MibProblem(file, module.Line, $"module {module.Name} is also in {found[module.Name].File}; that one is kept"));
                }
            }
        }
        var selected = Select(found, order, modules?.ToList(), problems);
        var scope = new ModuleScope(found, selected);
        var linked = new ModuleLinker(scope, problems).Link(selected);
        return new MibSet(linked, problems);
    }

    private static List<ParsedModule> ReadFile(string file, List<MibProblem> problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new MibProblem(file, 0, $"cannot read: {e.Message}"));
            return [];
        }
        return text.Contains('\0') ? [] : MibParser.Parse(file, text, problems);
    }

    /// <summary>The named modules and, transitively, the modules they import; all in load order.</summary>
    private static List<ParsedModule> Select(Dictionary<string, ParsedModule> found, List<ParsedModule> order,
        List<string>? names, List<MibProblem> problems)
    {
        if (names is null || names.Contains(All)) return order;
        var wanted = new HashSet<ParsedModule>();
        var pending = new Stack<string>(names);
        while (pending.TryPop(out var name))
        {
            var module = found.GetValueOrDefault(name)
                ?? (WellKnownNames.ModuleAliases.TryGetValue(name, out var alias) ? found.GetValueOrDefault(alias) : null);
            if (module is null)
            {
                if (names.Contains(name)) problems.Add(new MibProblem(name, 0, $"module {name} not found"));
                continue;
            }
            if (!wanted.Add(module)) continue;
            foreach (var (import, _) in module.ImportedModules) pending.Push(import);
        }
        return [.. order.Where(wanted.Contains)];
    }
}
