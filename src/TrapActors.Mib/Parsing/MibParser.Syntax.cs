using System.Globalization;
using TrapActors.Mib.Lexing;

namespace TrapActors.Mib.Parsing;

/// <summary>SYNTAX: the type, its named numbers or bits, and its range or size constraints.</summary>
internal sealed partial class MibParser
{
    private ParsedSyntax ParseSyntax()
    {
        if (Cur.Is("[")) SkipBalanced();
        if (Cur.Is("IMPLICIT") || Cur.Is("EXPLICIT")) _p++;
        string typeName;
        string? reference = null;
        if (Cur.Is("OCTET") && Peek(1).Is("STRING")) { typeName = "OCTET STRING"; _p += 2; }
        else if (Cur.Is("OBJECT") && Peek(1).Is("IDENTIFIER")) { typeName = "OBJECT IDENTIFIER"; _p += 2; }
        else if (Cur.Is("SEQUENCE") && Peek(1).Is("OF"))
        {
            _p += 2;
            if (!Cur.IsIdentifier) throw new MibParseException(Cur.Line, $"SEQUENCE OF: expected a type, found {Cur}");
            reference = Cur.Text;
            typeName = "SEQUENCE OF " + reference;
            _p++;
        }
        else if (Cur.Is("SEQUENCE") || Cur.Is("CHOICE"))
        {
            typeName = Cur.Text;
            _p++;
            if (Cur.Is("{")) SkipBalanced();
        }
        else if (Cur.IsIdentifier)
        {
            typeName = Cur.Text;
            _p++;
            if (Cur.Is(".") && Peek(1).IsUpperIdentifier) // Module.Type
            {
                typeName = Peek(1).Text;
                _p += 2;
            }
        }
        else
        {
            throw new MibParseException(Cur.Line, $"expected a type, found {Cur}");
        }
        var syntax = new ParsedSyntax(typeName, reference, [], [], [], []);
        if (Cur.Is("{") && typeName != "SEQUENCE" && typeName != "CHOICE")
            ParseNamedNumbers(syntax, typeName == "BITS");
        if (Cur.Is("(")) ParseConstraint(syntax);
        return syntax;
    }

    private void ParseNamedNumbers(ParsedSyntax syntax, bool bits)
    {
        var open = Cur.Line;
        _p++;
        while (!Cur.Is("}"))
        {
            if (Cur.Kind == MibTokenKind.End || Cur.Kind == MibTokenKind.Assign)
                throw new MibParseException(open, "named numbers not closed by '}'");
            if (Cur.IsIdentifier && Peek(1).Is("(") && Peek(2).Kind == MibTokenKind.Number && Peek(3).Is(")"))
            {
                if (!long.TryParse(Peek(2).Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                    throw new MibParseException(Peek(2).Line, $"{Cur.Text}({Peek(2).Text}): number out of range");
                if (bits) syntax.Bits.Add(new((int)Math.Clamp(value, 0, int.MaxValue), Cur.Text));
                else syntax.Enumerations.Add(new(value, Cur.Text));
                _p += 4;
            }
            else if (Cur.Is(",")) _p++;
            else throw new MibParseException(Cur.Line, $"unexpected {Cur} in named numbers");
        }
        _p++;
    }

    private void ParseConstraint(ParsedSyntax syntax)
    {
        _p++;
        if (Cur.Is("SIZE"))
        {
            _p++;
            if (!Cur.Is("(")) throw new MibParseException(Cur.Line, $"SIZE: expected '(', found {Cur}");
            _p++;
            ParseRangeItems(syntax.Sizes);
            if (Cur.Is(")")) _p++;
            else throw new MibParseException(Cur.Line, $"SIZE constraint: expected ')', found {Cur}");
        }
        else
        {
            ParseRangeItems(syntax.Ranges);
        }
    }

    /// <summary>Reads <c>a..b | c</c> up to and including the closing ")".</summary>
    private void ParseRangeItems(List<MibRange> into)
    {
        while (true)
        {
            var min = ParseRangeValue();
            var max = min;
            if (Cur.Kind == MibTokenKind.Range)
            {
                _p++;
                max = ParseRangeValue();
            }
            into.Add(new MibRange(min, max));
            if (Cur.Is("|")) { _p++; continue; }
            if (Cur.Is(")")) { _p++; return; }
            throw new MibParseException(Cur.Line, $"unexpected {Cur} in a range");
        }
    }

    private decimal ParseRangeValue()
    {
        var t = Cur;
        _p++;
        switch (t.Kind)
        {
            case MibTokenKind.Number when decimal.TryParse(t.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n):
                return n;
            case MibTokenKind.HexString when t.Text.Length <= 16:
                return ulong.TryParse(t.Text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h) ? h : 0;
            case MibTokenKind.BinaryString when t.Text.Length <= 64:
                return t.Text.Length == 0 || t.Text.Any(c => c is not ('0' or '1')) ? 0 : Convert.ToUInt64(t.Text, 2);
            case MibTokenKind.Identifier when t.Text == "MIN":
                return long.MinValue;
            case MibTokenKind.Identifier when t.Text == "MAX":
                return ulong.MaxValue;
            default:
                throw new MibParseException(t.Line, $"bad range value {t}");
        }
    }
}
