using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>The real daemon against net-snmp's snmptrap and snmpinform, on loopback with ephemeral ports.</summary>
[Collection(DaemonCollection.Name)]
public sealed class EndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static JsonElement Parse(string line) => JsonDocument.Parse(line).RootElement.Clone();

    private static JsonElement ByTrapOid(IEnumerable<JsonElement> notifications, string trapOid) =>
        Assert.Single(notifications, n => n.GetProperty("trapOid").GetString() == trapOid);

    private static void AssertVarBind(JsonElement vb, string oid, string type, string rawValue, string? hex = null)
    {
        Assert.Equal(oid, vb.GetProperty("oid").GetString());
        Assert.Equal(type, vb.GetProperty("type").GetString());
        Assert.Equal(rawValue, vb.GetProperty("value").GetRawText());
        if (hex is null)
            Assert.False(vb.TryGetProperty("hex", out _), $"{oid} has hex");
        else
            Assert.Equal(hex, vb.GetProperty("hex").GetString());
    }

    private static void AssertRecent(JsonElement n)
    {
        var text = n.GetProperty("receivedAt").GetString()!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", text);
        var at = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(at, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    private static async Task Send(Task<ToolResult> tool)
    {
        var result = await tool;
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    internal static void AssertStats(JsonElement stats, long received, long delivered, long informsAnswered, Dictionary<string, long>? dropped = null)
    {
        Assert.Equal(received, stats.GetProperty("received").GetInt64());
        Assert.Equal(delivered, stats.GetProperty("delivered").GetInt64());
        Assert.Equal(informsAnswered, stats.GetProperty("informsAnswered").GetInt64());
        var expected = new Dictionary<string, long>
        {
            ["malformed"] = 0, ["too-large"] = 0, ["unsupported-version"] = 0, ["unsupported-pdu"] = 0,
            ["unsupported-security"] = 0, ["unknown-community"] = 0, ["session-limit"] = 0, ["no-subscriber"] = 0,
            ["unknown-user"] = 0, ["unsupported-security-level"] = 0, ["wrong-digest"] = 0, ["not-in-time-window"] = 0,
            ["decryption-error"] = 0, ["unknown-engine"] = 0, ["discovery"] = 0, ["subscriber-queue-full"] = 0, ["duplicate-inform"] = 0, ["access-denied"] = 0, ["stopped-while-pending"] = 0, ["session-failed"] = 0,
            ["dtls-queue-full"] = 0, ["policy-timeout"] = 0, ["policy-busy"] = 0, ["output-failed"] = 0, ["format-failed"] = 0,
        };
        foreach (var (reason, count) in dropped ?? [])
            expected[reason] = count;
        Assert.Equal(expected, stats.GetProperty("dropped").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()));
    }

    [Fact]
    public async Task Json_output_for_v2c_and_v1_traps_and_an_inform_then_a_clean_shutdown()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmptrap and snmpinform are required");
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--format", "json");
        var endpoint = Assert.Single(await daemon.WaitForListeningAsync());
        Assert.StartsWith("127.0.0.1:", endpoint);
        var port = await Task.FromResult(int.Parse(endpoint["127.0.0.1:".Length..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(0, port);
        var target = $"127.0.0.1:{port}";

        const string v2Oid = "1.3.6.1.4.1.8072.2.3.0.1";
        const string p = "1.3.6.1.4.1.8072.9999.";
        await Send(NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", target, "12345", v2Oid,
            p + "1", "i", "-42",
            p + "2", "u", "4294967295",
            p + "3", "c", "7",
            p + "4", "s", "h\u00e9llo w\u00f6rld",
            p + "5", "x", "00 ff 10",
            p + "6", "o", "1.3.6.1.4.1.1",
            p + "7", "a", "127.1.2.3",
            p + "8", "t", "999",
            p + "9", "n", "",
            p + "10", "C", "18446744073709551615",
            p + "11", "U", "18446744073709551615",
            p + "12", "d", "1.2.3"));
        await Send(NetSnmpTools.SnmpTrapAsync("-v", "1", "-c", "public", target,
            "1.3.6.1.4.1.8072.3.2.10", "127.1.2.3", "6", "17", "555", "1.3.6.1.2.1.1.1.0", "s", "hi"));
        await Send(NetSnmpTools.SnmpTrapAsync("-v", "1", "-c", "public", target,
            "1.3.6.1.4.1.8072.3.2.10", "127.1.2.4", "2", "0", "556", "1.3.6.1.2.1.2.2.1.1.3", "i", "3"));
        await Send(NetSnmpTools.SnmpInformAsync("-v", "2c", "-c", "public", "-t", "5", "-r", "0", target,
            "777", "1.3.6.1.6.3.1.1.5.1", "1.3.6.1.2.1.1.5.0", "s", "inform"));

        var notifications = (await daemon.ReadStdoutLinesAsync(4, Timeout)).Select(Parse).ToList();

        // v2c trap
        var v2 = ByTrapOid(notifications, v2Oid);
        AssertRecent(v2);
        Assert.StartsWith("127.0.0.1:", v2.GetProperty("source").GetString());
        Assert.Equal("udp", v2.GetProperty("transport").GetString());
        Assert.Equal("v2c", v2.GetProperty("version").GetString());
        Assert.Equal("trap", v2.GetProperty("pdu").GetString());
        Assert.Equal("public", v2.GetProperty("community").GetString());
        Assert.Equal(JsonValueKind.Number, v2.GetProperty("requestId").ValueKind);
        Assert.Equal(12345, v2.GetProperty("uptime").GetInt64());
        Assert.False(v2.TryGetProperty("enterprise", out _));
        var vbs = v2.GetProperty("varbinds").EnumerateArray().ToList();
        Assert.Equal(14, vbs.Count);
        AssertVarBind(vbs[0], "1.3.6.1.2.1.1.3.0", "TimeTicks", "12345");
        AssertVarBind(vbs[1], "1.3.6.1.6.3.1.1.4.1.0", "ObjectIdentifier", $"\"{v2Oid}\"");
        AssertVarBind(vbs[2], p + "1", "Integer32", "-42");
        AssertVarBind(vbs[3], p + "2", "Gauge32", "4294967295");
        AssertVarBind(vbs[4], p + "3", "Counter32", "7");
        Assert.Equal("h\u00e9llo w\u00f6rld", vbs[5].GetProperty("value").GetString());
        Assert.Equal("OctetString", vbs[5].GetProperty("type").GetString());
        Assert.Equal(Convert.ToHexStringLower(Encoding.UTF8.GetBytes("h\u00e9llo w\u00f6rld")), vbs[5].GetProperty("hex").GetString());
        AssertVarBind(vbs[6], p + "5", "OctetString", "null", "00ff10");
        AssertVarBind(vbs[7], p + "6", "ObjectIdentifier", "\"1.3.6.1.4.1.1\"");
        AssertVarBind(vbs[8], p + "7", "IpAddress", "\"127.1.2.3\"");
        AssertVarBind(vbs[9], p + "8", "TimeTicks", "999");
        AssertVarBind(vbs[10], p + "9", "Null", "null");
        AssertVarBind(vbs[11], p + "10", "Counter64", "18446744073709551615");
        Assert.Equal(ulong.MaxValue, vbs[11].GetProperty("value").GetUInt64());
        // net-snmp sends U (unsigned int64) as an Opaque-wrapped opaqueUInt64 (tag 9f 7b).
        AssertVarBind(vbs[12], p + "11", "Opaque", "null", "9f7b0900ffffffffffffffff");
        AssertVarBind(vbs[13], p + "12", "OctetString", "null", "010203");

        // v1 enterprise-specific trap: RFC 3584 trap OID enterprise.0.specific; only the PDU's own varbinds.
        var v1Specific = ByTrapOid(notifications, "1.3.6.1.4.1.8072.3.2.10.0.17");
        AssertRecent(v1Specific);
        Assert.Equal("v1", v1Specific.GetProperty("version").GetString());
        Assert.Equal("trap", v1Specific.GetProperty("pdu").GetString());
        Assert.Equal("public", v1Specific.GetProperty("community").GetString());
        Assert.Equal(0, v1Specific.GetProperty("requestId").GetInt32());
        Assert.Equal(555, v1Specific.GetProperty("uptime").GetInt64());
        Assert.Equal("1.3.6.1.4.1.8072.3.2.10", v1Specific.GetProperty("enterprise").GetString());
        Assert.Equal("127.1.2.3", v1Specific.GetProperty("agentAddress").GetString());
        Assert.Equal(6, v1Specific.GetProperty("genericTrap").GetInt32());
        Assert.Equal(17, v1Specific.GetProperty("specificTrap").GetInt32());
        AssertVarBind(Assert.Single(v1Specific.GetProperty("varbinds").EnumerateArray()), "1.3.6.1.2.1.1.1.0", "OctetString", "\"hi\"", "6869");

        // v1 generic trap linkDown(2): snmpTraps.3
        var v1Generic = ByTrapOid(notifications, "1.3.6.1.6.3.1.1.5.3");
        Assert.Equal("v1", v1Generic.GetProperty("version").GetString());
        Assert.Equal("127.1.2.4", v1Generic.GetProperty("agentAddress").GetString());
        Assert.Equal(2, v1Generic.GetProperty("genericTrap").GetInt32());
        Assert.Equal(0, v1Generic.GetProperty("specificTrap").GetInt32());
        Assert.Equal(556, v1Generic.GetProperty("uptime").GetInt64());
        AssertVarBind(Assert.Single(v1Generic.GetProperty("varbinds").EnumerateArray()), "1.3.6.1.2.1.2.2.1.1.3", "Integer32", "3");

        // inform
        var inform = ByTrapOid(notifications, "1.3.6.1.6.3.1.1.5.1");
        Assert.Equal("inform", inform.GetProperty("pdu").GetString());
        Assert.Equal("v2c", inform.GetProperty("version").GetString());
        Assert.Equal(777, inform.GetProperty("uptime").GetInt64());
        Assert.NotEqual(0, inform.GetProperty("requestId").GetInt32());
        AssertVarBind(inform.GetProperty("varbinds")[2], "1.3.6.1.2.1.1.5.0", "OctetString", "\"inform\"", "696e666f726d");

        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        var stats = daemon.FinalStats();
        AssertStats(stats, received: 4, delivered: 4, informsAnswered: 1);
        Assert.Equal(4, stats.GetProperty("decoded").GetInt64());
        Assert.Equal(4, daemon.StdoutLines.Count);
        Assert.DoesNotContain(daemon.StderrLines, l => l.Contains("public", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IPv6_loopback()
    {
        await using var daemon = DaemonProcess.Start("--listen", "udp:[::1]:0");
        var endpoint = Assert.Single(await daemon.WaitForListeningAsync());
        Assert.Matches(@"^\[::1\]:[1-9]\d*$", endpoint);

        await Send(NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"udp6:{endpoint}", "42", "1.3.6.1.4.1.8072.2.3.0.6",
            "1.3.6.1.4.1.8072.2.3.2.1", "s", "over IPv6"));
        var n = Parse(Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout)));
        Assert.Matches(@"^\[::1\]:\d+$", n.GetProperty("source").GetString());
        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.6", n.GetProperty("trapOid").GetString());
        Assert.Equal("over IPv6", n.GetProperty("varbinds")[2].GetProperty("value").GetString());

        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        AssertStats(daemon.FinalStats(), received: 1, delivered: 1, informsAnswered: 0);
    }

    [Fact]
    public async Task Community_option_replaces_public_and_is_never_logged()
    {
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--community", "s3cret-c0mmunity", "--verbose");
        var target = $"127.0.0.1:{await daemon.WaitForPortAsync()}";

        await Send(NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", target, "1", "1.3.6.1.4.1.8072.2.3.0.1"));
        // A trap with the right community, sent afterwards: once it is printed, the first datagram was read too.
        await Send(NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "s3cret-c0mmunity", target, "2", "1.3.6.1.4.1.8072.2.3.0.2"));
        var n = Parse(Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout)));
        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.2", n.GetProperty("trapOid").GetString());

        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        Assert.Single(daemon.StdoutLines); // nothing for the public trap
        AssertStats(daemon.FinalStats(), received: 2, delivered: 1, informsAnswered: 0, new() { ["unknown-community"] = 1 });
        Assert.Contains(daemon.StderrLines, l => l.Contains(" DBG] ", StringComparison.Ordinal)); // --verbose logs
        Assert.DoesNotContain(daemon.StderrLines, l => l.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Accept_any_community()
    {
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--accept-any-community");
        var target = $"127.0.0.1:{await daemon.WaitForPortAsync()}";
        await Send(NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "whatever", target, "1", "1.3.6.1.4.1.8072.2.3.0.1"));
        var n = Parse(Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout)));
        Assert.Equal("whatever", n.GetProperty("community").GetString());
        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        AssertStats(daemon.FinalStats(), received: 1, delivered: 1, informsAnswered: 0);
    }

    [Fact]
    public async Task Config_file_is_layered_under_the_command_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trapactors-e2e-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(path, """
            trap-actors {
              listener.endpoints = ["udp:127.0.0.1:0"]
              community.accepted = ["from-file"]
            }
            """);
        try
        {
            // No --listen: the file's endpoint is used; its community replaces the default public.
            await using var daemon = DaemonProcess.Start("--config", path, "--format", "text");
            var target = $"127.0.0.1:{await daemon.WaitForPortAsync()}";
            await Send(NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", target, "1", "1.3.6.1.4.1.8072.2.3.0.1"));
            await Send(NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "from-file", target, "2", "1.3.6.1.4.1.8072.2.3.0.2",
                "1.3.6.1.2.1.1.5.0", "s", "text format"));
            var line = Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z 127\.0\.0\.1:\d+ v2c trap 1\.3\.6\.1\.4\.1\.8072\.2\.3\.0\.2 uptime=2 \| ", line);
            Assert.EndsWith("| 1.3.6.1.2.1.1.5.0 = OctetString: \"text format\"", line);
            Assert.DoesNotContain("from-file", line);

            // SIGTERM, as a service manager sends: SIGINT is ignored by a daemon started with it ignored (a background job
            // of a non-interactive shell, as CI may be), which .NET keeps, as a Unix program should.
            Assert.Equal(0, await daemon.StopAsync(timeout: Timeout));
            AssertStats(daemon.FinalStats(), received: 2, delivered: 1, informsAnswered: 0, new() { ["unknown-community"] = 1 });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Several_endpoints_each_print_a_listening_line()
    {
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--listen", "udp:[::1]:0");
        var endpoints = await daemon.WaitForListeningAsync(2);
        Assert.Single(endpoints, e => e.StartsWith("127.0.0.1:", StringComparison.Ordinal));
        Assert.Single(endpoints, e => e.StartsWith("[::1]:", StringComparison.Ordinal));
        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        AssertStats(daemon.FinalStats(), received: 0, delivered: 0, informsAnswered: 0);
    }

    /// <summary>
    /// A burst from one source, then SIGTERM at once: whatever the receiver delivered is on stdout,
    /// in the order sent, and every received datagram is accounted for (delivered or dropped).
    /// </summary>
    [Fact]
    public async Task Shutdown_prints_everything_delivered_even_under_load()
    {
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0");
        var target = new IPEndPoint(IPAddress.Loopback, await daemon.WaitForPortAsync());
        using var udp = new UdpClient(AddressFamily.InterNetwork);

        await udp.SendAsync(V2cTrap(1), target);
        await udp.SendAsync(new byte[] { 0x30, 0x03, 0x02, 0x01 }, target); // malformed
        Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout));

        const int burst = 400;
        for (var i = 2; i <= burst; i++)
            await udp.SendAsync(V2cTrap(i), target);
        daemon.Signal(DaemonProcess.SigTerm);
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));

        var stats = daemon.FinalStats();
        var delivered = stats.GetProperty("delivered").GetInt64();
        Assert.Equal(delivered, daemon.StdoutLines.Count);
        Assert.Equal(stats.GetProperty("received").GetInt64(), delivered + stats.GetProperty("droppedTotal").GetInt64());
        Assert.Equal(1, stats.GetProperty("dropped").GetProperty("malformed").GetInt64());
        // One source, one session: printed in the order sent. (The kernel may drop datagrams when the socket's
        // receive buffer overflows during the burst; those were never received and are not counted.)
        var requestIds = daemon.StdoutLines.Select(l => Parse(l).GetProperty("requestId").GetInt32()).ToList();
        Assert.Equal(1, requestIds[0]);
        Assert.Equal(requestIds.Order(), requestIds);
        Assert.Equal(requestIds.Count, requestIds.Distinct().Count());
    }

    private static byte[] V2cTrap(int requestId)
    {
        var trapOid = Oid.Parse("1.3.6.1.4.1.8072.2.3.0.1");
        var pdu = new Pdu(PduType.TrapV2, requestId, 0, 0,
        [
            new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks((uint)requestId)),
            new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(trapOid)),
            new VarBind(Oid.Parse("1.3.6.1.4.1.8072.2.3.2.1"), SnmpValue.Integer32(requestId)),
        ]);
        return SnmpMessageEncoder.Encode(new CommunityMessage(SnmpVersion.V2c, Encoding.ASCII.GetBytes("public"), pdu));
    }
}
