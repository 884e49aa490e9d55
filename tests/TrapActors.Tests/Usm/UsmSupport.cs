using System.Collections.Immutable;
using System.Text;
using Akka.TestKit;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// One SNMPv3 user as both sides see it: net-snmp's command-line names (-a/-x) and passwords, and the
/// library's <see cref="UsmUser"/>. The protocol names are mapped here explicitly (not with the library's
/// TryParse) so that a wrong mapping in the library cannot hide behind the test.
/// </summary>
public sealed record V3User(string Name, string? Auth = null, string? AuthPassword = null, string? Priv = null, string? PrivPassword = null)
{
    public SecurityLevel Level => Priv is not null ? SecurityLevel.AuthPriv : Auth is not null ? SecurityLevel.AuthNoPriv : SecurityLevel.NoAuthNoPriv;

    public static string LevelName(SecurityLevel level) => level switch
    {
        SecurityLevel.AuthPriv => "authPriv",
        SecurityLevel.AuthNoPriv => "authNoPriv",
        _ => "noAuthNoPriv",
    };

    /// <summary>The net-snmp arguments (-u, -l, -a, -A, -x, -X) for this user at <paramref name="level"/> (default: its own level).</summary>
    public string[] Args(SecurityLevel? level = null)
    {
        var l = level ?? Level;
        var args = new List<string> { "-u", Name, "-l", LevelName(l) };
        if (l >= SecurityLevel.AuthNoPriv)
            args.AddRange(["-a", Auth ?? "SHA", "-A", AuthPassword ?? "no-auth-password"]);
        if (l == SecurityLevel.AuthPriv)
            args.AddRange(["-x", Priv ?? "AES", "-X", PrivPassword ?? "no-priv-password"]);
        return [.. args];
    }

    public UsmUser ToUsmUser(ImmutableArray<byte> engineId = default) => Level switch
    {
        SecurityLevel.AuthPriv => UsmUser.AuthPriv(Name, AuthOf(Auth!), AuthPassword!, PrivOf(Priv!), PrivPassword!, engineId),
        SecurityLevel.AuthNoPriv => UsmUser.AuthNoPriv(Name, AuthOf(Auth!), AuthPassword!, engineId),
        _ => UsmUser.NoAuth(Name, engineId),
    };

    public static AuthProtocol AuthOf(string netSnmpName) => netSnmpName switch
    {
        "MD5" => AuthProtocol.HmacMd5,
        "SHA" => AuthProtocol.HmacSha1,
        "SHA-224" => AuthProtocol.HmacSha224,
        "SHA-256" => AuthProtocol.HmacSha256,
        "SHA-384" => AuthProtocol.HmacSha384,
        "SHA-512" => AuthProtocol.HmacSha512,
        _ => throw new ArgumentOutOfRangeException(nameof(netSnmpName), netSnmpName, null),
    };

    public static PrivProtocol PrivOf(string netSnmpName) => netSnmpName switch
    {
        "DES" => PrivProtocol.Des,
        "AES" => PrivProtocol.Aes128,
        "AES-192" => PrivProtocol.Aes192,
        "AES-256" => PrivProtocol.Aes256,
        "AES-192-C" => PrivProtocol.Aes192Reeder,
        "AES-256-C" => PrivProtocol.Aes256Reeder,
        _ => throw new ArgumentOutOfRangeException(nameof(netSnmpName), netSnmpName, null),
    };

    public override string ToString() => $"{Name} ({LevelName(Level)} {Auth ?? "-"}/{Priv ?? "-"})";
}

/// <summary>Engine IDs, OIDs and packets shared by the USM tests.</summary>
public static class UsmTestData
{
    public const string LocalEngineHex = "800000000501020304050607";
    public static readonly ImmutableArray<byte> LocalEngine = Engine(LocalEngineHex);

    public const string ValueOid = "1.3.6.1.4.1.8072.9999.3.1";

    /// <summary>
    /// net-snmp tools that run at the same time (this project's tests run classes in parallel) share one persistent
    /// directory; one reading snmpapp.conf while another rewrites it gets a damaged engine state ("buffer too small to
    /// read octet string") and then fails discovery. USM tests keep net-snmp's persistent state out of it.
    /// </summary>
    public static readonly string[] NoPersistentState = ["--noPersistentLoad=1", "--noPersistentSave=1"];
    public static readonly Oid ValueOidParsed = Oid.Parse(ValueOid);

    public static readonly Oid UsmStatsUnknownEngineIds = Oid.Parse("1.3.6.1.6.3.15.1.1.4.0");
    public static readonly Oid UsmStatsUnknownUserNames = Oid.Parse("1.3.6.1.6.3.15.1.1.3.0");

