using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using Akka.Configuration;
using Akka.Event;
using TrapActors.Security;
using TrapActors.Sessions;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Security;

/// <summary>The secrets these tests plant, and every printable form of them that must never show up.</summary>
internal static class PlantedSecrets
{
    public const string Community = "c0mmunity-S3CRET";
    public const string WrongCommunity = "wr0ng-c0mmunity-GUESS";
    public const string AuthPassword = "auth-pa55-S3CRET";
    public const string PrivPassword = "priv-pa55-S3CRET";
    public const string WrongPassword = "wr0ng-pa55-GUESS";
    public const string EngineHex = "8000000001020399";

    public static readonly ImmutableArray<byte> AuthKeyBytes = [.. Convert.FromHexString("00112233445566778899aabbccddeeff0123456789abcdef")];

    /// <summary>The passwords, communities and keys as text, hex (either case) and the keys derived from the passwords.</summary>
    public static readonly ImmutableArray<string> All = Forms();

    public static UsmUser User(string name = "hygiene") =>
        UsmUser.AuthPriv(name, AuthProtocol.HmacSha256, AuthPassword, PrivProtocol.Aes128, PrivPassword);

    /// <summary>The first secret <paramref name="text"/> contains, or null.</summary>
    public static string? FoundIn(string? text) => text is null ? null : All.FirstOrDefault(s => text.Contains(s, StringComparison.OrdinalIgnoreCase));

    private static ImmutableArray<string> Forms()
    {
        var engine = Convert.FromHexString(EngineHex);
        var keys = new List<byte[]> { AuthKeyBytes.ToArray() };
        foreach (var password in new[] { AuthPassword, PrivPassword })
        {
            var master = UsmKeys.PasswordToKey(AuthProtocol.HmacSha256, password);
            keys.Add(master);
            keys.Add(UsmKeys.Localize(AuthProtocol.HmacSha256, master, engine));
        }
        var texts = new List<string> { Community, WrongCommunity, AuthPassword, PrivPassword, WrongPassword };
        texts.AddRange(texts.ToList().Select(t => Convert.ToHexString(Encoding.UTF8.GetBytes(t))));
        // 8 bytes of a key are enough to recognise it in any hex dump.
        texts.AddRange(keys.Select(k => Convert.ToHexString(k.AsSpan(0, 8))));
        texts.AddRange(keys.Select(k => Convert.ToBase64String(k.AsSpan(0, 9))));
        return [.. texts];
    }
}

/// <summary>No ToString, exception or debugger view of a type that holds a community, password or key shows it.</summary>
public sealed class SecretHygieneTests
{
    private static void AssertClean(object? value, string what)
    {
        var text = value?.ToString();
        Assert.False(string.IsNullOrEmpty(text), $"{what} printed nothing: the test would prove nothing");
        var found = PlantedSecrets.FoundIn(text);
        Assert.True(found is null, $"{what} prints a secret ({found}): {text}");
    }

