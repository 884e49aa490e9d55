using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using TrapActors.Configuration;
using TrapActors.Snmp;
using TrapActors.Snmp.Security;

namespace TrapActors.Daemon;

/// <summary>
/// The --users-file: SNMPv3 USM users, one a line in net-snmp's createUser syntax (snmptrapd.conf):
/// <code>createUser [-e ENGINEID] NAME [(MD5|SHA|SHA-224|SHA-256|SHA-384|SHA-512) AUTHPASS [(DES|3DES|AES|AES-192|AES-256|AES-192-C|AES-256-C) [PRIVPASS]]]</code>
/// Without -e the user belongs to any engine; ENGINEID is hex as <see cref="EngineId"/> reads it (0x and ':' optional). PRIVPASS omitted is AUTHPASS
/// (net-snmp's rule); NAME alone is a noAuthNoPriv user. Passwords are at least 8 octets (net-snmp refuses shorter ones).
/// As in net-snmp, a password may be replaced by <c>-m 0xHEX</c>, a master key (Ku, as long as the authentication hash), or
/// <c>-l 0xHEX</c>, a key localized to the -e engine (Kul); a key of the wrong length is refused (error 329), naming the
/// user and the length expected.
/// Lines whose first non-blank character is '#', and blank lines, are ignored. Words are split as net-snmp does
/// (<see cref="NetSnmpConfigLine"/>): on white space, "..." or '...' quote a word, and a backslash takes the next character literally.
/// Errors name the line and never repeat what the file says, except the user name and an option letter: a word
/// in the wrong place may well be a password.
/// </summary>
public static class UsersFile
{
    public const string Directive = "createUser";

    /// <summary>net-snmp's USM_LENGTH_P_MIN.</summary>
    public const int MinPasswordOctets = 8;

    /// <summary>RFC 3414 usmUserName: 1 to 32 octets.</summary>
    public const int MaxUserNameOctets = 32;

    private const string AuthNames = "MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512";
    private const string PrivNames = "DES, 3DES, AES, AES-192, AES-256, AES-192-C or AES-256-C";