    public static ImmutableArray<byte> Engine(string hex) => [.. Convert.FromHexString(hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex)];

    public static string Hex(ImmutableArray<byte> bytes) => Convert.ToHexStringLower(bytes.AsSpan());

    /// <summary>An RFC 3414 §4 discovery probe: v3, noAuthNoPriv, reportable, empty USM parameters, empty GetRequest.</summary>
    public static byte[] DiscoveryProbe(int messageId, int requestId)
    {
        var message = new V3Message(messageId, 65507, V3MessageFlags.Reportable, SecurityModels.Usm, default,
            new UsmSecurityParameters(ReadOnlyMemory<byte>.Empty, 0, 0, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty),
            new ScopedPdu(ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, new Pdu(PduType.GetRequest, requestId, 0, 0, [])),
            default);
        return SnmpMessageEncoder.Encode(message, out _);
    }

    /// <summary>
    /// A v3 message for <paramref name="user"/> from <paramref name="engineId"/> with a plaintext scoped PDU; with
    /// <see cref="V3MessageFlags.Auth"/> it carries a zero MAC (never valid). Used for users that must be refused at the
    /// user lookup, before any key is touched.
    /// </summary>
    public static byte[] V3Packet(string user, ImmutableArray<byte> engineId, int messageId, V3MessageFlags flags = V3MessageFlags.Auth,
        PduType type = PduType.TrapV2, int engineBoots = 1, int engineTime = 100)
    {
        var pdu = new Pdu(type, messageId, 0, 0,
        [
            new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(1)),
            new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.8072.9999.0.66"))),
        ]);
        var auth = (flags & V3MessageFlags.Auth) != 0 ? new byte[12] : ReadOnlyMemory<byte>.Empty;
        var message = new V3Message(messageId, 65507, flags, SecurityModels.Usm, default,
            new UsmSecurityParameters(engineId.AsMemory(), engineBoots, engineTime, Encoding.UTF8.GetBytes(user), auth, ReadOnlyMemory<byte>.Empty),
            new ScopedPdu(engineId.AsMemory(), ReadOnlyMemory<byte>.Empty, pdu),
            default);
        return SnmpMessageEncoder.Encode(message, out _);
    }

    public static V3Message DecodeV3(byte[] datagram)
    {
        Assert.True(SnmpMessageDecoder.TryDecode(datagram, DecodeLimits.Default, out var message, out var error), $"undecodable reply: {error}");
        return Assert.IsType<V3Message>(message);
    }
}

/// <summary>A receiver with the USM users and policies of the class; helpers to drive net-snmp against it.</summary>
public abstract class UsmSpec : ReceiverSpec
{
    /// <summary>
    /// These tests count key derivations from a start where none ran: the setup's users are hashed on first use only
    /// (usm.hash-before-binding, decision 0038; StartupKeyDerivationTests covers the default).
    /// </summary>
    protected const string NoHashBeforeBinding = "trap-actors.usm.hash-before-binding = 0s";

    /// <summary>The local engine is <see cref="UsmTestData.LocalEngineHex"/> (informs and discovery need a known one); <paramref name="hocon"/> may override it.</summary>
    protected UsmSpec(string hocon, TrapReceiverSetup setup, Xunit.Abstractions.ITestOutputHelper? output = null)
        : base(Setup($"trap-actors.usm.local-engine-id = \"{UsmTestData.LocalEngineHex}\"\n{NoHashBeforeBinding}\n{hocon}", setup), output)
    {
    }

    private string? _target;

    protected async Task<string> TargetAsync() => _target ??= $"127.0.0.1:{(await ReceiverEndPointAsync()).Port}";

