using TrapActors.Mib.Parsing;

namespace TrapActors.Mib.Loading;

/// <summary>
/// Finds what a name means inside a module: its own definitions, then its IMPORTS (with the SMIv1 aliases and
/// modules that re-export), then any loaded module that defines it, as net-snmp's global tree does.
/// </summary>
internal sealed class ModuleScope(IReadOnlyDictionary<string, ParsedModule> modules, IReadOnlyList<ParsedModule> selected)
{
    private readonly Dictionary<ParsedModule, Dictionary<string, ParsedDefinition>> _definitions = Index(modules.Values);

    public IReadOnlyDictionary<string, ParsedModule> Modules => modules;

    /// <summary>The loaded module named <paramref name="name"/>, or the module an SMIv1 alias stands for.</summary>
    public ParsedModule? Module(string name) =>
        modules.TryGetValue(name, out var m) ? m
        : WellKnownNames.ModuleAliases.TryGetValue(name, out var alias) && modules.TryGetValue(alias, out var a) ? a
        : null;

    public ParsedDefinition? Local(ParsedModule module, string name) =>
        _definitions[module].GetValueOrDefault(name);

    public (ParsedModule Module, ParsedDefinition Definition)? FindDefinition(ParsedModule module, string name) =>
        Find(module, name, (m, n) => Local(m, n));

    public (ParsedModule Module, ParsedType Type)? FindType(ParsedModule module, string name) =>
        Find(module, name, (m, n) => m.Types.GetValueOrDefault(n));

    private (ParsedModule, T)? Find<T>(ParsedModule module, string name, Func<ParsedModule, string, T?> lookup) where T : class
    {
        if (lookup(module, name) is { } own) return (module, own);
        var visited = new HashSet<ParsedModule> { module };
        var current = module;
        while (current.Imports.TryGetValue(name, out var from) && Module(from) is { } source && visited.Add(source))
        {
            if (lookup(source, name) is { } imported) return (source, imported);
            current = source;
        }
        foreach (var other in selected)
            if (lookup(other, name) is { } anywhere) return (other, anywhere);
        return null;
    }

    private static Dictionary<ParsedModule, Dictionary<string, ParsedDefinition>> Index(IEnumerable<ParsedModule> all)
    {
        var index = new Dictionary<ParsedModule, Dictionary<string, ParsedDefinition>>();
        foreach (var module in all)
        {
            var byName = new Dictionary<string, ParsedDefinition>(StringComparer.Ordinal);
            foreach (var definition in module.Definitions) byName.TryAdd(definition.Name, definition);
            index[module] = byName;
        }
        return index;
    }
}
