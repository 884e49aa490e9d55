using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using TrapActors.Configuration;
using TrapActors.Security;
using TrapActors.Snmp;

namespace TrapActors;

/// <summary>How the v1 trap OID is formed (trap-actors.v1.trap-oid-rule).</summary>
public enum V1TrapOidRule
{
    /// <summary>RFC 3584 §3.1: snmpTraps.(generic-trap+1) for a generic trap, enterprise.0.specific-trap for an enterpriseSpecific one.</summary>
    Rfc3584,
    /// <summary>
    /// enterprise.(generic-trap+1) when the enterprise is snmpTraps (1.3.6.1.6.3.1.1.5), else enterprise.generic-trap.specific-trap
    /// (trap-oid-rule = enterprise-generic-specific): the form some older trap receivers report. The varbinds are translated per RFC 3584 either way.
    /// </summary>
    EnterpriseGenericSpecific,
}

/// <summary>Who answers informs (trap-actors.inform.acknowledge).</summary>
public enum InformAcknowledgeMode
{
    /// <summary>A Response as soon as the inform is accepted (RFC 3416).</summary>
    OnReceipt,
    /// <summary>Subscribers decide: Respond (with any error status) or Suppress; inform.on-timeout when nobody does.</summary>
    BySubscriber,
    /// <summary>
    /// At-least-once: the Response goes out only after a subscriber confirmed it has taken the notification
    /// (<see cref="InformReceived.Confirm"/>); without a confirmation in inform.decision-timeout none goes out,
    /// so the sender retransmits.
    /// </summary>
    AfterDelivery,
}

/// <summary>What happens to a by-subscriber inform nobody decided on (trap-actors.inform.on-timeout).</summary>
public enum InformTimeoutAction
{
    /// <summary>Send the success Response (noError), as on receipt.</summary>
    Respond,
    /// <summary>Send no Response; the sender retransmits or gives up.</summary>
    Suppress,
}

/// <summary>The trap-actors section of the configuration, read once; tweak in tests with <c>with { }</c>.</summary>
public sealed record TrapReceiverSettings
{
    /// <summary>The name of the receiver's guardian under /system (trap-actors.guardian-name).</summary>
    public string GuardianName { get; init; } = "trap-actors";

    /// <summary>Bind the listeners when the extension starts (trap-actors.auto-activate); off: only on <see cref="Activate"/>.</summary>
    public bool AutoActivate { get; init; } = true;

    /// <summary>The endpoints and sockets (trap-actors.listener).</summary>
    public ListenerSettings Listener { get; init; } = new();

    /// <summary>The per-source sessions (trap-actors.session).</summary>
    public SessionSettings Session { get; init; } = new();

    /// <summary>The decoder's limits (trap-actors.codec, and listener.max-packet-size as the datagram limit).</summary>
    public DecodeLimits Codec { get; init; } = DecodeLimits.Default;

    /// <summary>The v1/v2c communities accepted (trap-actors.community).</summary>
    public CommunitySettings Community { get; init; } = new();

    /// <summary>How the trap OID of a v1 trap is formed (trap-actors.v1.trap-oid-rule).</summary>
    public V1TrapOidRule V1TrapOidRule { get; init; } = V1TrapOidRule.Rfc3584;

    /// <summary>How informs are answered (trap-actors.inform).</summary>
    public InformSettings Inform { get; init; } = new();

    /// <summary>The queue of a subscriber that subscribed without its own <see cref="Subscribe.Queue"/> (trap-actors.subscribers).</summary>
    public SubscriberQueue Subscribers { get; init; } = SubscriberQueue.Default;

    /// <summary>Which events are published on the EventStream, and the rate limits (trap-actors.events).</summary>
    public EventSettings Events { get; init; } = new();

    /// <summary>SNMPv3 USM (trap-actors.usm).</summary>
    public UsmSettings Usm { get; init; } = new();

    /// <summary>SNMP over DTLS (trap-actors.dtls).</summary>
    public DtlsSettings Dtls { get; init; } = new();

    /// <summary>Access rules by trap-OID subtree and minimum security level (trap-actors.access).</summary>
    internal NotificationAccessSettings Access { get; init; } = NotificationAccessSettings.None;

    /// <summary>Reads trap-actors from the <paramref name="system"/>'s configuration (see <see cref="Create(Config)"/>).</summary>
    public static TrapReceiverSettings Create(ActorSystem system) => Create(system.Settings.Config);

