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
    /// <summary>Leaf path under trap-actors → a HOCON value different from the default, and how to read it back.</summary>
    private static readonly Dictionary<string, (string Value, Func<TrapReceiverSettings, object> Read, object Expected)> Leaves = new()
    {
        ["guardian-name"] = ("\"traps\"", s => s.GuardianName, "traps"),
        ["auto-activate"] = ("off", s => s.AutoActivate, false),
        ["listener.endpoints"] = ("""["udp:127.0.0.1:1162", "udp:[::1]:0"]""", s => string.Join(",", s.Listener.Endpoints), "udp:127.0.0.1:1162,udp:[::1]:0"),
        ["listener.dual-stack"] = ("off", s => s.Listener.DualStack, false),
        ["listener.share-local-port"] = ("on", s => s.Listener.ShareLocalPort, true),
        ["listener.force-local-port"] = ("off", s => s.Listener.ForceLocalPort, false),
        ["listener.receive-buffer-size"] = ("100000", s => s.Listener.ReceiveBufferSize, 100000),
        ["listener.send-buffer-size"] = ("200000", s => s.Listener.SendBufferSize, 200000),
        ["listener.max-packet-size"] = ("1500", s => (s.Listener.MaxPacketSize, s.Codec.MaxDatagramSize), (1500, 1500)),
        ["listener.accept-data"] = ("off", s => s.Listener.AcceptData, false),
        ["listener.max-in-flight"] = ("50", s => s.Listener.MaxInFlight, 50),
        ["session.idle-timeout"] = ("90s", s => s.Session.IdleTimeout, TimeSpan.FromSeconds(90)),
        ["session.max-sessions"] = ("7", s => s.Session.MaxSessions, 7),
        ["session.max-pending-per-source"] = ("9", s => s.Session.MaxPendingPerSource, 9),
        ["codec.max-var-binds"] = ("11", s => s.Codec.MaxVarBinds, 11),
        ["codec.max-nesting-depth"] = ("12", s => s.Codec.MaxNestingDepth, 12),
        ["codec.max-oid-arcs"] = ("64", s => s.Codec.MaxOidArcs, 64),
        ["community.accepted"] = ("""["a", "b"]""", s => string.Join(",", s.Community.Accepted), "a,b"),
        ["community.accept-any"] = ("on", s => s.Community.AcceptAny, true),
        ["v1.trap-oid-rule"] = ("enterprise-generic-specific", s => s.V1TrapOidRule, V1TrapOidRule.EnterpriseGenericSpecific),
        ["inform.acknowledge"] = ("by-subscriber", s => s.Inform.Acknowledge, InformAcknowledgeMode.BySubscriber),
        ["inform.decision-timeout"] = ("750ms", s => s.Inform.DecisionTimeout, TimeSpan.FromMilliseconds(750)),
        ["inform.on-timeout"] = ("suppress", s => s.Inform.OnTimeout, InformTimeoutAction.Suppress),
        ["inform.max-response-size"] = ("1400", s => s.Inform.MaxResponseSize, 1400),
        ["inform.duplicate-window"] = ("15s", s => s.Inform.DuplicateWindow, TimeSpan.FromSeconds(15)),
        ["subscribers.queue-capacity"] = ("64", s => s.Subscribers.Capacity, 64),
        ["subscribers.overflow"] = ("back-pressure", s => s.Subscribers.Overflow, SubscriberOverflow.BackPressure),
        ["dtls.certificate-file"] = ("\"/etc/trapactors/server.crt\"", s => s.Dtls.CertificateFile, "/etc/trapactors/server.crt"),
        ["dtls.key-file"] = ("\"/etc/trapactors/server.key\"", s => s.Dtls.KeyFile, "/etc/trapactors/server.key"),
        ["dtls.pkcs12-file"] = ("\"/etc/trapactors/server.p12\"", s => s.Dtls.Pkcs12File, "/etc/trapactors/server.p12"),
        ["dtls.pkcs12-password-file"] = ("\"/etc/trapactors/p12.pass\"", s => s.Dtls.Pkcs12PasswordFile, "/etc/trapactors/p12.pass"),
        ["dtls.trust-anchors-file"] = ("\"/etc/trapactors/ca.crt\"", s => s.Dtls.TrustAnchorsFile, "/etc/trapactors/ca.crt"),
        ["dtls.cert-map-file"] = ("\"/etc/trapactors/certmap\"", s => s.Dtls.CertMapFile, "/etc/trapactors/certmap"),
        ["dtls.cert-map"] = ("""["certSecName 10 --sha256 aa --cn"]""", s => s.Dtls.CertMap.Length, 1),
        ["dtls.security-name-prefix"] = ("on", s => s.Dtls.SecurityNamePrefix, true),
        ["dtls.handshake-timeout"] = ("3s", s => s.Dtls.HandshakeTimeout, TimeSpan.FromSeconds(3)),
        ["dtls.idle-timeout"] = ("70s", s => s.Dtls.IdleTimeout, TimeSpan.FromSeconds(70)),
        ["dtls.max-associations"] = ("12", s => s.Dtls.MaxAssociations, 12),
        ["dtls.max-handshakes"] = ("13", s => s.Dtls.MaxHandshakes, 13),
        ["dtls.max-handshakes-per-address"] = ("4", s => s.Dtls.MaxHandshakesPerAddress, 4),
        ["dtls.max-send-size"] = ("1200", s => s.Dtls.MaxSendSize, 1200),
        ["access.rules"] = ("""[ { trap-oid = "1.3.6.1.4.1.9", minimum-security-level = authPriv } ]""", s => s.Access.Rules.Length, 1),
        ["access.user-minimum-levels"] = ("""[ { user = "noc", minimum-security-level = authNoPriv } ]""", s => s.Access.UserMinimumLevels.Length, 1),
        ["events.packet-trace"] = ("on", s => s.Events.PacketTrace, true),
        ["events.bad-packet"] = ("off", s => s.Events.BadPacket, false),
        ["events.max-per-second"] = ("17", s => s.Events.MaxPerSecond, 17),
        ["events.max-log-lines-per-second"] = ("3", s => s.Events.MaxLogLinesPerSecond, 3),
        ["usm.max-reports-per-second"] = ("8", s => s.Usm.MaxReportsPerSecond, 8),
        ["usm.local-engine-id"] = ("\"80001F8804AABBCCDD\"", s => Convert.ToHexString(s.Usm.LocalEngineId ?? []), "80001F8804AABBCCDD"),
        ["usm.engine-enterprise-number"] = ("8072", s => s.Usm.EngineEnterpriseNumber, 8072),
        ["usm.state-directory"] = ("\"/var/lib/trap-actors\"", s => s.Usm.StateDirectory ?? "", "/var/lib/trap-actors"),
        ["usm.time-window"] = ("30s", s => s.Usm.TimeWindow, TimeSpan.FromSeconds(30)),
        ["usm.accept-outside-time-window"] = ("on", s => s.Usm.AcceptOutsideTimeWindow, true),
        ["usm.max-remote-engines"] = ("5", s => s.Usm.MaxRemoteEngines, 5),
        ["usm.max-remote-engines-per-user"] = ("4", s => s.Usm.MaxRemoteEnginesPerUser, 4),
        ["usm.remote-engines-save-interval"] = ("20s", s => s.Usm.RemoteEnginesSaveInterval, TimeSpan.FromSeconds(20)),
        ["usm.max-recent-informs"] = ("9", s => s.Usm.MaxRecentInforms, 9),
        ["usm.max-localized-keys"] = ("6", s => s.Usm.MaxLocalizedKeys, 6),
        ["usm.aes-key-extension"] = ("detect", s => s.Usm.AesKeyExtension, AesKeyExtensionMode.Detect),
        ["usm.report-errors"] = ("off", s => s.Usm.ReportErrors, false),
        ["usm.respond-to-discovery"] = ("off", s => s.Usm.RespondToDiscovery, false),
        ["usm.show-passwords"] = ("on", s => s.Usm.ShowPasswords, true),
        ["usm.decrypt-log-packets"] = ("on", s => s.Usm.DecryptLogPackets, true),
        ["usm.policy-timeout"] = ("2s", s => s.Usm.PolicyTimeout, TimeSpan.FromSeconds(2)),
        ["usm.max-pending-policy-decisions-per-session"] = ("3", s => s.Usm.MaxPendingPolicyDecisionsPerSession, 3),
        ["usm.max-pending-policy-decisions"] = ("30", s => s.Usm.MaxPendingPolicyDecisions, 30),
        ["usm.unknown-user-cache-time"] = ("0s", s => s.Usm.UnknownUserCacheTime, TimeSpan.Zero),
    };

    public static TheoryData<string> LeafPaths => new(Leaves.Keys);

    private static IEnumerable<string> LeavesOf(HoconObject obj, string prefix)
    {
        foreach (var (key, value) in obj.Items)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value.IsObject())
            {
                foreach (var leaf in LeavesOf(value.GetObject(), path))
                    yield return leaf;
            }
            else
            {
                yield return path;
            }
        }
    }

    private static TrapReceiverSettings With(string hocon) =>
        TrapReceiverSettings.Create(ConfigurationFactory.ParseString(hocon).WithFallback(TrapReceiverExtension.DefaultConfig()));

    [Fact]
    public void Every_leaf_of_reference_conf_has_a_row_and_every_row_a_leaf()
    {
        var root = TrapReceiverExtension.DefaultConfig().GetConfig("trap-actors").Root.GetObject();
        var leaves = LeavesOf(root, "").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(67, leaves.Count);
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