    private static NotificationOrigin CommunityOrigin() =>
        new NotificationOrigin(new IPEndPoint(IPAddress.Loopback, 1234), "udp", SnmpVersion.V2c, SecurityLevel.NoAuthNoPriv) { Community = PlantedSecrets.Community, LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 162) };

    private static SnmpNotification Notification() =>
        new(NotificationKind.Inform, Oid.Parse("1.3.6.1.6.3.1.1.5.3"), 42, [], CommunityOrigin(), DateTimeOffset.UnixEpoch);

    public static TheoryData<string> Printables() => new(Printed.Keys);

    private static readonly Dictionary<string, Func<object>> Printed = new()
    {
        ["UsmSecret (password)"] = () => UsmSecret.Password(PlantedSecrets.AuthPassword),
        ["UsmSecret (key)"] = () => UsmSecret.LocalizedKey(PlantedSecrets.AuthKeyBytes.AsSpan()),
        ["UsmUser (passwords)"] = () => PlantedSecrets.User(),
        ["UsmUser (keys)"] = () => new UsmUser("keyed", AuthProtocol.HmacSha1, UsmSecret.MasterKey(PlantedSecrets.AuthKeyBytes.AsSpan(0, 20)),
            PrivProtocol.Aes192, UsmSecret.LocalizedKey(PlantedSecrets.AuthKeyBytes.AsSpan()), [.. Convert.FromHexString(PlantedSecrets.EngineHex)]),
        ["UsmUser with a minimum level"] = () => PlantedSecrets.User() with { MinimumLevel = SecurityLevel.AuthPriv },
        ["AddUsmUser"] = () => new AddUsmUser(PlantedSecrets.User()),
        ["UsmPasswordHashRequest"] = () => new UsmPasswordHashRequest("hygiene", AuthProtocol.HmacSha256, false, PlantedSecrets.AuthPassword),
        ["UsmPasswordHashed"] = () => new UsmPasswordHashed("hygiene", AuthProtocol.HmacSha256, true, PlantedSecrets.PrivPassword, PlantedSecrets.AuthKeyBytes),
        ["UsmCacheEntry (show-passwords on)"] = () => new UsmCacheEntry([], 1, 2, "hygiene", "SHA-256", PlantedSecrets.AuthPassword, "AES", PlantedSecrets.PrivPassword),
        ["TrapReceiverSetup"] = () => new TrapReceiverSetup { Communities = [PlantedSecrets.Community], Users = [PlantedSecrets.User()] },
        ["CommunitySettings"] = () => new CommunitySettings { Accepted = [PlantedSecrets.Community] },
        ["TrapReceiverSettings"] = () => new TrapReceiverSettings { Community = new CommunitySettings { Accepted = [PlantedSecrets.Community] } },
        ["CommunityMessage"] = () => Packets.V2Message(PduType.TrapV2, "1.3.6.1.6.3.1.1.5.3", 1, PlantedSecrets.Community),
        ["CommunityFrame"] = () => new CommunityFrame(SnmpVersion.V2c, Encoding.UTF8.GetBytes(PlantedSecrets.Community),
            PduFrame.From(Packets.V2Message(PduType.TrapV2, "1.3.6.1.6.3.1.1.5.3", 1).Pdu)),
        ["NotificationOrigin"] = CommunityOrigin,
        ["SnmpNotification"] = Notification,
        ["TrapReceived"] = () => new TrapReceived(Notification()),
        ["InformReceived"] = () => new InformReceived(Notification(), InformAcknowledgement.AlreadySent),
        ["BadPacketReceived"] = () => new BadPacketReceived(Packets.V2Trap(community: PlantedSecrets.WrongCommunity), new IPEndPoint(IPAddress.Loopback, 1),
            TrapReceiverErrorCodes.BadPacket, "V2c community not accepted", DropReason.UnknownCommunity),
        ["PacketTraced"] = () => new PacketTraced(PacketDirection.Incoming, Packets.V2Trap(community: PlantedSecrets.Community), new IPEndPoint(IPAddress.Loopback, 1)),
        ["CommunityAuthorizer"] = () => new CommunityAuthorizer([PlantedSecrets.Community], false),
        ["UserKeys"] = () => new UserKeys(AuthProtocol.HmacSha1, PlantedSecrets.AuthKeyBytes.ToArray(), PrivProtocol.Aes128, PlantedSecrets.AuthKeyBytes.ToArray()),
        ["UsmUserEntry"] = () => UsmUserEntry.Create(PlantedSecrets.User(), () => { }),
        ["TrapReceiverStats"] = () => new TrapReceiverStats(1, 1, 0, 0, ImmutableDictionary<DropReason, long>.Empty.Add(DropReason.UnknownCommunity, 1), 1),
    };

    [Theory]
    [MemberData(nameof(Printables))]
    public void ToString_shows_no_secret(string what) => AssertClean(Printed[what](), what);

    [Fact]
    public void The_debugger_is_not_shown_the_bytes_of_a_secret_or_key()
    {
        var derivedKeys = typeof(UsmUserEntry).GetNestedType("DerivedKeys", BindingFlags.NonPublic)!;
        (Type Type, string Member)[] hidden =
        [
            (typeof(UsmSecret), "_value"), (typeof(UsmSecret), "Value"),
            (typeof(UserKeys), nameof(UserKeys.AuthKey)), (typeof(UserKeys), nameof(UserKeys.PrivKey)),
            (typeof(UsmUserEntry), "_keys"),
            (derivedKeys, "AuthMaster"), (derivedKeys, "PrivMaster"), (derivedKeys, "EngineKeys"),
        ];
        foreach (var (type, name) in hidden)
        {
            var member = type.GetMember(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Single();
            var browsable = member.GetCustomAttribute<DebuggerBrowsableAttribute>();
            Assert.True(browsable?.State == DebuggerBrowsableState.Never, $"{type.Name}.{name} is browsable in a debugger");
        }
    }

    [Fact]
    public void Invalid_users_are_refused_without_naming_their_secrets()
    {
        Action[] invalid =
        [
            () => _ = new UsmUser("", AuthProtocol.HmacSha1, UsmSecret.Password(PlantedSecrets.AuthPassword)),
            () => _ = new UsmUser("x", AuthProtocol.None, null, PrivProtocol.Aes128, UsmSecret.Password(PlantedSecrets.PrivPassword)),
            () => _ = new UsmUser("x", AuthProtocol.HmacSha1, UsmSecret.Password(PlantedSecrets.AuthPassword), PrivProtocol.Aes128),
            () => _ = new UsmUser("x", AuthProtocol.HmacSha1, UsmSecret.LocalizedKey(PlantedSecrets.AuthKeyBytes.AsSpan())),
            () => _ = new UsmUser("x", AuthProtocol.HmacSha1, UsmSecret.LocalizedKey(PlantedSecrets.AuthKeyBytes.AsSpan()), engineId: [.. Convert.FromHexString(PlantedSecrets.EngineHex)]),
            () => _ = new UsmUser("x", AuthProtocol.HmacMd5, UsmSecret.MasterKey(PlantedSecrets.AuthKeyBytes.AsSpan())),
            () => _ = new UsmUser(new string('u', 33), AuthProtocol.HmacSha1, UsmSecret.Password(PlantedSecrets.AuthPassword)),
        ];
        foreach (var create in invalid)
        {
            var e = Assert.ThrowsAny<ArgumentException>(create);
            AssertClean(e.Message, "the exception");
        }
    }

    /// <summary>
    /// A community put where a list of strings or a switch belongs: the settings error names the key and does not
    /// repeat the value, and a string or a list of objects is refused rather than read as an empty list.
    /// </summary>
    [Theory]
    [InlineData("trap-actors.community.accept-any = \"c0mmunity-S3CRET\"")]
    [InlineData("trap-actors.community.accepted = \"c0mmunity-S3CRET\"")]
    [InlineData("trap-actors.community.accepted = [ { name = \"c0mmunity-S3CRET\" } ]")]
    public void A_bad_setting_holding_a_secret_is_reported_without_it(string hocon)
    {
        var e = Assert.ThrowsAny<Exception>(() => TrapReceiverSettings.Create(ConfigurationFactory.ParseString(hocon)));

        Assert.Contains("trap-actors.community.", e.Message);
        AssertClean(e.Message, "the configuration error");
    }

    [Fact]
    public void Removing_a_user_entry_zeroes_every_copy_of_its_keys_but_not_the_callers_user()
    {
        var user = UsmUser.AuthPriv("engine-bound", AuthProtocol.HmacSha1, PlantedSecrets.AuthPassword, PrivProtocol.Aes128, PlantedSecrets.PrivPassword,
            [.. Convert.FromHexString(PlantedSecrets.EngineHex)]);
        var entry = UsmUserEntry.Create(user, () => { });
        var keys = entry.EngineKeys!;
        byte[][] held = [keys.AuthKey, keys.PrivKey!, entry.PrivMasterKey];
        Assert.All(held, k => Assert.Contains(k, b => b != 0));

        entry.Retire();

        Assert.All(held, k => Assert.DoesNotContain(k, b => b != 0));
        Assert.DoesNotContain(entry.User.AuthSecret!.Value.ToArray(), b => b != 0);
        Assert.DoesNotContain(entry.User.PrivSecret!.Value.ToArray(), b => b != 0);
        Assert.Equal(PlantedSecrets.AuthPassword, Encoding.UTF8.GetString(user.AuthSecret!.Value));
    }

    /// <summary>
    /// An engine ID is the sender's to choose before anything is authenticated: keys localized on the fly for a user of
    /// any engine must not include the privacy key (a megabyte of hashing with the Reeder extension) until it is used.
    /// </summary>
    [Fact]
    public void Keys_localized_on_the_fly_derive_the_privacy_key_only_when_it_is_used()
    {
        var derivations = 0;
        var user = UsmUser.AuthPriv("reeder", AuthProtocol.HmacSha1, PlantedSecrets.AuthPassword, PrivProtocol.TripleDes, PlantedSecrets.PrivPassword);
        var entry = UsmUserEntry.Create(user, () => derivations++);
        var atStart = derivations;
        var engine = Convert.FromHexString(PlantedSecrets.EngineHex);

        var keys = entry.KeysFor(engine, () => derivations++)!;

        Assert.False(keys.HasPrivKey);
        Assert.Equal(atStart + 1, derivations);
        var expected = UsmKeys.PrivacyKey(AuthProtocol.HmacSha1, PrivProtocol.TripleDes,
            UsmKeys.Localize(AuthProtocol.HmacSha1, UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, PlantedSecrets.PrivPassword), engine), engine);
        Assert.Equal(expected, keys.PrivKey);
        Assert.Same(keys.PrivKey, keys.PrivKey);
        Assert.Equal(atStart + 3, derivations);

        var derived = keys.PrivKey!;
        keys.Retire();
        Assert.DoesNotContain(derived, b => b != 0);
        var removed = entry.KeysFor(engine, () => derivations++)!;
        entry.Retire();
        Assert.Null(removed.PrivKey);
        Assert.Null(entry.KeysFor(engine, () => derivations++));
    }

    [Fact]
    public void A_key_store_policy_that_throws_leaves_the_callers_user_intact()
    {
        var user = PlantedSecrets.User();
        var policies = new UsmPolicies { StoredMasterKey = _ => throw new InvalidOperationException("key store down") };

        var e = Assert.Throws<InvalidOperationException>(() => UsmUserEntry.Create(user, () => { }, policies));

        AssertClean(e.Message, "the exception");
        Assert.Equal(PlantedSecrets.AuthPassword, Encoding.UTF8.GetString(user.AuthSecret!.Value));
    }
}

