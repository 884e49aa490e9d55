using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>The daemon's MIB options (--mib-dir, --mibs, --no-mibs) against net-snmp's snmptrap, with net-snmp's names as the oracle.</summary>
[Collection(DaemonCollection.Name)]
public sealed class MibEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const string ColdStart = "1.3.6.1.6.3.1.1.5.1";
    private const string EnableAuthenTraps = "1.3.6.1.2.1.11.30.0";
    private const string SysDescr = "1.3.6.1.2.1.1.1.0";

    /// <summary>The real MIB directories .ci/run installs: net-snmp's and Erlang's IETF modules.</summary>
    private static IReadOnlyList<string> RealMibDirectories()
    {
        var dirs = InstalledMibs.Directories();
        Assert.True(dirs.Count >= 2, $"the MIB directories of libsnmp-base and erlang-snmp are required (found: {string.Join(", ", dirs)})");
        return dirs;
    }

    /// <summary>The name net-snmp gives <paramref name="oid"/> with the same MIB directories (the oracle).</summary>
    private static async Task<string> SnmpTranslate(IReadOnlyList<string> dirs, string oid) =>
        Assert.Single(await InstalledMibs.TranslateAsync(dirs, "-OS", [oid]));

    private static async Task<JsonElement> SendColdStart(DaemonProcess daemon)
    {
        var port = await daemon.WaitForPortAsync(Timeout);
        var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{port}", "", ColdStart,
            EnableAuthenTraps, "i", "1", SysDescr, "s", "hello");
        Assert.True(sent.ExitCode == 0, sent.ToString());
        var line = Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout));
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    private static JsonElement VarBind(JsonElement n, string oid) =>
        Assert.Single(n.GetProperty("varbinds").EnumerateArray(), vb => vb.GetProperty("oid").GetString() == oid);

    [Fact]
    public async Task Mib_names_in_json_are_net_snmps_names()
    {
        var dirs = RealMibDirectories();
        var args = dirs.SelectMany(d => new[] { "--mib-dir", d }).Concat(["--listen", "udp:127.0.0.1:0"]).ToArray();
        await using var daemon = DaemonProcess.Start(args);
        var loaded = await daemon.WaitForStderrAsync(new Regex(@"^mibs: (\d+) modules, (\d+) objects from (.*)$"), Timeout);
        Assert.Equal(string.Join(", ", dirs), loaded.Groups[3].Value);
        Assert.True(int.Parse(loaded.Groups[1].Value, CultureInfo.InvariantCulture) >= 20, loaded.Value);

        var n = await SendColdStart(daemon);

        Assert.Equal(ColdStart, n.GetProperty("trapOid").GetString());
        Assert.Equal("SNMPv2-MIB::coldStart", n.GetProperty("trapName").GetString());
        Assert.Equal(await SnmpTranslate(dirs, ColdStart), n.GetProperty("trapName").GetString());
        var enable = VarBind(n, EnableAuthenTraps);
        Assert.Equal(await SnmpTranslate(dirs, EnableAuthenTraps), enable.GetProperty("name").GetString());
        Assert.EndsWith("::snmpEnableAuthenTraps.0", enable.GetProperty("name").GetString());
        Assert.Equal("enabled", enable.GetProperty("enum").GetString());
        Assert.Equal(1, enable.GetProperty("value").GetInt32());
        var descr = VarBind(n, SysDescr);
        Assert.Equal(await SnmpTranslate(dirs, SysDescr), descr.GetProperty("name").GetString());
        Assert.Equal("hello", descr.GetProperty("value").GetString());
        Assert.False(descr.TryGetProperty("enum", out _));
        Assert.Equal(await SnmpTranslate(dirs, "1.3.6.1.2.1.1.3.0"), VarBind(n, "1.3.6.1.2.1.1.3.0").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Mib_names_in_text_output()
    {
        var dirs = RealMibDirectories();
        var args = dirs.SelectMany(d => new[] { "--mib-dir", d }).Concat(["--listen", "udp:127.0.0.1:0", "--format", "text"]).ToArray();
        await using var daemon = DaemonProcess.Start(args);
        var port = await daemon.WaitForPortAsync(Timeout);
        var sent = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{port}", "", ColdStart, EnableAuthenTraps, "i", "1");
        Assert.True(sent.ExitCode == 0, sent.ToString());
        var line = Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout));
        var enable = await SnmpTranslate(dirs, EnableAuthenTraps);
        Assert.Contains(" SNMPv2-MIB::coldStart uptime=", line);
        Assert.Contains(" | SNMPv2-MIB::snmpTrapOID.0 = OID: SNMPv2-MIB::coldStart", line);
        Assert.True(line.Contains($" | {enable} = INTEGER: enabled(1)", StringComparison.Ordinal), line);
    }

    [Fact]
    public async Task No_mibs_adds_no_field()
    {
        await using var daemon = DaemonProcess.Start("--no-mibs", "--listen", "udp:127.0.0.1:0");
        var n = await SendColdStart(daemon);
        Assert.False(n.TryGetProperty("trapName", out _));
        foreach (var vb in n.GetProperty("varbinds").EnumerateArray())
            Assert.Equal(["oid", "type", "value"], vb.EnumerateObject().Select(p => p.Name).Where(p => p != "hex"));
        Assert.DoesNotContain(daemon.StderrLines, l => l.StartsWith("mibs:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("trapactors: --mib-dir: '/nonexistent/mibs' is not a directory", "--mib-dir", "/nonexistent/mibs")]
    [InlineData("trapactors: --no-mibs excludes --mib-dir and --mibs", "--no-mibs", "--mibs", "ALL")]
    [InlineData("trapactors: --no-mibs excludes --mib-dir and --mibs", "--mib-dir", "/", "--no-mibs")]
    public async Task Bad_mib_options_exit_2_with_one_line(string expected, params string[] args)
    {
        var (exitCode, stdout, stderr) = await DaemonProcess.RunAsync(Timeout, args);
        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Equal(expected, Assert.Single(stderr));
    }

    [Fact]
    public async Task Start_up_line_then_the_problem_of_a_broken_module()
    {
        var dir = Directory.CreateTempSubdirectory("trapactors-mibs-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "GOOD-MIB.txt"), """
                GOOD-MIB DEFINITIONS ::= BEGIN
                IMPORTS enterprises FROM RFC1155-SMI;
                good OBJECT IDENTIFIER ::= { enterprises 99991 }
                END
                """);
            var broken = Path.Combine(dir.FullName, "BROKEN-MIB.txt");
            await File.WriteAllTextAsync(broken, """
                BROKEN-MIB DEFINITIONS ::= BEGIN
                IMPORTS nothing FROM NO-SUCH-MIB;
                broken OBJECT IDENTIFIER ::= { nothing 1 }
                END
                """);
            await using var daemon = DaemonProcess.Start("--mib-dir", dir.FullName, "--listen", "udp:127.0.0.1:0");
            await daemon.WaitForListeningAsync(timeout: Timeout);
            var lines = daemon.StderrLines;
            var start = lines.ToList().FindIndex(l => l.StartsWith("mibs:", StringComparison.Ordinal));
            Assert.True(start >= 0, daemon.StderrText);
            Assert.Matches($@"^mibs: \d+ modules, \d+ objects from {Regex.Escape(dir.FullName)}$", lines[start]);
            // broken's OID cannot resolve for want of the module: one line says both.
            Assert.Contains($"cannot find module NO-SUCH-MIB, imported at {broken}:2; 1 use of its names unresolved", lines.Skip(start + 1));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
