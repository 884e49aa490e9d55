using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;

namespace TrapActors.Configuration;

/// <summary>
/// Splits one line of a net-snmp style configuration file (snmptrapd.conf's <c>createUser</c>, <c>certSecName</c>)
/// into words, as net-snmp's read_config and copy_nword do:
/// <list type="bullet">
/// <item>a line whose first non-blank character is <c>#</c>, and a blank line, have no words (a <c>#</c> later in a line is an ordinary character);</item>
/// <item>white space separates words;</item>
/// <item><c>"..."</c> or <c>'...'</c> quote a word, which may then hold white space and the other quote;</item>
/// <item>a backslash takes the next character literally, inside quotes and out (<c>\"</c>, <c>\ </c>, <c>\\</c>).</item>
/// </list>
/// A quote that is never closed is an error.
/// </summary>
public static class NetSnmpConfigLine
{
    /// <summary>True for a blank line and a line whose first non-blank character is <c>#</c>.</summary>
    public static bool IsBlankOrComment(string line)
    {
        var trimmed = line.AsSpan().TrimStart();
        return trimmed.IsEmpty || trimmed[0] == '#';
    }

    /// <summary>
    /// The words of <paramref name="line"/>; none for a blank or comment line. On failure (an unterminated quote)
    /// <paramref name="error"/> says so, without repeating the line: it may hold a password.
    /// </summary>
    public static bool TrySplit(string line, out ImmutableArray<string> words, out string error)
    {
        words = [];
        error = "";
        if (IsBlankOrComment(line))
            return true;
        if (line.AsSpan().IndexOfAny('"', '\'', '\\') < 0)
        {
            words = SplitPlain(line);
            return true;
        }
        var found = ImmutableArray.CreateBuilder<string>();
        var word = new StringBuilder();
        var i = 0;
        while (true)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
                i++;
            if (i >= line.Length)
            {
                words = found.ToImmutable();
                return true;
            }
            word.Clear();
            if (line[i] is '"' or '\'')
            {
                var quote = line[i++];
                while (i < line.Length && line[i] != quote)
                    word.Append(Next(line, ref i));
                if (i >= line.Length)
                {
                    error = $"unterminated {quote} quote";
                    return false;
                }
                i++;
            }
            else
            {
                while (i < line.Length && !char.IsWhiteSpace(line[i]))
                    word.Append(Next(line, ref i));
            }
            found.Add(word.ToString());
        }
    }

    /// <summary>A line without quotes or backslashes (most of them): its words, with no builder per word (a users file may have 100,000 lines).</summary>
    private static ImmutableArray<string> SplitPlain(string line)
    {
        var count = 0;
        for (var i = 0; i < line.Length;)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
                i++;
            if (i < line.Length)
                count++;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
                i++;
        }
        var words = new string[count];
        var n = 0;
        for (var i = 0; i < line.Length;)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
                i++;
            var start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
                i++;
            if (i > start)
                words[n++] = line[start..i];
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(words);
    }

    // One character of a word: a backslash stands for the character after it (a backslash at the end is itself).
    private static char Next(string line, ref int i)
    {
        if (line[i] == '\\' && i + 1 < line.Length)
            i++;
        return line[i++];
    }
}