    /// <summary>Reads trap-actors from <paramref name="config"/> (with the embedded defaults as fallback). Throws <see cref="ConfigurationException"/> naming the key on bad values.</summary>
    public static TrapReceiverSettings Create(Config config)
    {
        var full = config.WithFallback(TrapReceiverExtension.DefaultConfig());
        var r = new Reader(full.GetConfig("trap-actors"));
        var maxPacket = r.Int("listener.max-packet-size", 1, DecodeLimits.AbsoluteMaxDatagramSize);
        return new TrapReceiverSettings
        {
            Access = NotificationAccessSettings.Read(full),
            GuardianName = r.String("guardian-name"),
            AutoActivate = r.Bool("auto-activate"),
            Listener = new ListenerSettings
            {
                Endpoints = [.. r.Strings("listener.endpoints").Select(e =>
                    ListenEndpoint.TryParse(e, out var ep, out var error) ? ep : throw r.Error("listener.endpoints", error))],
                DualStack = r.Bool("listener.dual-stack"),
                ShareLocalPort = r.Bool("listener.share-local-port"),
                ForceLocalPort = r.Bool("listener.force-local-port"),
                ReceiveBufferSize = r.Int("listener.receive-buffer-size", 0),
                SendBufferSize = r.Int("listener.send-buffer-size", 0),
                MaxPacketSize = maxPacket,
                AcceptData = r.Bool("listener.accept-data"),
                MaxInFlight = r.Int("listener.max-in-flight", 1),
                WarmUp = r.Bool("listener.warm-up"),
            },
            Session = new SessionSettings
            {
                IdleTimeout = r.Duration("session.idle-timeout"),
                MaxSessions = r.Int("session.max-sessions", 1),
                MaxPendingPerSource = r.Int("session.max-pending-per-source", 1),
            },
            Codec = new DecodeLimits
            {
                MaxDatagramSize = maxPacket,
                MaxVarBinds = r.Int("codec.max-var-binds", 1),
                MaxNestingDepth = r.Int("codec.max-nesting-depth", 1),
                MaxOidArcs = r.Int("codec.max-oid-arcs", 2),
            },
            Community = new CommunitySettings
            {
                Accepted = [.. r.Strings("community.accepted")],
                AcceptAny = r.Bool("community.accept-any"),
            },
            V1TrapOidRule = r.Enum<V1TrapOidRule>("v1.trap-oid-rule"),
            Inform = new InformSettings
            {
                Acknowledge = r.Enum<InformAcknowledgeMode>("inform.acknowledge"),
                DecisionTimeout = r.Duration("inform.decision-timeout"),
                OnTimeout = r.Enum<InformTimeoutAction>("inform.on-timeout"),
                MaxResponseSize = r.Int("inform.max-response-size", 1),
                DuplicateWindow = r.Duration("inform.duplicate-window"),
            },
            Dtls = new DtlsSettings
            {
                CertificateFile = r.String("dtls.certificate-file"),
                KeyFile = r.String("dtls.key-file"),
                Pkcs12File = r.String("dtls.pkcs12-file"),
                Pkcs12PasswordFile = r.String("dtls.pkcs12-password-file"),
                TrustAnchorsFile = r.String("dtls.trust-anchors-file"),
                CertMapFile = r.String("dtls.cert-map-file"),
                CertMap = [.. r.Strings("dtls.cert-map")],
                SecurityNamePrefix = r.Bool("dtls.security-name-prefix"),
                HandshakeTimeout = r.Duration("dtls.handshake-timeout"),
                IdleTimeout = r.Duration("dtls.idle-timeout"),
                MaxAssociations = r.Int("dtls.max-associations", 1),
                MaxHandshakes = r.Int("dtls.max-handshakes", 1),
                MaxHandshakesPerAddress = r.Int("dtls.max-handshakes-per-address", 1),
                MaxSendSize = r.Int("dtls.max-send-size", 512, SnmpLimits.MaxUdpPayload),
            },
            Subscribers = new SubscriberQueue(r.Int("subscribers.queue-capacity", 1), r.Enum<SubscriberOverflow>("subscribers.overflow")),
            Events = new EventSettings
            {
                PacketTrace = r.Bool("events.packet-trace"),
                BadPacket = r.Bool("events.bad-packet"),
                MaxPerSecond = r.Int("events.max-per-second", 1),
                MaxLogLinesPerSecond = r.Int("events.max-log-lines-per-second", 1),
            },
            Usm = new UsmSettings
            {
                LocalEngineId = r.EngineId("usm.local-engine-id"),
                EngineEnterpriseNumber = r.Int("usm.engine-enterprise-number", 0),
                StateDirectory = r.String("usm.state-directory") is { Length: > 0 } dir ? dir : null,
                TimeWindow = r.Duration("usm.time-window"),
                AcceptOutsideTimeWindow = r.Bool("usm.accept-outside-time-window"),
                MaxRemoteEngines = r.Int("usm.max-remote-engines", 1),
                MaxRemoteEnginesPerUser = r.Int("usm.max-remote-engines-per-user", 1),
                RemoteEnginesSaveInterval = r.Duration("usm.remote-engines-save-interval"),
                MaxRecentInforms = r.Int("usm.max-recent-informs", 1),
                MaxLocalizedKeys = r.Int("usm.max-localized-keys", 1),
                AesKeyExtension = r.Enum<AesKeyExtensionMode>("usm.aes-key-extension"),
                ReportErrors = r.Bool("usm.report-errors"),
                MaxReportsPerSecond = r.Int("usm.max-reports-per-second", 1),
                RespondToDiscovery = r.Bool("usm.respond-to-discovery"),
                ShowPasswords = r.Bool("usm.show-passwords"),
                DecryptLogPackets = r.Bool("usm.decrypt-log-packets"),
                PolicyTimeout = r.Duration("usm.policy-timeout"),
                MaxPendingPolicyDecisionsPerSession = r.Int("usm.max-pending-policy-decisions-per-session", 1),
                MaxPendingPolicyDecisions = r.Int("usm.max-pending-policy-decisions", 1),
                UnknownUserCacheTime = r.DurationOrZero("usm.unknown-user-cache-time"),
                HashBeforeBinding = r.DurationOrZero("usm.hash-before-binding"),
            },
        };
    }

