using TrapActors.Mib.Lexing;

namespace TrapActors.Mib.Parsing;

/// <summary>
/// Reads the modules of one MIB file. A definition that cannot be parsed is recorded as one problem and skipped up
/// to the next token that plausibly starts a definition; the rest of the file still loads.
/// </summary>
internal sealed partial class MibParser
{
    private static readonly HashSet<string> Macros = new(StringComparer.Ordinal)
    {
        "MODULE-IDENTITY", "OBJECT-IDENTITY", "OBJECT-TYPE", "NOTIFICATION-TYPE", "TRAP-TYPE",
        "OBJECT-GROUP", "NOTIFICATION-GROUP", "MODULE-COMPLIANCE", "AGENT-CAPABILITIES",
    };

    private readonly List<MibToken> _tokens;
    private readonly string _file;
    private readonly List<MibProblem> _problems;
    private int _p;

    private MibParser(string file, string text, List<MibProblem> problems)
    {
        _file = file;
        _tokens = MibLexer.Tokenize(text);
        _problems = problems;
    }

    /// <summary>The modules in <paramref name="text"/>; problems are appended to <paramref name="problems"/>.</summary>
    public static List<ParsedModule> Parse(string file, string text, List<MibProblem> problems) =>
        new MibParser(file, text, problems).ParseFile();

    private MibToken Cur => _tokens[Math.Min(_p, _tokens.Count - 1)];

    private MibToken Peek(int k) => _tokens[Math.Min(_p + k, _tokens.Count - 1)];

    private MibToken At(int i) => _tokens[Math.Min(i, _tokens.Count - 1)];

    private void Problem(int line, string message) => _problems.Add(new MibProblem(_file, line, message));

    private List<ParsedModule> ParseFile()
    {
        var modules = new List<ParsedModule>();
        while (Cur.Kind != MibTokenKind.End)
        {
            if (Cur.IsIdentifier && Peek(1).Is("DEFINITIONS"))
                modules.Add(ParseModule());
            else
                _p++;
        }
        // net-snmp silently skips a file that is no module (erlang-snmp's *.funcs, READMEs); one that says
        // DEFINITIONS but yields no module is a broken MIB and reported.
        if (modules.Count == 0 && _tokens.Any(t => t.Is("DEFINITIONS")))
            Problem(1, "no MIB module (NAME DEFINITIONS ::= BEGIN) found");
        return modules;
    }

    private ParsedModule ParseModule()
    {
        var module = new ParsedModule { Name = Cur.Text, File = _file, Line = Cur.Line };
        ParseBody(module);
        AddNamedComponents(module);
        return module;
    }

