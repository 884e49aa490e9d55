using TrapActors.Testing;

namespace TrapActors.Daemon.Tests.Infrastructure;

/// <summary>
/// A small MIB module of the tests' own (<c>TEXT-ORACLE-MIB</c>, under enterprises.99977) with the conventions the
/// installed modules do not use on any object (MacAddress, DateAndTime), a hinted DisplayString, BITS, an
/// enumeration and a Counter64, written to a temporary directory; with it, the installed MIB directories.
/// </summary>
internal sealed class TextOracleMib : IDisposable
{
    public const string Objects = "1.3.6.1.4.1.99977.1";
    public const string Mac = Objects + ".1";
    public const string Date = Objects + ".2";
    public const string Modes = Objects + ".3";
    public const string Text = Objects + ".4";
    public const string State = Objects + ".5";
    public const string Big = Objects + ".6";
    public const string Event = "1.3.6.1.4.1.99977.2.1";

    private const string Module = """
        TEXT-ORACLE-MIB DEFINITIONS ::= BEGIN
        IMPORTS
            MODULE-IDENTITY, OBJECT-TYPE, NOTIFICATION-TYPE, Counter64, enterprises FROM SNMPv2-SMI
            MacAddress, DateAndTime, DisplayString FROM SNMPv2-TC;

        textOracle MODULE-IDENTITY
            LAST-UPDATED "202612050000Z"
            ORGANIZATION "TrapActors tests"
            CONTACT-INFO "none"
            DESCRIPTION "Objects of the kinds snmptrapd renders, for the daemon's text format tests."
            ::= { enterprises 99977 }

        toObjects OBJECT IDENTIFIER ::= { textOracle 1 }
        toNotifications OBJECT IDENTIFIER ::= { textOracle 2 }

        toMac OBJECT-TYPE
            SYNTAX MacAddress
            MAX-ACCESS read-only
            STATUS current
            DESCRIPTION "A MAC address."
            ::= { toObjects 1 }

        toDate OBJECT-TYPE
            SYNTAX DateAndTime
            MAX-ACCESS read-only
            STATUS current
            DESCRIPTION "A date."
            ::= { toObjects 2 }

        toModes OBJECT-TYPE
            SYNTAX BITS { first(0), second(1), tenth(9) }
            MAX-ACCESS read-only
            STATUS current
            DESCRIPTION "Some bits."
            ::= { toObjects 3 }

        toText OBJECT-TYPE
            SYNTAX DisplayString
            MAX-ACCESS read-only
            STATUS current
            DESCRIPTION "A text with the 255a hint."
            ::= { toObjects 4 }

        toState OBJECT-TYPE
            SYNTAX INTEGER { up(1), down(2) }
            MAX-ACCESS read-only
            STATUS current
            DESCRIPTION "A state."
            ::= { toObjects 5 }

        toBig OBJECT-TYPE
            SYNTAX Counter64
            MAX-ACCESS read-only
            STATUS current
            DESCRIPTION "A big counter."
            ::= { toObjects 6 }

        toEvent NOTIFICATION-TYPE
            OBJECTS { toMac, toDate, toModes, toText, toState, toBig }
            STATUS current
            DESCRIPTION "The tests' trap."
            ::= { toNotifications 1 }
        END
        """;

    private readonly DirectoryInfo _directory;

    public TextOracleMib()
    {
        _directory = Directory.CreateTempSubdirectory("trapactors-text-mib-");
        File.WriteAllText(Path.Combine(_directory.FullName, "TEXT-ORACLE-MIB.txt"), Module);
        var installed = InstalledMibs.Directories();
        if (!installed.Contains("/usr/share/snmp/mibs") || installed.Count < 2)
            throw new InvalidOperationException($"the MIB directories of libsnmp-base and erlang-snmp are required (found: {string.Join(", ", installed)})");
        Directories = [.. installed, _directory.FullName];
    }

    /// <summary>The installed MIB directories, then the one holding TEXT-ORACLE-MIB.</summary>
    public IReadOnlyList<string> Directories { get; }

    public void Dispose() => _directory.Delete(recursive: true);
}