    /// <summary>Reads typed values under trap-actors; every failure is a ConfigurationException naming the full key.</summary>
    private sealed class Reader(Config root)
    {
        public ConfigurationException Error(string key, string why) => new($"trap-actors.{key}: {why}");

        private T Get<T>(string key, Func<string, T> read)
        {
            try
            {
                return read(key);
            }
            catch (ConfigurationException)
            {
                throw;
            }
            catch (Exception e)
            {
                throw Error(key, $"{Shown(key, Raw(key))} is not valid here ({(IsSecret(key) ? e.GetType().Name : e.Message)})");
            }
        }

        private string Raw(string key)
        {
            try
            {
                return root.GetValue(key)?.ToString() ?? "";
            }
            catch (Exception)
            {
                return "?";
            }
        }

        public string String(string key) => Get(key, k => root.GetString(k) ?? "");

        /// <summary>Communities are secrets: an error about them never repeats the value.</summary>
        private static bool IsSecret(string key) => key.StartsWith("community.", StringComparison.Ordinal);

        private static string Shown(string key, string text) => IsSecret(key) ? "the value" : $"'{text}'";

        public IList<string> Strings(string key)
        {
            if (!HoconParts.IsListOfScalars(root.GetValue(key)))
                throw Error(key, "must be a list of strings, like [\"a\", \"b\"]");
            return Get(key, k => root.GetStringList(k));
        }

        public bool Bool(string key)
        {
            var text = Get(key, k => root.GetString(k) ?? "").Trim().ToLowerInvariant();
            return text switch
            {
                "on" or "true" or "yes" => true,
                "off" or "false" or "no" => false,
                _ => throw Error(key, $"{Shown(key, text)} is not on or off"),
            };
        }

        public int Int(string key, int min, int max = int.MaxValue)
        {
            var text = Get(key, k => root.GetString(k) ?? "").Trim();
            if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
                throw Error(key, $"{Shown(key, text)} is not a whole number");
            return value >= min && value <= max ? value : throw Error(key, $"must be {min}..{max}, was {value}");
        }

        public TimeSpan Duration(string key)
        {
            var value = Get(key, k => root.GetTimeSpan(k, allowInfinite: false));
            return value > TimeSpan.Zero ? value : throw Error(key, $"must be positive, was {value}");
        }

        /// <summary>A duration of zero or more (zero switches the feature off).</summary>
        public TimeSpan DurationOrZero(string key)
        {
            var value = Get(key, k => root.GetTimeSpan(k, allowInfinite: false));
            return value >= TimeSpan.Zero ? value : throw Error(key, $"must be zero or positive, was {value}");
        }

        /// <summary>Kebab-case value to enum member ("on-receipt" → OnReceipt, <see cref="KebabCase"/>); numbers are refused.</summary>
        public T Enum<T>(string key) where T : struct, System.Enum
        {
            var text = String(key).Trim();
            return KebabCase.TryParse<T>(text, out var value)
                ? value
                : throw Error(key, $"{Shown(key, text)} is not one of {string.Join(" | ", KebabCase.Names<T>())}");
        }

        /// <summary>Hex as <see cref="Snmp.EngineId"/> reads it (0x and ':' optional); "" is null (generate one).</summary>
        public byte[]? EngineId(string key)
        {
            var text = String(key).Trim();
            if (text.Length == 0)
                return null;
            return Snmp.EngineId.TryParse(text, out var engineId, out var why)
                ? [.. engineId.Octets]
                : throw Error(key, $"must be 5 to 32 octets in hex, was '{text}' ({why})");
        }
    }
}