    /// <summary>
    /// A named number inside an OID value, such as org(3) in <c>{ iso org(3) dod(6) 1 }</c>, names that node in
    /// this module unless the module defines the name itself (net-snmp does the same).
    /// </summary>
    private static void AddNamedComponents(ParsedModule module)
    {
        var defined = module.Definitions.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var definition in module.Definitions.ToList())
        {
            for (var i = 1; i < definition.Value.Count; i++)
            {
                if (definition.Value[i] is { Name: { } name, Number: not null } && defined.Add(name))
                {
                    module.Definitions.Add(new ParsedDefinition { Name = name, Kind = MibObjectKind.ObjectIdentifier, Line = definition.Line }
                        .WithValue(definition.Value.Take(i + 1)));
                }
            }
        }
    }

    private void ParseBody(ParsedModule module)
    {
        _p += 2;
        while (Cur.Kind != MibTokenKind.Assign && Cur.Kind != MibTokenKind.End && !Cur.Is("BEGIN")) _p++;
        if (Cur.Kind == MibTokenKind.Assign) _p++;
        if (Cur.Is("BEGIN")) _p++;
        else Problem(Cur.Line, $"module {module.Name}: expected BEGIN, found {Cur}");
        while (true)
        {
            if (Cur.Kind == MibTokenKind.End)
            {
                Problem(Cur.Line, $"module {module.Name}: missing END");
                return;
            }
            if (Cur.Is("END")) { _p++; return; }
            if (Cur.IsIdentifier && Peek(1).Is("DEFINITIONS"))
            {
                Problem(Cur.Line, $"module {module.Name}: missing END before module {Cur.Text}");
                return;
            }
            try
            {
                if (Cur.Is("IMPORTS")) ParseImports(module);
                else if (Cur.Is("EXPORTS")) SkipPast(";");
                else ParseDefinition(module);
            }
            catch (MibParseException e)
            {
                Problem(e.Line, e.Message);
                SkipToNextDefinition();
            }
        }
    }

    private void ParseImports(ParsedModule module)
    {
        _p++;
        var symbols = new List<string>();
        while (true)
        {
            if (Cur.Is(";")) { _p++; break; }
            if (Cur.Kind == MibTokenKind.End || IsDefinitionStart(_p) || Cur.Is("END"))
            {
                Problem(Cur.Line, "IMPORTS not ended by ';'");
                break;
            }
            if (Cur.Is("FROM") && Peek(1).IsIdentifier)
            {
                var from = Peek(1);
                module.ImportedModules.Add((from.Text, from.Line));
                foreach (var symbol in symbols)
                    module.Imports.TryAdd(symbol, from.Text);
                symbols.Clear();
                _p += 2;
                if (Cur.Is("{")) SkipBalanced();
                continue;
            }
            if (Cur.IsIdentifier) symbols.Add(Cur.Text);
            _p++;
        }
        if (symbols.Count > 0)
            Problem(Cur.Line, $"IMPORTS: no FROM for {string.Join(", ", symbols)}");
    }

    private void ParseDefinition(ParsedModule module)
    {
        var name = Cur;
        if (!name.IsIdentifier)
            throw new MibParseException(name.Line, $"expected a definition, found {name}");
        if (Peek(1).Is("MACRO"))
        {
            SkipPast("END");
            return;
        }
        _p++;
        if (Cur.Is("OBJECT") && Peek(1).Is("IDENTIFIER") && Peek(2).Kind == MibTokenKind.Assign)
        {
            _p += 3;
            var definition = new ParsedDefinition { Name = name.Text, Kind = MibObjectKind.ObjectIdentifier, Line = name.Line };
            definition.Value = ParseOidValue();
            module.Definitions.Add(definition);
            return;
        }
        if (Cur.IsIdentifier && Macros.Contains(Cur.Text))
        {
            module.Definitions.Add(ParseMacro(name));
            return;
        }
        if (Cur.Kind == MibTokenKind.Assign)
        {
            _p++;
            var type = Cur.Is("TEXTUAL-CONVENTION") ? ParseTextualConvention(name) : new ParsedType(name.Text, ParseSyntax(), null, false, name.Line);
            if (!module.Types.TryAdd(type.Name, type))
                Problem(name.Line, $"type {name.Text} defined twice in {module.Name}; the first definition is kept");
            return;
        }
        throw new MibParseException(name.Line, $"cannot parse the definition of {name.Text} ({Cur} after it)");
    }

    private List<OidComponent> ParseOidValue()
    {
        var open = Cur;
        if (!Cur.Is("{")) throw new MibParseException(Cur.Line, $"expected an OID value '{{', found {Cur}");
        _p++;
        var components = new List<OidComponent>();
        while (!Cur.Is("}"))
        {
            if (Cur.IsIdentifier)
            {
                var name = Cur.Text;
                _p++;
                uint? number = null;
                if (Cur.Is("(") && Peek(1).Kind == MibTokenKind.Number && Peek(2).Is(")"))
                {
                    number = ParseSubId(Peek(1));
                    _p += 3;
                }
                components.Add(new OidComponent(name, number));
            }
            else if (Cur.Kind == MibTokenKind.Number)
            {
                components.Add(new OidComponent(null, ParseSubId(Cur)));
                _p++;
            }
            else
            {
                throw new MibParseException(Cur.Line, $"unexpected {Cur} in the OID value opened on line {open.Line}");
            }
        }
        _p++;
        if (components.Count == 0) throw new MibParseException(open.Line, "empty OID value");
        return components;
    }

    private static uint ParseSubId(MibToken token) =>
        uint.TryParse(token.Text, out var value) ? value
            : throw new MibParseException(token.Line, $"sub-identifier {token.Text} is not in 0..4294967295");

    /// <summary>Whether the token at <paramref name="i"/> plausibly starts a definition (or ends the module).</summary>
    private bool IsDefinitionStart(int i)
    {
        var t = At(i);
        if (!t.IsIdentifier) return false;
        if (t.Is("END") || t.Is("IMPORTS")) return true;
        var next = At(i + 1);
        if (next.Is("MACRO") || next.Is("DEFINITIONS")) return true;
        if (t.IsLowerIdentifier)
            return (next.IsIdentifier && Macros.Contains(next.Text))
                || (next.Is("OBJECT") && At(i + 2).Is("IDENTIFIER") && At(i + 3).Kind == MibTokenKind.Assign);
        return t.IsUpperIdentifier && next.Kind == MibTokenKind.Assign;
    }

    private void SkipToNextDefinition()
    {
        _p++;
        while (Cur.Kind != MibTokenKind.End && !IsDefinitionStart(_p)) _p++;
    }

    private void SkipPast(string text)
    {
        while (Cur.Kind != MibTokenKind.End && !Cur.Is(text)) _p++;
        if (Cur.Kind != MibTokenKind.End) _p++;
    }

    /// <summary>Skips a bracketed group starting at the current "{", "(" or "[" up to its matching close.</summary>
    private void SkipBalanced()
    {
        var depth = 0;
        do
        {
            if (Cur.Is("{") || Cur.Is("(") || Cur.Is("[")) depth++;
            else if (Cur.Is("}") || Cur.Is(")") || Cur.Is("]")) depth--;
            _p++;
        }
        while (depth > 0 && Cur.Kind != MibTokenKind.End);
    }
}
