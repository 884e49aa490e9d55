using TrapActors.Mib.Parsing;

namespace TrapActors.Mib.Loading;

/// <summary>SYNTAX followed through type references and textual conventions down to an SMI base type.</summary>
internal sealed partial class ModuleLinker
{
    private const int MaxTypeDepth = 32;

    /// <summary>Types already reported missing, by the module that uses them: one problem per type, at its first use.</summary>
    private readonly HashSet<string> _missingTypes = new(StringComparer.Ordinal);

    private MibObject Build(ParsedModule module, ParsedDefinition definition, uint[] oid)
    {
        var syntax = definition.Syntax is null ? MibSyntax.Unknown : Resolve(module, definition.Syntax, definition.Line);
        return new MibObject(module.Name, definition.Name, oid, definition.Kind, syntax, [.. definition.Index],
            definition.Augments, [.. definition.Objects], definition.Access, definition.Status, module.File, definition.Line);
    }

    /// <summary>The syntax as seen from <paramref name="module"/>; the nearest enumeration, bits, hint and constraints win.</summary>
    internal MibSyntax Resolve(ParsedModule module, ParsedSyntax written, int line)
    {
        string? convention = null;
        string? hint = null;
        var enumerations = written.Enumerations;
        var bits = written.Bits;
        var ranges = written.Ranges;
        var sizes = written.Sizes;
        var current = written;
        var scope = module;
        var baseType = MibBaseType.Unknown;
        for (var depth = 0; depth < MaxTypeDepth; depth++)
        {
            if (WellKnownNames.BaseType(current.TypeName) is { } known)
            {
                baseType = known;
                break;
            }
            if (_scope.FindType(scope, current.TypeName) is not { } found)
            {
                if (_missingTypes.Add($"{module.Name}::{current.TypeName}"))
                    Report(module.File, line, $"type {current.TypeName} is not defined in {module.Name} nor in a loaded module", MissingSource(scope, current.TypeName));
                break;
            }
            convention ??= found.Type.Name;
            hint ??= found.Type.DisplayHint;
            current = found.Type.Syntax;
            scope = found.Module;
            if (enumerations.Count == 0) enumerations = current.Enumerations;
            if (bits.Count == 0) bits = current.Bits;
            if (ranges.Count == 0) ranges = current.Ranges;
            if (sizes.Count == 0) sizes = current.Sizes;
        }
        return new MibSyntax(baseType, written.TypeName, convention, hint, ToDictionary(enumerations), ToDictionary(bits),
            [.. ranges], [.. sizes]);
    }

    private static Dictionary<TKey, string> ToDictionary<TKey>(List<KeyValuePair<TKey, string>> pairs) where TKey : notnull
    {
        var result = new Dictionary<TKey, string>();
        foreach (var (key, label) in pairs) result.TryAdd(key, label);
        return result;
    }
}
