using TrapActors.Mib.Parsing;

namespace TrapActors.Mib.Loading;

/// <summary>
/// Turns parsed modules into named OIDs: resolves each OID value through the module's scope, follows SYNTAX
/// through textual conventions, and records each unresolvable name once.
/// </summary>
internal sealed partial class ModuleLinker
{
    private readonly ModuleScope _scope;
    private readonly List<MibProblem> _problems;
    private readonly Dictionary<ParsedDefinition, uint[]?> _oids = new();
    private readonly HashSet<ParsedDefinition> _resolving = new();
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly bool _smiLoaded;

    public ModuleLinker(ModuleScope scope, List<MibProblem> problems)
    {
        _scope = scope;
        _problems = problems;
        _smiLoaded = scope.Module("SNMPv2-SMI") is not null;
    }

    public List<MibModule> Link(IReadOnlyList<ParsedModule> selected)
    {
        ReportMissingImports(selected);
        var built = new List<(ParsedModule Parsed, List<(ParsedDefinition Definition, MibObject Object)> Objects)>();
        foreach (var module in selected)
        {
            var objects = new List<(ParsedDefinition, MibObject)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var definition in module.Definitions)
            {
                if (!seen.Add(definition.Name))
                {
                    Report(module.File, definition.Line, $"{definition.Name} is defined twice in {module.Name}; the first definition is kept");
                    continue;
                }
                if (Oid(module, definition) is { } oid)
                    objects.Add((definition, Build(module, definition, oid)));
            }
            built.Add((module, objects));
        }
        return [.. built.Select(b => new MibModule(b.Parsed.Name, b.Parsed.File,
            [.. b.Parsed.ImportedModules.Select(i => i.Module).Distinct()], [.. b.Objects.Select(o => o.Object)]))];
    }

    private void ReportMissingImports(IReadOnlyList<ParsedModule> selected)
    {
        foreach (var module in selected)
            foreach (var (name, line) in module.ImportedModules)
                if (_scope.Module(name) is null)
                    Report(new MibProblem(module.File, line, $"cannot find module {name} imported by {module.Name}; its names are looked up in the other modules") { MissingModule = name });
    }

    private uint[]? Oid(ParsedModule module, ParsedDefinition definition)
    {
        if (_oids.TryGetValue(definition, out var known)) return known;
        if (!_resolving.Add(definition))
        {
            Report(module.File, definition.Line, $"{definition.Name}: its OID value refers back to itself");
            return null;
        }
        var oid = definition.Kind == MibObjectKind.Trap ? TrapOid(module, definition) : ValueOid(module, definition);
        _resolving.Remove(definition);
        _oids[definition] = oid;
        return oid;
    }

    /// <summary>RFC 3584 §3: a v1 trap's OID is its enterprise, then 0, then the specific trap number.</summary>
    private uint[]? TrapOid(ParsedModule module, ParsedDefinition definition)
    {
        var enterprise = NameOid(module, definition.Enterprise!, definition);
        return enterprise is null ? null : [.. enterprise, 0, definition.TrapNumber];
    }

    private uint[]? ValueOid(ParsedModule module, ParsedDefinition definition)
    {
        var oid = new List<uint>();
        for (var i = 0; i < definition.Value.Count; i++)
        {
            var component = definition.Value[i];
            if (component.Number is { } number && (i > 0 || component.Name is null || !IsResolvable(module, component.Name)))
            {
                oid.Add(number);
                continue;
            }
            if (i > 0 || component.Name is null)
            {
                Report(module.File, definition.Line, $"{definition.Name}: a name without a number inside an OID value");
                return null;
            }
            var parent = NameOid(module, component.Name, definition);
            if (parent is null) return null;
            oid.AddRange(parent);
        }
        return [.. oid];
    }

    private bool IsResolvable(ParsedModule module, string name) =>
        _scope.FindDefinition(module, name) is not null || WellKnownNames.Roots.ContainsKey(name);

    private uint[]? NameOid(ParsedModule module, string name, ParsedDefinition user)
    {
        if (_scope.FindDefinition(module, name) is { } found)
            return Oid(found.Module, found.Definition);
        if (WellKnownNames.Roots.TryGetValue(name, out var root)) return root;
        if (!_smiLoaded && WellKnownNames.SmiNodes.TryGetValue(name, out var smi)) return smi;
        Report(module.File, user.Line, $"{user.Name}: cannot resolve {name} (not defined in {module.Name} nor in a loaded module)", MissingSource(module, name));
        return null;
    }

    /// <summary>The missing module <paramref name="name"/> is imported from, if it is.</summary>
    private string? MissingSource(ParsedModule module, string name) =>
        module.Imports.TryGetValue(name, out var from) && _scope.Module(from) is null ? from : null;

    private void Report(string file, int line, string message, string? missingModule = null)
    {
        var problem = new MibProblem(file, line, message) { MissingModule = missingModule, FollowsFromMissingModule = missingModule is not null };
        Report(problem);
    }

    private void Report(MibProblem problem)
    {
        if (_reported.Add(problem.ToString())) _problems.Add(problem);
    }
}
