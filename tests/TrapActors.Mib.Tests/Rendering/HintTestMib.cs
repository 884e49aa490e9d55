namespace TrapActors.Mib.Tests.Rendering;

/// <summary>
/// A small SMIv2 module of our own with one textual convention per display hint under test, an enumerated INTEGER
/// and a BITS object, all under enterprises.99999 (written to a temporary directory for snmptrapd).
/// </summary>
internal static class HintTestMib
{
    public const string ModuleName = "HINT-TEST-MIB";
    public const string ObjectsOid = "1.3.6.1.4.1.99999.1";
    public const string NotificationOid = "1.3.6.1.4.1.99999.2.0.1";

    /// <summary>(object name, sub-identifier under htObjects, textual convention, its DISPLAY-HINT, its SYNTAX).</summary>
    public static readonly (string Name, int Arc, string Convention, string Hint, string Syntax)[] Hinted =
    [
        ("htMac", 1, "HtMac", "1x:", "OCTET STRING"),
        ("htText", 2, "HtText", "255a", "OCTET STRING"),
        ("htUtf8", 3, "HtUtf8", "255t", "OCTET STRING"),
        ("htDate", 4, "HtDate", "2d-1d-1d,1d:1d:1d.1d,1a1d:1d", "OCTET STRING"),
        ("htIpv4", 5, "HtIpv4", "1d.1d.1d.1d", "OCTET STRING"),
        ("htIpv6", 6, "HtIpv6", "2x:", "OCTET STRING"),
        ("htStar", 7, "HtStar", "*1x:", "OCTET STRING"),
        ("htSpace", 8, "HtSpace", "1x ", "OCTET STRING"),
        ("htGroup", 9, "HtGroup", "*1d./", "OCTET STRING"),
        ("htMixed", 10, "HtMixed", "1d1o2x", "OCTET STRING"),
        ("htCent", 11, "HtCent", "d-2", "Integer32"),
        ("htDec", 12, "HtDec", "d", "Integer32"),
        ("htHex", 13, "HtHex", "x", "Integer32"),
        ("htOct", 14, "HtOct", "o", "Integer32"),
        ("htBin", 15, "HtBin", "b", "Integer32"),
        ("htGaugeCent", 16, "HtGaugeCent", "d-2", "Unsigned32"),
        ("htGaugeHex", 17, "HtGaugeHex", "x", "Unsigned32"),
    ];

    public const int EnumArc = 20;
    public const int BitsArc = 21;

    public static readonly IReadOnlyDictionary<long, string> EnumLabels =
        new Dictionary<long, string> { [1] = "up", [2] = "down", [3] = "testing" };

    public static readonly IReadOnlyDictionary<int, string> BitNames =
        new Dictionary<int, string> { [0] = "first", [1] = "second", [8] = "ninth", [9] = "tenth", [135] = "last" };

    public static string Text()
    {
        var text = new System.Text.StringBuilder();
        text.Append("""
            HINT-TEST-MIB DEFINITIONS ::= BEGIN
            IMPORTS
                MODULE-IDENTITY, OBJECT-TYPE, NOTIFICATION-TYPE, Integer32, Unsigned32, enterprises FROM SNMPv2-SMI
                TEXTUAL-CONVENTION FROM SNMPv2-TC;

            hintTest MODULE-IDENTITY
                LAST-UPDATED "202601010000Z"
                ORGANIZATION "TrapActors"
                CONTACT-INFO "TrapActors tests"
                DESCRIPTION "Display hints, an enumeration and BITS rendered by snmptrapd."
                ::= { enterprises 99999 }

            """);
        foreach (var (_, _, convention, hint, syntax) in Hinted)
            text.Append($"{convention} ::= TEXTUAL-CONVENTION DISPLAY-HINT \"{hint}\" STATUS current DESCRIPTION \"-\" SYNTAX {syntax}\n");
        text.Append("\nhtObjects OBJECT IDENTIFIER ::= { hintTest 1 }\n");
        foreach (var (name, arc, convention, _, _) in Hinted)
            text.Append($"{name} OBJECT-TYPE SYNTAX {convention} MAX-ACCESS read-only STATUS current DESCRIPTION \"-\" ::= {{ htObjects {arc} }}\n");
        var labels = string.Join(", ", EnumLabels.Select(e => $"{e.Value}({e.Key})"));
        var bits = string.Join(", ", BitNames.OrderBy(b => b.Key).Select(b => $"{b.Value}({b.Key})"));
        text.Append($"htEnum OBJECT-TYPE SYNTAX INTEGER {{ {labels} }} MAX-ACCESS read-only STATUS current DESCRIPTION \"-\" ::= {{ htObjects {EnumArc} }}\n");
        text.Append($"htBits OBJECT-TYPE SYNTAX BITS {{ {bits} }} MAX-ACCESS read-only STATUS current DESCRIPTION \"-\" ::= {{ htObjects {BitsArc} }}\n");
        text.Append("htEvent NOTIFICATION-TYPE STATUS current DESCRIPTION \"-\" ::= { hintTest 2 0 1 }\nEND\n");
        return text.ToString();
    }
}
