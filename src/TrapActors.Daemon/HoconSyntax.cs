using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace TrapActors.Daemon;

/// <summary>
/// Akka's HOCON parser accepts much that is broken (an unclosed brace, a key without a value) and silently
/// makes something of it. A configuration file is checked here first, so that such a file is an error.
/// </summary>
public static class HoconSyntax
{
    /// <summary>Null when <paramref name="text"/> is well-formed enough; otherwise what is wrong, with its line.</summary>
    public static string? CheckStructure(string text)
    {
        var open = new Stack<(char Bracket, int Line)>();
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\n':
                    line++;
                    break;
                case '#':
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    while (i + 1 < text.Length && text[i + 1] != '\n')
                        i++;
                    break;
                case '"' when string.CompareOrdinal(text, i, "\"\"\"", 0, 3) == 0:
                {
                    var end = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                    if (end < 0)
                        return $"line {line}: unterminated \"\"\" string";
                    // A triple-quoted string ends at the last of a run of quotes.
                    while (end + 3 < text.Length && text[end + 3] == '"')
                        end++;
                    line += text.AsSpan(i, end + 3 - i).Count('\n');
                    i = end + 2;
                    break;
                }
                case '"':
                {
                    var start = line;
                    for (i++; ; i++)
                    {
                        if (i >= text.Length || text[i] == '\n')
                            return $"line {start}: unterminated string";
                        if (text[i] == '\\')
                            i++;
                        else if (text[i] == '"')
                            break;
                    }
                    break;
                }
                case '{':
                case '[':
                    open.Push((c, line));
                    break;
                case '}':
                case ']':
                {
                    var expected = c == '}' ? '{' : '[';
                    if (open.Count == 0)
                        return $"line {line}: unexpected '{c}'";
                    var (bracket, openedAt) = open.Pop();
                    if (bracket != expected)
                        return $"line {line}: '{c}' does not close the '{bracket}' opened on line {openedAt}";
                    break;
                }
            }
        }
        if (open.Count > 0)
        {
            var (bracket, openedAt) = open.Peek();
            return $"line {openedAt}: '{bracket}' is never closed";
        }
        return null;
    }

    /// <summary>Null when every key of <paramref name="config"/> has a value; otherwise the first key without one.</summary>
    public static string? CheckValues(Config config) => config.Root is { } root ? CheckValue(root, "") : null;

    private static string? CheckValue(HoconValue value, string path)
    {
        if (value.Values.Count == 0)
            return $"no value for '{path}'";
        if (value.IsObject())
        {
            foreach (var (key, child) in value.GetObject().Items)
            {
                if (CheckValue(child, path.Length == 0 ? key : $"{path}.{key}") is { } error)
                    return error;
            }
        }
        else if (value.IsArray())
        {
            var items = value.GetArray();
            for (var i = 0; i < items.Count; i++)
            {
                if (CheckValue(items[i], $"{path}[{i}]") is { } error)
                    return error;
            }
        }
        return null;
    }
}
