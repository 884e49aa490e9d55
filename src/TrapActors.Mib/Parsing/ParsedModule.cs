namespace TrapActors.Mib.Parsing;

/// <summary>One component of an OID value: a name (possibly with a number, as in <c>org(3)</c>) or a number.</summary>
internal readonly record struct OidComponent(string? Name, uint? Number);

/// <summary>A SYNTAX clause or the right-hand side of a type assignment, as written.</summary>
internal sealed record ParsedSyntax(
    string TypeName,
    string? Reference,
    List<KeyValuePair<long, string>> Enumerations,
    List<KeyValuePair<int, string>> Bits,
    List<MibRange> Ranges,
    List<MibRange> Sizes);

/// <summary>A type assignment or TEXTUAL-CONVENTION.</summary>
internal sealed record ParsedType(string Name, ParsedSyntax Syntax, string? DisplayHint, bool IsTextualConvention, int Line);

/// <summary>A definition that has an OID.</summary>
internal sealed class ParsedDefinition
{
    public required string Name { get; init; }
    public required MibObjectKind Kind { get; init; }
    public required int Line { get; init; }
    public List<OidComponent> Value { get; set; } = [];
    public string? Enterprise { get; set; }
    public uint TrapNumber { get; set; }
    public ParsedSyntax? Syntax { get; set; }
    public List<MibIndex> Index { get; } = [];
    public string? Augments { get; set; }
    public List<string> Objects { get; } = [];
    public string? Access { get; set; }
    public string? Status { get; set; }

    public ParsedDefinition WithValue(IEnumerable<OidComponent> value)
    {
        Value = [.. value];
        return this;
    }
}

/// <summary>One module as parsed from a file, before anything is resolved.</summary>
internal sealed class ParsedModule
{
    public required string Name { get; init; }
    public required string File { get; init; }
    public required int Line { get; init; }

    /// <summary>Imported symbol → the module it comes from (the first import of a symbol wins).</summary>
    public Dictionary<string, string> Imports { get; } = new(StringComparer.Ordinal);

    /// <summary>The modules imported from, with the line of the import.</summary>
    public List<(string Module, int Line)> ImportedModules { get; } = [];

    public List<ParsedDefinition> Definitions { get; } = [];
    public Dictionary<string, ParsedType> Types { get; } = new(StringComparer.Ordinal);
}
