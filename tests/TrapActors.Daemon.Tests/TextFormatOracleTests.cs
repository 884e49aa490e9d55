using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;
using static TrapActors.Daemon.Tests.Infrastructure.TextOracleMib;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// net-snmp's snmptrapd as the oracle of the text format's varbinds: the same trap, sent by snmptrap to snmptrapd
/// (default output, <c>-M DIRS -m ALL</c>) and to the daemon (<c>--format text</c> with the same <c>--mib-dir</c>s),
/// must print the same <c>NAME = TYPE: VALUE</c> for every varbind. The header lines differ by design.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class TextFormatOracleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // RFC1213-MIB's ifTable and ipAddrTable columns (indexed), sysObjectID, and TEXT-ORACLE-MIB's objects.
    private static readonly string[] VarBinds =
    [
        "1.3.6.1.2.1.2.2.1.7.3", "i", "2",                          // ifAdminStatus.3: enumerated INTEGER
        "1.3.6.1.2.1.2.2.1.2.3", "s", "eth0",                       // ifDescr.3: DisplayString without a hint
        "1.3.6.1.2.1.2.2.1.2.4", "s", "",                           // an empty string
        Text + ".0", "s", "eth \"0\"",                              // DisplayString with its 255a hint
        Mac + ".0", "x", "001a2b3c4d5e",                            // MacAddress: 1x:
        Date + ".0", "x", "07E8030F0D2D1E002B0100",                  // DateAndTime
        Modes + ".0", "x", "8040",                                  // BITS
        State + ".0", "i", "7",                                     // an enumeration's value without a label
        "1.3.6.1.2.1.2.2.1.9.3", "t", "360000123",                  // ifLastChange.3: TimeTicks over days
        "1.3.6.1.2.1.2.2.1.10.3", "c", "42",                        // ifInOctets.3: Counter32
        "1.3.6.1.2.1.2.2.1.5.3", "u", "100",                        // ifSpeed.3: Gauge32
        Big + ".0", "C", "12345678901",                             // Counter64
        "1.3.6.1.2.1.4.20.1.1.10.0.0.1", "a", "10.0.0.1",           // ipAdEntAddr.10.0.0.1: IpAddress
        "1.3.6.1.2.1.1.2.0", "o", "1.3.6.1.4.1.8072.3.2.10",        // sysObjectID.0: an OID value
        "1.3.6.1.2.1.2.2.1.6.3", "x", "0001ff",                     // ifPhysAddress.3 (SMIv1, no hint): Hex-STRING
    ];

    [Fact]
    public async Task Varbinds_in_the_text_format_are_printed_as_snmptrapd_prints_them()
    {
        using var mib = new TextOracleMib();
        using var trapd = await SnmpTrapdProcess.StartAsync(Timeout, mibDirectories: mib.Directories, modules: "ALL");
        var args = mib.Directories.SelectMany(d => new[] { "--mib-dir", d }).Concat(["--listen", "udp:127.0.0.1:0", "--format", "text"]).ToArray();
        await using var daemon = DaemonProcess.Start(args);
        var port = await daemon.WaitForPortAsync(Timeout);

        string[] trap = ["-v", "2c", "-c", "public", "", "4242", Event, .. VarBinds];
        trap[4] = $"{trapd.Endpoint.Address}:{trapd.Endpoint.Port}";
        var toTrapd = await NetSnmpTools.SnmpTrapAsync(trap);
        Assert.True(toTrapd.ExitCode == 0, toTrapd.ToString());
        trap[4] = $"127.0.0.1:{port}";
        var toDaemon = await NetSnmpTools.SnmpTrapAsync(trap);
        Assert.True(toDaemon.ExitCode == 0, toDaemon.ToString());

        // Default format: a header line, then the varbinds on one line separated by tabs.
        var printed = await trapd.ExpectLineAsync(l => l.Contains("snmpTrapOID.0 = ", StringComparison.Ordinal), Timeout);
        var expected = printed.Split('\t');
        var line = Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout));
        var ours = line.Split(" | ")[1..];

        Assert.Equal(2 + VarBinds.Length / 3, expected.Length);
        Assert.Equal(expected, ours);
        // The oracle printed what this test means to cover, so equality above is not a comparison of numbers.
        Assert.Contains("RFC1213-MIB::ifAdminStatus.3 = INTEGER: down(2)", expected);
        Assert.Contains("TEXT-ORACLE-MIB::toMac.0 = STRING: 0:1a:2b:3c:4d:5e", expected);
        Assert.Contains("TEXT-ORACLE-MIB::toModes.0 = BITS: 80 40 first(0) tenth(9) ", expected);
        Assert.Contains(" SNMPv2-MIB::snmpTrapOID.0 = ", " " + expected[1]);
        Assert.Contains(" TEXT-ORACLE-MIB::toEvent uptime=4242", line);
    }
}
