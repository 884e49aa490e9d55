using TrapActors.Mib.Lexing;

namespace TrapActors.Mib.Parsing;

/// <summary>The SMI macros: the clauses that name things are read, the others (DESCRIPTION, REFERENCE...) skipped.</summary>
internal sealed partial class MibParser
{
    private ParsedDefinition ParseMacro(MibToken name)
    {
        var kind = Cur.Text switch
        {
            "MODULE-IDENTITY" => MibObjectKind.ModuleIdentity,
            "OBJECT-IDENTITY" => MibObjectKind.ObjectIdentity,
            "OBJECT-TYPE" => MibObjectKind.ObjectType,
            "NOTIFICATION-TYPE" => MibObjectKind.Notification,
            "TRAP-TYPE" => MibObjectKind.Trap,
            "MODULE-COMPLIANCE" => MibObjectKind.Compliance,
            "AGENT-CAPABILITIES" => MibObjectKind.Capabilities,
            _ => MibObjectKind.Group,
        };
        var definition = new ParsedDefinition { Name = name.Text, Kind = kind, Line = name.Line };
        var readsClauses = kind is MibObjectKind.ObjectType or MibObjectKind.Notification or MibObjectKind.Trap or MibObjectKind.Group;
        _p++;
        while (Cur.Kind != MibTokenKind.Assign)
        {
            if (Cur.Kind == MibTokenKind.End || IsDefinitionStart(_p))
                throw new MibParseException(Cur.Line, $"{name.Text}: '::=' expected before {Cur}");
            if (readsClauses && Cur.IsIdentifier && ReadClause(definition))
                continue;
            if (Cur.Is("{") || Cur.Is("(") || Cur.Is("[")) SkipBalanced();
            else _p++;
        }
        _p++;
        if (kind == MibObjectKind.Trap)
        {
            if (Cur.Kind != MibTokenKind.Number)
                throw new MibParseException(Cur.Line, $"{name.Text}: TRAP-TYPE value must be a number, found {Cur}");
            definition.TrapNumber = ParseSubId(Cur);
            _p++;
            if (definition.Enterprise is null)
                throw new MibParseException(name.Line, $"{name.Text}: TRAP-TYPE without ENTERPRISE");
        }
        else
        {
            definition.Value = ParseOidValue();
        }
        return definition;
    }

    /// <summary>Reads one clause the resolver needs; false when the current token starts no such clause.</summary>
    private bool ReadClause(ParsedDefinition definition)
    {
        switch (Cur.Text)
        {
            case "SYNTAX" when definition.Kind == MibObjectKind.ObjectType:
                _p++;
                definition.Syntax = ParseSyntax();
                return true;
            case "INDEX":
                _p++;
                ParseIndex(definition);
                return true;
            case "AUGMENTS":
                _p++;
                definition.Augments = ParseNameList().FirstOrDefault();
                return true;
            case "OBJECTS" or "VARIABLES":
                _p++;
                definition.Objects.AddRange(ParseNameList());
                return true;
            case "ENTERPRISE":
                _p++;
                definition.Enterprise = Cur.Is("{") ? ParseNameList().LastOrDefault() : Cur.Text;
                if (Cur.IsIdentifier) _p++;
                return true;
            case "MAX-ACCESS" or "ACCESS":
                _p++;
                definition.Access = Cur.Text;
                _p++;
                return true;
            case "STATUS":
                _p++;
                definition.Status = Cur.Text;
                _p++;
                return true;
            default:
                return false;
        }
    }

    private void ParseIndex(ParsedDefinition definition)
    {
        if (!Cur.Is("{")) throw new MibParseException(Cur.Line, $"INDEX: expected '{{', found {Cur}");
        _p++;
        var implied = false;
        while (!Cur.Is("}"))
        {
            if (Cur.Kind == MibTokenKind.End) throw new MibParseException(Cur.Line, "INDEX not closed");
            if (Cur.Is("IMPLIED")) implied = true;
            else if (Cur.IsIdentifier)
            {
                // A v1 INDEX may name a type (INTEGER, OCTET STRING, NetworkAddress) instead of an object.
                var text = Cur.Text;
                if ((text == "OCTET" && Peek(1).Is("STRING")) || (text == "OBJECT" && Peek(1).Is("IDENTIFIER")))
                {
                    text += " " + Peek(1).Text;
                    _p++;
                }
                definition.Index.Add(new MibIndex(text, implied));
                implied = false;
            }
            _p++;
        }
        _p++;
    }

    private List<string> ParseNameList()
    {
        if (!Cur.Is("{")) throw new MibParseException(Cur.Line, $"expected '{{', found {Cur}");
        var open = Cur.Line;
        _p++;
        var names = new List<string>();
        while (!Cur.Is("}"))
        {
            if (Cur.Kind == MibTokenKind.End || Cur.Kind == MibTokenKind.Assign)
                throw new MibParseException(open, "list not closed by '}'");
            if (Cur.IsIdentifier) names.Add(Cur.Text);
            _p++;
        }
        _p++;
        return names;
    }

    private ParsedType ParseTextualConvention(MibToken name)
    {
        _p++;
        string? hint = null;
        while (true)
        {
            if (Cur.Kind == MibTokenKind.End || (IsDefinitionStart(_p) && !Cur.Is("SYNTAX")))
                throw new MibParseException(name.Line, $"TEXTUAL-CONVENTION {name.Text} has no SYNTAX");
            if (Cur.Is("DISPLAY-HINT") && Peek(1).Kind == MibTokenKind.QuotedString)
            {
                hint = Peek(1).Text;
                _p += 2;
            }
            else if (Cur.Is("SYNTAX"))
            {
                _p++;
                return new ParsedType(name.Text, ParseSyntax(), hint, true, name.Line);
            }
            else if (Cur.Is("{") || Cur.Is("(")) SkipBalanced();
            else _p++;
        }
    }
}
