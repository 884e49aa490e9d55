using System.Text;

namespace TrapActors.Configuration;

/// <summary>
/// The kebab-case names of enum members, as the trap-actors configuration takes them
/// (<c>inform.acknowledge = by-subscriber</c>) and the daemon's statistics print them (<c>"unknown-community"</c>).
/// </summary>
/// <remarks>
/// A new word starts at an upper-case letter that follows a lower-case letter or a digit, and at the last upper-case
/// letter of a run that a lower-case letter follows. Digits belong to the word before them. So <c>OnReceipt</c> is
/// <c>on-receipt</c>, <c>Rfc3584</c> is <c>rfc3584</c>, <c>Aes192C</c> is <c>aes192-c</c> and
/// <c>HMACSha256</c> is <c>hmac-sha256</c>.
/// </remarks>
public static class KebabCase
{
    /// <summary>A PascalCase identifier in kebab-case (see the remarks of <see cref="KebabCase"/>).</summary>
    public static string FromPascal(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c) && StartsWord(pascal, i))
                sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>The kebab-case name of an enum member (<c>InformAcknowledgeMode.BySubscriber</c> is <c>by-subscriber</c>).</summary>
    public static string Of<T>(T value) where T : struct, Enum => FromPascal(value.ToString());

    /// <summary>The kebab-case names of every member of <typeparamref name="T"/>, in declaration order.</summary>
    public static IEnumerable<string> Names<T>() where T : struct, Enum => Enum.GetNames<T>().Select(FromPascal);

    /// <summary>
    /// The member of <typeparamref name="T"/> whose kebab-case name is <paramref name="text"/> (any case, dashes
    /// optional); numbers, combinations and undefined values are refused.
    /// </summary>
    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        value = default;
        if (text.Length == 0 || !char.IsAsciiLetter(text[0]) || text.Contains(','))
            return false;
        var pascal = string.Concat(text.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        return Enum.TryParse(pascal, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    private static bool StartsWord(string text, int i)
    {
        var before = text[i - 1];
        if (char.IsLower(before) || char.IsDigit(before))
            return true;
        return char.IsUpper(before) && i + 1 < text.Length && char.IsLower(text[i + 1]);
    }
}