    /// <summary>Runs snmptrap -v 3 from <paramref name="user"/> as engine <paramref name="engineHex"/>; snmptrap sends and exits 0.</summary>
    protected async Task SendTrapAsync(V3User user, string engineHex, string value, SecurityLevel? level = null, string? bootsTime = null,
        string trapOid = "1.3.6.1.4.1.8072.9999.0.7", string uptime = "4242")
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var args = new List<string>(UsmTestData.NoPersistentState) { "-v", "3", "-e", engineHex };
        args.AddRange(user.Args(level));
        if (bootsTime is not null)
            args.AddRange(["-Z", bootsTime]);
        args.AddRange([await TargetAsync(), uptime, trapOid, UsmTestData.ValueOid, "s", value]);
        var result = await NetSnmpTools.SnmpTrapAsync([.. args]);
        Assert.True(result.ExitCode == 0, $"snmptrap {string.Join(' ', args)}: {result}");
    }

    /// <summary>Runs snmpinform -v 3 (discovering our engine) from <paramref name="user"/>; returns the tool's result.</summary>
    protected async Task<ToolResult> SendInformAsync(V3User user, string value, string retries = "1", string timeout = "2",
        string trapOid = "1.3.6.1.4.1.8072.9999.0.8", params string[] extra)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var args = new List<string>(UsmTestData.NoPersistentState) { "-v", "3", "-r", retries, "-t", timeout };
        args.AddRange(user.Args());
        args.AddRange(extra);
        args.AddRange([await TargetAsync(), "4242", trapOid, UsmTestData.ValueOid, "s", value]);
        return await NetSnmpTools.SnmpInformAsync([.. args]);
    }

    /// <summary>A subscriber for every notification.</summary>
    protected async Task<TestProbe> SubscriberAsync()
    {
        var probe = CreateTestProbe();
        await SubscribeAsync(probe);
        return probe;
    }

    /// <summary>BadPacketReceived events go to TestActor from now on.</summary>
    protected void WatchBadPackets() => Sys.EventStream.Subscribe(TestActor, typeof(BadPacketReceived));

    protected async Task<BadPacketReceived> ExpectBadPacketAsync(int errorCode, DropReason reason)
    {
        var bad = await ExpectMsgAsync<BadPacketReceived>(TimeSpan.FromSeconds(5));
        Assert.True(errorCode == bad.ErrorCode && reason == bad.Reason, $"expected {errorCode}/{reason}, got {bad}");
        return bad;
    }

    protected static async Task<SnmpNotification> ExpectTrapAsync(TestProbe probe, string user, string value)
    {
        var n = (await probe.ExpectMsgAsync<TrapReceived>(TimeSpan.FromSeconds(5))).Notification;
        Assert.Equal(user, n.Origin.User);
        Assert.Equal(value, ValueText(n));
        return n;
    }

    protected static string? ValueText(SnmpNotification n) =>
        n.ValueOf(UsmTestData.ValueOidParsed) is { } v ? Encoding.UTF8.GetString(v.AsBytes().Span) : null;

    /// <summary>Waits until Dropped[<paramref name="reason"/>] reaches <paramref name="count"/>.</summary>
    protected Task<TrapReceiverStats> AwaitDroppedAsync(DropReason reason, long count) =>
        AwaitStatsAsync(s => s.Dropped.GetValueOrDefault(reason) >= count, $"{reason} >= {count}");

    /// <summary>The USM counters other than key derivations and reports, for exact comparisons.</summary>
    protected static UsmStats Rejections(TrapReceiverStats s) => s.Usm with { KeyDerivations = 0, ReportsSent = 0 };

    /// <summary>Every drop reason is 0 except those given.</summary>
    protected static void AssertOnlyDropped(TrapReceiverStats stats, params (DropReason Reason, long Count)[] expected)
    {
        foreach (var reason in Enum.GetValues<DropReason>())
        {
            var want = expected.Where(e => e.Reason == reason).Select(e => e.Count).FirstOrDefault();
            Assert.True(want == stats.Dropped.GetValueOrDefault(reason), $"Dropped[{reason}] = {stats.Dropped.GetValueOrDefault(reason)}, expected {want}");
        }
    }

    /// <summary>
    /// The message just sent was refused: one BadPacketReceived with <paramref name="errorCode"/>, the drop counters are
    /// exactly <paramref name="drops"/>, the usmStats rejection counters exactly <paramref name="usm"/>, and
    /// <paramref name="subscriber"/> got nothing.
    /// </summary>
    protected async Task<TrapReceiverStats> AssertRefusedAsync(TestProbe subscriber, int errorCode, DropReason reason, UsmStats usm,
        params (DropReason Reason, long Count)[] drops)
    {
        await ExpectBadPacketAsync(errorCode, reason);
        var count = drops.Single(d => d.Reason == reason).Count;
        var stats = await AwaitDroppedAsync(reason, count);
        AssertOnlyDropped(stats, drops);
        Assert.Equal(usm, Rejections(stats));
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150));
        return stats;
    }

    /// <summary>The replies to ShowUsmCache: the entries, then the count announced by UsmCacheShown.</summary>
    protected async Task<List<UsmCacheEntry>> ShowCacheAsync(string? user = null)
    {
        var probe = CreateTestProbe();
        Receiver.Tell(new ShowUsmCache(user), probe.Ref);
        var entries = new List<UsmCacheEntry>();
        while (true)
        {
            var msg = await probe.ExpectMsgAsync<object>(TimeSpan.FromSeconds(5));
            if (msg is UsmCacheShown shown)
            {
                Assert.Equal(entries.Count, shown.Entries);
                return entries;
            }
            entries.Add(Assert.IsType<UsmCacheEntry>(msg));
        }
    }

    protected Task<T> AskAsync<T>(object command) => Receiver.Ask<T>(command, AskTimeout);
}