/// <summary>Collects every log event and BadPacketReceived of an ActorSystem as text.</summary>
internal sealed class TextCollector : ReceiveActor
{
    public TextCollector(ConcurrentQueue<string> logLines, ConcurrentQueue<string> badPackets)
    {
        Receive<LogEvent>(e => logLines.Enqueue($"{e.LogLevel()} {e} {e.Cause}"));
        Receive<BadPacketReceived>(e => badPackets.Enqueue($"{e} {e.Description}"));
    }
}

/// <summary>
/// A receiver logging at Debug (every per-packet line) that is sent wrong communities and SNMPv3 messages with
/// wrong passwords by net-snmp, then good ones: no log line, no BadPacketReceived description and no counter
/// name carries a community, password or key.
/// </summary>
public sealed class SecretsStayOutOfLogsTests() : ReceiverSpec(Setup(
    $$"""
    akka.loglevel = DEBUG
    akka.actor.debug.unhandled = on
    trap-actors.community.accepted = ["{{PlantedSecrets.Community}}"]
    trap-actors.usm.report-errors = on
    """,
    new TrapReceiverSetup { Users = [PlantedSecrets.User()] }))
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _badPackets = new();

    [Fact]
    public async Task Wrong_communities_and_wrong_v3_passwords_leave_no_secret_in_any_log_line()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var collector = Sys.ActorOf(Props.Create(() => new TextCollector(_lines, _badPackets)));
        Sys.EventStream.Subscribe(collector, typeof(LogEvent));
        Sys.EventStream.Subscribe(collector, typeof(BadPacketReceived));
        var endpoint = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var target = $"127.0.0.1:{endpoint.Port}";
        var client = NewClient();

        await SendAsync(client, Packets.V2Trap(requestId: 1, community: PlantedSecrets.WrongCommunity), endpoint);
        await SendAsync(client, Packets.V1Trap(community: PlantedSecrets.WrongCommunity), endpoint);
        await SendAsync(client, Packets.Inform(requestId: 2, community: PlantedSecrets.WrongCommunity), endpoint);
        await SendAsync(client, Packets.GetRequest(requestId: 3, community: PlantedSecrets.Community), endpoint);
        string[][] wrongV3 =
        [
            ["-a", "SHA-256", "-A", PlantedSecrets.WrongPassword, "-x", "AES", "-X", PlantedSecrets.PrivPassword],
            ["-a", "SHA-256", "-A", PlantedSecrets.AuthPassword, "-x", "AES", "-X", PlantedSecrets.WrongPassword],
            ["-a", "SHA-256", "-A", PlantedSecrets.AuthPassword, "-x", "DES", "-X", PlantedSecrets.PrivPassword],
        ];
        foreach (var args in wrongV3)
        {
            var sent = await NetSnmpTools.SnmpTrapAsync(["-v", "3", "-e", "0x" + PlantedSecrets.EngineHex, "-u", "hygiene", "-l", "authPriv", .. args,
                target, "1", "1.3.6.1.4.1.8072.9999.0.1"]);
            Assert.True(sent.ExitCode == 0, sent.ToString());
        }
        var inform = await NetSnmpTools.SnmpInformAsync(["-v", "3", "-r", "0", "-t", "1", "-u", "hygiene", "-l", "authPriv",
            "-a", "SHA-256", "-A", PlantedSecrets.WrongPassword, "-x", "AES", "-X", PlantedSecrets.WrongPassword, target, "1", "1.3.6.1.4.1.8072.9999.0.2"]);
        Assert.NotEqual(0, inform.ExitCode);

        // Good ones last: once they are delivered, every rejection before them has been handled and logged.
        await SendAsync(client, Packets.V2Trap(requestId: 9, community: PlantedSecrets.Community), endpoint);
        await this.TrapWithIdAsync(9);
        var good = await NetSnmpTools.SnmpTrapAsync(["-v", "3", "-e", "0x" + PlantedSecrets.EngineHex, "-u", "hygiene", "-l", "authPriv",
            "-a", "SHA-256", "-A", PlantedSecrets.AuthPassword, "-x", "AES", "-X", PlantedSecrets.PrivPassword, target, "1", "1.3.6.1.4.1.8072.9999.0.3"]);
        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Equal("hygiene", (await this.TrapAsync(TimeSpan.FromSeconds(5))).Origin.User);

        var stats = await AwaitStatsAsync(s => s.Dropped.GetValueOrDefault(DropReason.UnknownCommunity) == 3
                                               && s.Dropped.GetValueOrDefault(DropReason.WrongDigest) >= 2
                                               && s.Dropped.GetValueOrDefault(DropReason.DecryptionError) >= 2, "every rejection counted");
        // 3 unknown communities, the GetRequest, 2 wrong digests, 2 decryption errors.
        await AwaitConditionAsync(() => Task.FromResult(_lines.Count(l => l.Contains("Dropped datagram")) >= 8 && _badPackets.Count >= 8),
            TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(20), "a Debug line and a BadPacketReceived for each rejection");

        foreach (var line in _lines.Concat(_badPackets).Append(stats.ToString()).Append(string.Join(",", stats.Dropped)))
        {
            var found = PlantedSecrets.FoundIn(line);
            Assert.True(found is null, $"a secret ({found}) in: {line}");
        }
    }
}
