using Akka.Configuration;
using Akka.Configuration.Hocon;
using Xunit;

namespace TrapActors.Tests.Settings;

/// <summary>
/// TrapReceiverSettings.Create reads every leaf of reference.conf: the table below has one row per
/// leaf, and a key added to reference.conf without a row (or a setting) fails these tests.
/// </summary>
public class SettingsTests
{
    private static readonly Dictionary<string, (string Value, Func<TrapReceiverSettings, object> Read, object Expected)> Leaves = SettingLeaves.All;

    public static TheoryData<string> LeafPaths => new(Leaves.Keys);

    private static IEnumerable<string> LeavesOf(HoconObject obj, string prefix) => SettingLeaves.LeavesOf(obj, prefix);

    private static TrapReceiverSettings With(string hocon) =>
        TrapReceiverSettings.Create(ConfigurationFactory.ParseString(hocon).WithFallback(TrapReceiverExtension.DefaultConfig()));

    [Fact]
    public void Every_leaf_of_reference_conf_has_a_row_and_every_row_a_leaf()
    {
        var root = TrapReceiverExtension.DefaultConfig().GetConfig("trap-actors").Root.GetObject();
        var leaves = LeavesOf(root, "").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(69, leaves.Count);
        Assert.Equal(leaves, Leaves.Keys.Order(StringComparer.Ordinal).ToList());
    }

    [Theory]
    [MemberData(nameof(LeafPaths))]
    public void Overriding_a_leaf_changes_the_setting_it_maps_to(string path)
    {
        var (value, read, expected) = Leaves[path];
        var defaults = TrapReceiverSettings.Create(TrapReceiverExtension.DefaultConfig());

        var changed = With($"trap-actors.{path} = {value}");

        Assert.Equal(expected, read(changed));
        Assert.NotEqual(read(defaults), read(changed));
    }

    [Theory]
    [MemberData(nameof(LeafPaths))]
    public void Reference_conf_and_the_record_defaults_agree(string path)
    {
        var (_, read, _) = Leaves[path];
        Assert.Equal(read(new TrapReceiverSettings()), read(TrapReceiverSettings.Create(TrapReceiverExtension.DefaultConfig())));
    }

    [Fact]
    public void The_defaults_are_those_documented()
    {
        var s = TrapReceiverSettings.Create(ConfigurationFactory.Empty);
        Assert.Equal("udp:0.0.0.0:162", Assert.Single(s.Listener.Endpoints).ToString());
        Assert.True(s.AutoActivate);
        Assert.Equal(TimeSpan.FromMinutes(5), s.Session.IdleTimeout);
        Assert.Equal(10_000, s.Session.MaxSessions);
        Assert.Empty(s.Community.Accepted);
        Assert.False(s.Community.AcceptAny);
        Assert.Equal(InformAcknowledgeMode.OnReceipt, s.Inform.Acknowledge);
        Assert.Equal(65507, s.Inform.MaxResponseSize);
        Assert.Equal(65535, s.Listener.MaxPacketSize);
    }

    [Fact]
    public void An_ipv6_endpoint_is_parsed_with_its_brackets()
    {
        var endpoint = Assert.Single(With("""trap-actors.listener.endpoints = ["udp:[::1]:1162"]""").Listener.Endpoints);
        Assert.Equal(System.Net.IPAddress.IPv6Loopback, endpoint.Address);
        Assert.Equal(1162, endpoint.Port);
    }

    [Fact]
    public void The_settings_are_not_printed_with_their_communities()
    {
        var s = With("""trap-actors.community.accepted = ["top-secret-community"]""");
        Assert.DoesNotContain("top-secret-community", s.ToString());
    }

    /// <summary>Bad values, by leaf path under trap-actors.</summary>
    private static readonly (string Path, string Value)[] BadValues =
    [
        ("listener.max-packet-size", "70000"),
        ("listener.max-packet-size", "0"),
        ("listener.endpoints", """["udp:localhost:162"]"""),
        ("listener.endpoints", """["tcp:127.0.0.1:162"]"""),
        ("listener.endpoints", """["udp:127.0.0.1:70000"]"""),
        ("listener.endpoints", """["udp:::1:162"]"""),
        ("listener.endpoints", """["127.0.0.1:162"]"""),
        ("listener.receive-buffer-size", "-1"),
        ("listener.send-buffer-size", "-1"),
        ("session.idle-timeout", "0s"),
        ("session.max-sessions", "0"),
        ("session.max-pending-per-source", "0"),
        ("listener.max-in-flight", "0"),
        ("inform.duplicate-window", "0s"),
        ("subscribers.queue-capacity", "0"),
        ("events.max-per-second", "0"),
        ("events.max-log-lines-per-second", "0"),
        ("usm.max-reports-per-second", "0"),
        ("dtls.max-associations", "0"),
        ("dtls.max-handshakes", "0"),
        ("dtls.max-handshakes-per-address", "0"),
        ("dtls.max-send-size", "100"),
        ("dtls.handshake-timeout", "0s"),
        ("subscribers.overflow", "drop-everything"),
        ("codec.max-var-binds", "0"),
        ("codec.max-nesting-depth", "0"),
        ("codec.max-oid-arcs", "0"),
        ("v1.trap-oid-rule", "rfc1157"),
        ("inform.acknowledge", "sometimes"),
        ("inform.decision-timeout", "0s"),
        ("inform.on-timeout", "explode"),
        ("inform.max-response-size", "0"),
        ("usm.local-engine-id", "\"zz\""),
        ("usm.local-engine-id", "\"01020304\""),
        ("usm.engine-enterprise-number", "-1"),
        ("usm.time-window", "0s"),
        ("usm.max-remote-engines", "0"),
        ("usm.max-localized-keys", "0"),
        ("usm.policy-timeout", "0s"),
        ("usm.max-pending-policy-decisions-per-session", "0"),
        ("usm.max-pending-policy-decisions", "0"),
        ("usm.unknown-user-cache-time", "-1s"),
        ("usm.aes-key-extension", "sometimes"),
    ];

