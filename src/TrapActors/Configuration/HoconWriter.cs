using System.Globalization;
using System.Text;

namespace TrapActors.Configuration;

/// <summary>
/// Writes HOCON text for Akka.NET configuration: one <c>path = value</c> line a setting, inside nested
/// <c>name { ... }</c> blocks. Strings are always quoted and escaped as HOCON (like JSON) requires, so a Windows
/// path, a quote or a newline in a value reads back as written; path elements are bare when they can be, quoted otherwise.
/// A method given a null value writes nothing, so that the key keeps its value from the configuration below.
/// </summary>
/// <example>
/// <code>
/// var hocon = new HoconWriter().BeginObject("trap-actors")
///     .Strings("listener.endpoints", ["udp:0.0.0.0:162"])
///     .String("usm.state-directory", @"C:\ProgramData\trapactors")
///     .Switch("events.packet-trace", true)
///     .EndObject().ToString();
/// </code>
/// </example>
public sealed class HoconWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Opens <c>path {</c>; every following line is inside it until <see cref="EndObject"/>.</summary>
    public HoconWriter BeginObject(string path)
    {
        Indent().Append(Path(path)).Append(" {\n");
        _depth++;
        return this;
    }

    /// <summary>Closes the innermost <see cref="BeginObject"/>.</summary>
    public HoconWriter EndObject()
    {
        if (_depth == 0)
            throw new InvalidOperationException("EndObject without BeginObject");
        _depth--;
        Indent().Append("}\n");
        return this;
    }

    /// <summary><c>path = "value"</c>, quoted and escaped (<see cref="Quote"/>); nothing for null.</summary>
    public HoconWriter String(string path, string? value) => value is null ? this : Line(path, Quote(value));

    /// <summary><c>path = ["a", "b"]</c>, every item quoted and escaped; <c>[]</c> for none; nothing for null.</summary>
    public HoconWriter Strings(string path, IEnumerable<string>? values) => values is null ? this : Line(path, List(values));

    /// <summary><c>path = on</c> or <c>off</c>; nothing for null.</summary>
    public HoconWriter Switch(string path, bool? value) => value is { } on ? Line(path, on ? "on" : "off") : this;

    /// <summary><c>path = 42</c>; nothing for null.</summary>
    public HoconWriter Number(string path, long? value) =>
        value is { } n ? Line(path, n.ToString(CultureInfo.InvariantCulture)) : this;

    /// <summary><c>path = 1500ms</c> (with a decimal fraction when it is not whole milliseconds: <c>0.5ms</c>); nothing for null.</summary>
    public HoconWriter Duration(string path, TimeSpan? value) => value is { } d ? Line(path, DurationText(d)) : this;

    /// <summary><c>path = "by-subscriber"</c>: the member's <see cref="KebabCase"/> name.</summary>
    public HoconWriter Enum<T>(string path, T value) where T : struct, System.Enum => Line(path, Quote(KebabCase.Of(value)));

    /// <summary><c>path = "by-subscriber"</c>: the member's <see cref="KebabCase"/> name; nothing for null.</summary>
    public HoconWriter Enum<T>(string path, T? value) where T : struct, System.Enum => value is { } v ? Enum(path, v) : this;

    /// <summary>The text written so far (every <see cref="BeginObject"/> should be closed by now).</summary>
    public override string ToString() => _text.ToString();

    /// <summary>
    /// <paramref name="value"/> as a quoted HOCON string: <c>"</c> and <c>\</c> are escaped with a backslash, control
    /// characters as <c>\n</c>, <c>\t</c> ... or <c>\u00XX</c>; everything else (any Unicode) is written as it is.
    /// </summary>
    public static string Quote(string value) => $"\"{Escape(value)}\"";

    /// <summary>
    /// <paramref name="value"/> with <c>"</c> and <c>\</c> escaped by a backslash and control characters as <c>\n</c>,
    /// <c>\t</c> ... or <c>\u00XX</c> (the JSON and HOCON string escapes), without the quotes: also what keeps a line of
    /// text output one line. Invisible format characters (bidirectional overrides and isolates, zero-width characters,
    /// U+2028/U+2029, tags) are escaped as <c>\uXXXX</c> too, so that a sender cannot make a line read other than it is.
    /// </summary>
    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                // Astral format characters (the tags U+E0001-U+E007F) are as invisible as the BMP ones.
                if (Rune.GetUnicodeCategory(new Rune(c, value[i + 1])) == UnicodeCategory.Format)
                    sb.Append(UnicodeEscape(c)).Append(UnicodeEscape(value[i + 1]));
                else
                    sb.Append(c).Append(value[i + 1]);
                i++;
                continue;
            }
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (char.IsControl(c) || IsInvisibleFormat(c))
                        sb.Append(UnicodeEscape(c));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    private static string UnicodeEscape(char c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);

    // Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069), zero-width characters (U+200B-U+200F,
    // U+FEFF), U+2028/U+2029 and the other format characters change what a reader sees without being seen.
    private static bool IsInvisibleFormat(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>One key (a single path element): as it is when it is letters, digits, '-' and '_' only, otherwise <see cref="Quote">quoted</see>.</summary>
    public static string Key(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? key : Quote(key);

    /// <summary>A dotted path ("listener.endpoints"): each element between dots as <see cref="Key"/> writes it.</summary>
    public static string Path(string path) => string.Join('.', path.Split('.').Select(Key));

    /// <summary>A list of quoted strings: <c>["a", "b"]</c>.</summary>
    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";

    private HoconWriter Line(string path, string value)
    {
        Indent().Append(Path(path)).Append(" = ").Append(value).Append('\n');
        return this;
    }

    private StringBuilder Indent() => _text.Append(' ', 2 * _depth);

    // Akka reads a duration's number as a double; ticks / 10000 as a decimal writes it exactly.
    private static string DurationText(TimeSpan d) =>
        ((decimal)d.Ticks / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture) + "ms";
}