    /// <summary>Reads and parses the file. On failure <paramref name="error"/> is one line: "PATH:LINE: reason" or "cannot read users file 'PATH': reason".</summary>
    public static bool TryLoad(string path, out ImmutableArray<UsmUser> users, out string error)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            users = [];
            error = $"cannot read users file '{path}': {DaemonConfig.OneLine(e.Message)}";
            return false;
        }
        return TryParse(text, path, out users, out error);
    }

    /// <summary>Parses the whole text; <paramref name="fileName"/> only prefixes the error ("FILE:LINE: reason").</summary>
    public static bool TryParse(string text, string fileName, out ImmutableArray<UsmUser> users, out string error)
    {
        var lines = text.Split('\n');
        var parsed = ImmutableArray.CreateBuilder<UsmUser>(lines.Length);
        var definedOn = new Dictionary<(string Name, string Engine), int>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            if (!TryParseLine(lines[i].TrimEnd('\r'), out var user, out var reason))
            {
                users = [];
                error = Located(fileName, number, reason);
                return false;
            }
            if (user is null)
                continue;
            var key = (user.Name, EngineId.Format(user.EngineId.AsSpan()));
            if (definedOn.TryGetValue(key, out var previous))
            {
                users = [];
                var engine = user.AnyEngine ? "any engine" : $"engine {key.Item2}";
                error = Located(fileName, number, $"user '{user.Name}' for {engine} is already defined on line {previous.ToString(CultureInfo.InvariantCulture)}");
                return false;
            }
            definedOn.Add(key, number);
            parsed.Add(user);
        }
        users = parsed.ToImmutable();
        error = "";
        return true;
    }

    /// <summary>
    /// One line: a user, or null for a blank or comment line. On failure <paramref name="reason"/> says what is
    /// wrong without the line number.
    /// </summary>
    public static bool TryParseLine(string line, out UsmUser? user, out string reason)
    {
        user = null;
        if (!NetSnmpConfigLine.TrySplit(line, out var words, out reason))
            return false;
        if (words.IsEmpty)
            return true;
        if (!words[0].Equals(Directive, StringComparison.OrdinalIgnoreCase))
        {
            reason = $"expected a {Directive} line";
            return false;
        }

        var at = 1;
        ImmutableArray<byte> engineId = [];
        if (at < words.Length && words[at] == "-e")
        {
            if (at + 1 >= words.Length)
            {
                reason = "-e needs an engine ID";
                return false;
            }
            if (!EngineId.TryParse(words[at + 1], out var parsed, out var why))
            {
                reason = $"bad engine ID after -e: {why}";
                return false;
            }
            engineId = parsed.Octets;
            at += 2;
        }
        if (at < words.Length && words[at].Length > 1 && words[at][0] == '-')
        {
            reason = IsOptionLetter(words[at]) ? $"unknown option {words[at]} (only -e ENGINEID is supported)" : "unknown option (only -e ENGINEID is supported)";
            return false;
        }

        if (at >= words.Length)
        {
            reason = "missing user name";
            return false;
        }
        var name = words[at++];
        if (name.Length == 0)
        {
            reason = "the user name is empty";
            return false;
        }
        if (Encoding.UTF8.GetByteCount(name) > MaxUserNameOctets)
        {
            reason = $"user name '{name}' is longer than {MaxUserNameOctets} octets";
            return false;
        }
        if (at >= words.Length)
            return Create(() => UsmUser.NoAuth(name, engineId), out user, out reason);

        if (!AuthProtocols.TryParse(words[at++], out var auth))
        {
            reason = $"unknown authentication protocol for user '{name}' (expected {AuthNames})";
            return false;
        }
        if (!TryReadSecret(words, ref at, name, "authentication", auth.Name(), out var authSecret, out var authKind, out reason))
            return false;
        if (at >= words.Length)
            return Create(name, authKind, engineId, () => new UsmUser(name, auth, authSecret(), engineId: engineId), out user, out reason);

        if (!PrivProtocols.TryParse(words[at++], out var priv))
        {
            reason = $"unknown privacy protocol for user '{name}' (expected {PrivNames})";
            return false;
        }
        var privSecret = authSecret;
        var privKind = authKind;
        if (at < words.Length && !TryReadSecret(words, ref at, name, "privacy", priv.Name(), out privSecret, out privKind, out reason))
            return false;
        if (at < words.Length)
        {
            var extra = words.Length - at;
            reason = $"unexpected {(extra == 1 ? "word" : $"{extra.ToString(CultureInfo.InvariantCulture)} words")} after the privacy {(privKind == UsmSecretKind.Password ? "password" : "key")} of user '{name}'";
            return false;
        }
        var kind = authKind == UsmSecretKind.LocalizedKey ? authKind : privKind;
        return Create(name, kind, engineId, () => new UsmUser(name, auth, authSecret(), priv, privSecret(), engineId), out user, out reason);
    }

    /// <summary>
    /// A password, or net-snmp's <c>-m 0xHEX</c> (a master key, Ku) or <c>-l 0xHEX</c> (a key localized to the -e engine, Kul).
    /// <paramref name="secret"/> makes a fresh copy at each call (the privacy secret defaults to the authentication one).
    /// </summary>
    private static bool TryReadSecret(ImmutableArray<string> words, ref int at, string name, string purpose, string after,
        out Func<UsmSecret> secret, out UsmSecretKind kind, out string reason)
    {
        secret = null!;
        kind = UsmSecretKind.Password;
        var flag = at < words.Length && words[at] is "-m" or "-l" ? words[at++] : null;
        if (flag is not null)
            kind = flag == "-m" ? UsmSecretKind.MasterKey : UsmSecretKind.LocalizedKey;
        if (at >= words.Length)
        {
            reason = flag is null ? $"missing {purpose} password for user '{name}' after {after}" : $"missing {purpose} key for user '{name}' after {flag}";
            return false;
        }
        var word = words[at++];
        if (flag is null)
        {
            if (!LongEnough(word, purpose, name, out reason))
                return false;
            secret = () => UsmSecret.Password(word);
            return true;
        }
        if (!IsHexKey(word))
        {
            reason = $"the {purpose} key of user '{name}' after {flag} is not hex (0x and an even number of hex digits)";
            return false;
        }
        var master = kind == UsmSecretKind.MasterKey;
        secret = () =>
        {
            var bytes = Convert.FromHexString(word.AsSpan(word.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? 2 : 0));
            try
            {
                return master ? UsmSecret.MasterKey(bytes) : UsmSecret.LocalizedKey(bytes);
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
            }
        };
        reason = "";
        return true;
    }

    private static bool IsHexKey(string word)
    {
        var hex = word.AsSpan(word.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? 2 : 0);
        return hex.Length > 0 && hex.Length % 2 == 0 && !hex.ContainsAnyExcept("0123456789abcdefABCDEF");
    }

    private static bool LongEnough(string password, string kind, string name, out string reason)
    {
        var ok = Encoding.UTF8.GetByteCount(password) >= MinPasswordOctets;
        reason = ok ? "" : $"the {kind} password of user '{name}' is shorter than {MinPasswordOctets} characters (net-snmp refuses it too)";
        return ok;
    }

    private static bool IsOptionLetter(string word) => word.Length == 2 && word[0] == '-' && char.IsAsciiLetter(word[1]);

    private static bool Create(string name, UsmSecretKind kind, ImmutableArray<byte> engineId, Func<UsmUser> create, out UsmUser? user, out string reason)
    {
        if (kind == UsmSecretKind.LocalizedKey && engineId.IsEmpty)
        {
            user = null;
            reason = $"a localized key (-l) belongs to one engine: give user '{name}' its engine with -e ENGINEID";
            return false;
        }
        return Create(create, out user, out reason);
    }

    private static bool Create(Func<UsmUser> create, out UsmUser? user, out string reason)
    {
        try
        {
            user = create();
            reason = "";
            return true;
        }
        catch (ArgumentException e)
        {
            // UsmUser's messages name protocols, limits and lengths, never secrets (a key of the wrong length: error 329).
            user = null;
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            reason = DaemonConfig.OneLine(message);
            return false;
        }
    }

    private static string Located(string fileName, int line, string reason) =>
        $"{fileName}:{line.ToString(CultureInfo.InvariantCulture)}: {reason}";
}
