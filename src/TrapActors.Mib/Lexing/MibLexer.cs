using System.Text;

namespace TrapActors.Mib.Lexing;

/// <summary>
/// Splits a MIB file into tokens. Tolerant: an unknown character becomes a one-character symbol, an unterminated
/// string runs to the end of the file; nothing here throws on odd input.
/// </summary>
internal static class MibLexer
{
    public static List<MibToken> Tokenize(string text)
    {
        var tokens = new List<MibToken>(text.Length / 6);
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n') { line++; i++; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && At(text, i + 1) == '-') { i = SkipComment(text, i + 2); continue; }
            var start = i;
            var startLine = line;
            if (c == '"')
            {
                i++;
                var sb = new StringBuilder();
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\n') line++;
                    sb.Append(text[i++]);
                }
                i++;
                tokens.Add(new(MibTokenKind.QuotedString, sb.ToString(), startLine));
                continue;
            }
            if (c == '\'')
            {
                var close = text.IndexOf('\'', i + 1);
                if (close < 0) close = text.Length;
                var body = text[(i + 1)..close];
                var suffix = char.ToUpperInvariant(At(text, close + 1));
                line += body.Count(ch => ch == '\n');
                i = close + (suffix is 'H' or 'B' ? 2 : 1);
                tokens.Add(new(suffix == 'B' ? MibTokenKind.BinaryString : MibTokenKind.HexString,
                    string.Concat(body.Where(char.IsLetterOrDigit)), startLine));
                continue;
            }
            if (char.IsDigit(c) || (c == '-' && char.IsDigit(At(text, i + 1))))
            {
                i++;
                while (i < text.Length && char.IsDigit(text[i])) i++;
                tokens.Add(new(MibTokenKind.Number, text[start..i], startLine));
                continue;
            }
            if (char.IsLetter(c))
            {
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'
                       || (text[i] == '-' && At(text, i + 1) != '-' && (char.IsLetterOrDigit(At(text, i + 1)) || At(text, i + 1) == '_'))))
                    i++;
                tokens.Add(new(MibTokenKind.Identifier, text[start..i], startLine));
                continue;
            }
            if (c == ':' && At(text, i + 1) == ':' && At(text, i + 2) == '=')
            {
                i += 3;
                tokens.Add(new(MibTokenKind.Assign, "::=", startLine));
                continue;
            }
            if (c == '.' && At(text, i + 1) == '.')
            {
                i += 2;
                while (At(text, i) == '.') i++;
                tokens.Add(new(MibTokenKind.Range, "..", startLine));
                continue;
            }
            i++;
            tokens.Add(new(MibTokenKind.Symbol, c.ToString(), startLine));
        }
        tokens.Add(new(MibTokenKind.End, "", line));
        return tokens;
    }

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';

    /// <summary>An ASN.1 comment ends at the end of the line or at the next "--", whichever comes first.</summary>
    private static int SkipComment(string text, int i)
    {
        while (i < text.Length && text[i] != '\n')
        {
            if (text[i] == '-' && At(text, i + 1) == '-') return i + 2;
            i++;
        }
        return i;
    }
}
