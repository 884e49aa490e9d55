using System.Text.Json;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>The real daemon with an SNMPv3 users file, against net-snmp's snmptrap and snmpinform on loopback.</summary>
[Collection(DaemonCollection.Name)]
public sealed class UsmEndToEndTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private const string LocalEngineId = "800000000501020304050607";
    private const string AliceEngine = "8000000001020304";
    private const string BobEngine = "8000000001020305";
    private const string CarolEngine = "8000000001020306";

    private const string AliceAuth = "alice-auth-pw";
    private const string AlicePriv = "alice-priv-pw";
    private const string BobAuth = "bob-auth-pw1";
    private const string DaveAuth = "dave-auth-pw";
    private const string WrongAuth = "wrong-auth-pw";

    private static readonly string[] Secrets = [AliceAuth, AlicePriv, BobAuth, DaveAuth, WrongAuth];

    private readonly string _dir = Directory.CreateTempSubdirectory("trapactors-usm-e2e-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string UsersFile()
    {
        var path = Path.Combine(_dir, "users.conf");
        File.WriteAllText(path, $"""
            # SNMPv3 users of the end-to-end test
            createUser -e 0x{AliceEngine} alice SHA-256 {AliceAuth} AES {AlicePriv}

            createUser bob MD5 {BobAuth}
            createUser carol
            # dave sends informs: his authoritative engine is this receiver; no PRIVPASS, so it is the AUTHPASS
            createUser -e {LocalEngineId} dave SHA {DaveAuth} AES
            """);
        return path;
    }

    private static JsonElement Parse(string line) => JsonDocument.Parse(line).RootElement.Clone();

    private static JsonElement ByTrapOid(IEnumerable<JsonElement> notifications, string trapOid) =>
        Assert.Single(notifications, n => n.GetProperty("trapOid").GetString() == trapOid);

    private static async Task Send(Task<ToolResult> tool)
    {
        var result = await tool;
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <param name="contextEngineId">null: whatever the sender chose (net-snmp's default is its own engine), as hex.</param>
    private static void AssertV3(JsonElement n, string pdu, string user, string level, string engineId, string? contextEngineId, string contextName)
    {
        Assert.Equal("v3", n.GetProperty("version").GetString());
        Assert.Equal(pdu, n.GetProperty("pdu").GetString());
        Assert.Equal("udp", n.GetProperty("transport").GetString());
        Assert.StartsWith("127.0.0.1:", n.GetProperty("source").GetString());
        Assert.Equal(user, n.GetProperty("user").GetString());
        Assert.Equal(level, n.GetProperty("securityLevel").GetString());
        Assert.Equal(engineId, n.GetProperty("engineId").GetString());
        if (contextEngineId is null)
            Assert.Matches("^([0-9a-f]{2}){5,32}$", n.GetProperty("contextEngineId").GetString());
        else
            Assert.Equal(contextEngineId, n.GetProperty("contextEngineId").GetString());
        Assert.Equal(contextName, n.GetProperty("contextName").GetString());
        Assert.False(n.TryGetProperty("community", out _), "a v3 notification has no community");
    }

    private static void AssertNoSecret(DaemonProcess daemon)
    {
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(daemon.StderrLines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(daemon.StdoutLines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Users_file_authPriv_authNoPriv_noAuthNoPriv_traps_an_inform_and_a_wrong_password()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmptrap and snmpinform are required");
        var state = Path.Combine(_dir, "state");
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--users-file", UsersFile(),
            "--engine-id", LocalEngineId, "--state-dir", state, "--verbose");
        var target = $"127.0.0.1:{await daemon.WaitForPortAsync(Timeout)}";
        Assert.Equal((LocalEngineId, 1), await daemon.WaitForEngineAsync(Timeout));

        // Sent first: the same socket reads datagrams in order, so it is read before the ones that get printed.
        await Send(NetSnmpTools.SnmpTrapAsync("-v", "3", "-l", "authPriv", "-u", "alice", "-a", "SHA-256", "-A", WrongAuth,
            "-x", "AES", "-X", AlicePriv, "-e", "0x" + AliceEngine, target, "1", "1.3.6.1.6.3.1.1.5.5"));

        await Send(NetSnmpTools.SnmpTrapAsync("-v", "3", "-l", "authPriv", "-u", "alice", "-a", "SHA-256", "-A", AliceAuth,
            "-x", "AES", "-X", AlicePriv, "-e", "0x" + AliceEngine, "-E", "0x80000000010203ff", "-n", "trap-context", target,
            "4242", "1.3.6.1.6.3.1.1.5.3",
            "1.3.6.1.2.1.2.2.1.1.3", "i", "3",
            "1.3.6.1.2.1.1.5.0", "s", "v3 authPriv"));
        await Send(NetSnmpTools.SnmpTrapAsync("-v", "3", "-l", "authNoPriv", "-u", "bob", "-a", "MD5", "-A", BobAuth,
            "-e", "0x" + BobEngine, target, "43", "1.3.6.1.6.3.1.1.5.4", "1.3.6.1.2.1.2.2.1.1.4", "i", "4"));
        await Send(NetSnmpTools.SnmpTrapAsync("-v", "3", "-l", "noAuthNoPriv", "-u", "carol",
            "-e", "0x" + CarolEngine, target, "44", "1.3.6.1.6.3.1.1.5.1"));
        // No -e: snmpinform discovers this receiver's engine first. dave's privacy password is his authentication password.
        await Send(NetSnmpTools.SnmpInformAsync("-v", "3", "-l", "authPriv", "-u", "dave", "-a", "SHA", "-A", DaveAuth,
            "-x", "AES", "-X", DaveAuth, "-r", "1", "-t", "2", target, "45", "1.3.6.1.6.3.1.1.5.2", "1.3.6.1.2.1.1.5.0", "s", "v3 inform"));

        var notifications = (await daemon.ReadStdoutLinesAsync(4, Timeout)).Select(Parse).ToList();

        var alice = ByTrapOid(notifications, "1.3.6.1.6.3.1.1.5.3");
        AssertV3(alice, "trap", "alice", "authPriv", AliceEngine, "80000000010203ff", "trap-context");
        Assert.Equal(4242, alice.GetProperty("uptime").GetInt64());
        Assert.NotEqual(0, alice.GetProperty("requestId").GetInt32());
        var vbs = alice.GetProperty("varbinds").EnumerateArray().ToList();
        Assert.Equal(4, vbs.Count);
        Assert.Equal("1.3.6.1.2.1.2.2.1.1.3", vbs[2].GetProperty("oid").GetString());
        Assert.Equal(3, vbs[2].GetProperty("value").GetInt32());
        Assert.Equal("v3 authPriv", vbs[3].GetProperty("value").GetString());

        // Without -E and -n: net-snmp puts its own engine ID as the context engine; the context name is empty.
        var bob = ByTrapOid(notifications, "1.3.6.1.6.3.1.1.5.4");
        AssertV3(bob, "trap", "bob", "authNoPriv", BobEngine, null, "");
        Assert.Equal(4, bob.GetProperty("varbinds")[2].GetProperty("value").GetInt32());

        var carol = ByTrapOid(notifications, "1.3.6.1.6.3.1.1.5.1");
        AssertV3(carol, "trap", "carol", "noAuthNoPriv", CarolEngine, null, "");

        // An inform's authoritative engine is the receiver.
        var dave = ByTrapOid(notifications, "1.3.6.1.6.3.1.1.5.2");
        AssertV3(dave, "inform", "dave", "authPriv", LocalEngineId, null, "");
        Assert.Equal("v3 inform", dave.GetProperty("varbinds")[2].GetProperty("value").GetString());

        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        Assert.Equal(4, daemon.StdoutLines.Count); // nothing for the wrong password
        Assert.DoesNotContain(daemon.StdoutLines, l => l.Contains("1.3.6.1.6.3.1.1.5.5", StringComparison.Ordinal));

        // received: 4 delivered, the wrong password, and snmpinform's engine-discovery probe (answered with a Report).
        var stats = daemon.FinalStats();
        EndToEndTests.AssertStats(stats, received: 6, delivered: 4, informsAnswered: 1, new() { ["wrong-digest"] = 1, ["discovery"] = 1 });
        Assert.Equal(6, stats.GetProperty("decoded").GetInt64());
        var usm = stats.GetProperty("usm");
        Assert.Equal(1, usm.GetProperty("wrongDigests").GetInt64());
        Assert.Equal(1, usm.GetProperty("unknownEngineIds").GetInt64()); // the probe: RFC 3414 §3.2 step 3 counts it there
        Assert.Equal(1, usm.GetProperty("reportsSent").GetInt64());
        Assert.Equal(0, usm.GetProperty("unknownUserNames").GetInt64());
        Assert.Equal(0, usm.GetProperty("unsupportedSecLevels").GetInt64());
        Assert.Equal(0, usm.GetProperty("notInTimeWindows").GetInt64());
        Assert.Equal(0, usm.GetProperty("decryptionErrors").GetInt64());
        Assert.True(usm.GetProperty("keyDerivations").GetInt64() >= 4, stats.ToString()); // at least one per user with a password

        Assert.Contains(daemon.StderrLines, l => l.Contains(" DBG] ", StringComparison.Ordinal)); // --verbose logs were checked too
        AssertNoSecret(daemon);
        Assert.True(File.Exists(Path.Combine(state, "engine-state")), "the engine state is kept in --state-dir");
    }

    [Fact]
    public async Task Engine_boots_grow_across_restarts_with_the_same_state_directory()
    {
        var state = Path.Combine(_dir, "state");

        async Task<(string EngineId, int Boots)> RunOnce(params string[] extra)
        {
            await using var daemon = DaemonProcess.Start(["--listen", "udp:127.0.0.1:0", "--state-dir", state, .. extra]);
            await daemon.WaitForPortAsync(Timeout);
            var engine = await daemon.WaitForEngineAsync(Timeout);
            Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
            return engine;
        }

        Assert.Equal((LocalEngineId, 1), await RunOnce("--engine-id", LocalEngineId));
        Assert.Equal((LocalEngineId, 2), await RunOnce("--engine-id", "0x" + LocalEngineId));
        // Without --engine-id the saved engine ID is kept.
        Assert.Equal((LocalEngineId, 3), await RunOnce());
        // Another engine ID starts again at 1 (RFC 3414 §2.2.2 counts boots per engine ID).
        Assert.Equal(("8000000005aabbccdd", 1), await RunOnce("--engine-id", "8000000005AABBCCDD"));
        Assert.Equal(("8000000005aabbccdd", 2), await RunOnce());
    }

    [Fact]
    public async Task Without_a_state_directory_a_generated_engine_id_and_boots_1()
    {
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0");
        await daemon.WaitForPortAsync(Timeout);
        var (engineId, boots) = await daemon.WaitForEngineAsync(Timeout);
        Assert.Equal(1, boots);
        Assert.InRange(engineId.Length, 10, 64);
        Assert.StartsWith("8", engineId); // RFC 3411 format: the high bit of the first octet is set
        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
    }

    [Fact]
    public async Task A_user_unknown_to_the_file_is_dropped_and_counted()
    {
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--users-file", UsersFile(), "--state-dir", Path.Combine(_dir, "state"));
        var target = $"127.0.0.1:{await daemon.WaitForPortAsync(Timeout)}";
        await Send(NetSnmpTools.SnmpTrapAsync("-v", "3", "-l", "authNoPriv", "-u", "mallory", "-a", "MD5", "-A", BobAuth,
            "-e", "0x" + BobEngine, target, "1", "1.3.6.1.6.3.1.1.5.5"));
        // bob at authNoPriv, sent afterwards from the same kind of peer: once printed, mallory's trap was read.
        await Send(NetSnmpTools.SnmpTrapAsync("-v", "3", "-l", "authNoPriv", "-u", "bob", "-a", "MD5", "-A", BobAuth,
            "-e", "0x" + BobEngine, target, "2", "1.3.6.1.6.3.1.1.5.4"));
        var n = Parse(Assert.Single(await daemon.ReadStdoutLinesAsync(1, Timeout)));
        Assert.Equal("bob", n.GetProperty("user").GetString());

        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        Assert.Single(daemon.StdoutLines);
        var stats = daemon.FinalStats();
        EndToEndTests.AssertStats(stats, received: 2, delivered: 1, informsAnswered: 0, new() { ["unknown-user"] = 1 });
        Assert.Equal(1, stats.GetProperty("usm").GetProperty("unknownUserNames").GetInt64());
        AssertNoSecret(daemon);
    }
}