    public static TheoryData<string, string> BadValueRows
    {
        get
        {
            var rows = new TheoryData<string, string>();
            foreach (var (path, value) in BadValues)
                rows.Add(path, value);
            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(BadValueRows))]
    public void A_bad_value_throws_ConfigurationException_naming_the_key(string path, string value)
    {
        var e = Assert.Throws<ConfigurationException>(() => With($"trap-actors.{path} = {value}"));
        Assert.Contains(path.Split('.')[^1], e.Message);
    }

    /// <summary>
    /// The message must give the whole path (trap-actors.inform.acknowledge), as a user would search
    /// for it in the configuration; listener.max-packet-size and listener.endpoints do, most keys do not.
    /// </summary>
    [Fact]
    public void Every_bad_value_message_names_the_full_key_path()
    {
        var missing = new List<string>();
        foreach (var (path, value) in BadValues)
        {
            var e = Assert.Throws<ConfigurationException>(() => With($"trap-actors.{path} = {value}"));
            if (!e.Message.Contains($"trap-actors.{path}", StringComparison.Ordinal))
                missing.Add($"{path} = {value}: \"{e.Message}\"");
        }
        Assert.True(missing.Count == 0, "messages without the full key path:\n" + string.Join("\n", missing));
    }

    /// <summary>Fails with every (key, value) whose parse did not throw a ConfigurationException naming the key.</summary>
    private static void AssertAllRejected(IEnumerable<(string Path, string Value)> cases)
    {
        var wrong = new List<string>();
        foreach (var (path, value) in cases)
        {
            var e = Record.Exception(() => With($"trap-actors.{path} = {value}"));
            if (e is not ConfigurationException || !e.Message.Contains(path.Split('.')[^1], StringComparison.Ordinal))
                wrong.Add($"{path} = {value}: {(e is null ? "accepted" : $"{e.GetType().Name}: {e.Message}")}");
        }
        Assert.True(wrong.Count == 0, "not rejected with a ConfigurationException naming the key:\n" + string.Join("\n", wrong));
    }

    /// <summary>An enum key takes one of its documented names; a number is none of them.</summary>
    [Fact]
    public void A_number_is_not_accepted_for_an_enum_key() =>
        AssertAllRejected([("inform.acknowledge", "1"), ("inform.on-timeout", "0"), ("v1.trap-oid-rule", "1")]);

    /// <summary>A value of the wrong type is a configuration error too, not a bare FormatException or NotSupportedException.</summary>
    [Fact]
    public void A_value_of_the_wrong_type_throws_ConfigurationException_naming_the_key() =>
        AssertAllRejected([("session.max-sessions", "lots"), ("session.idle-timeout", "soon"), ("auto-activate", "maybe"), ("listener.max-packet-size", "big")]);

    [Fact]
    public async Task The_extension_reads_the_actor_systems_configuration()
    {
        using var system = ActorSystem.Create("settings", ConfigurationFactory.ParseString("""
            trap-actors { auto-activate = off, session.max-sessions = 12, inform.acknowledge = by-subscriber }
            akka.loglevel = WARNING
            """));
        var settings = TrapReceiverExtension.Get(system).Settings;
        Assert.False(settings.AutoActivate);
        Assert.Equal(12, settings.Session.MaxSessions);
        Assert.Equal(InformAcknowledgeMode.BySubscriber, settings.Inform.Acknowledge);
        await system.Terminate();
    }

    [Fact]
    public async Task TrapReceiverSetup_ConfigureSettings_is_applied_after_hocon()
    {
        var setup = Akka.Actor.Setup.ActorSystemSetup.Create(
            BootstrapSetup.Create().WithConfig(ConfigurationFactory.ParseString("trap-actors { auto-activate = off, session.max-sessions = 12 }\nakka.loglevel = WARNING")),
            new TrapReceiverSetup { ConfigureSettings = s => s with { Session = s.Session with { MaxSessions = 99 } } });
        using var system = ActorSystem.Create("configured", setup);
        Assert.Equal(99, TrapReceiverExtension.Get(system).Settings.Session.MaxSessions);
        await system.Terminate();
    }

    [Fact]
    public void The_setup_does_not_print_its_communities()
    {
        Assert.DoesNotContain("s3cret", new TrapReceiverSetup { Communities = ["s3cret"] }.ToString());
    }
}
