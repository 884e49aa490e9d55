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
    Rfc3584,
    Reference,
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
    Respond,
    Suppress,
}

/// <summary>The trap-actors section of the configuration, read once; tweak in tests with <c>with { }</c>.</summary>
public sealed record TrapReceiverSettings
{
    public string GuardianName { get; init; } = "trap-actors";
    public bool AutoActivate { get; init; } = true;
    public ListenerSettings Listener { get; init; } = new();
    public SessionSettings Session { get; init; } = new();
    public DecodeLimits Codec { get; init; } = DecodeLimits.Default;
    public CommunitySettings Community { get; init; } = new();
    public V1TrapOidRule V1TrapOidRule { get; init; } = V1TrapOidRule.Rfc3584;
    public InformSettings Inform { get; init; } = new();

    /// <summary>The queue of a subscriber that subscribed without its own <see cref="Subscribe.Queue"/>.</summary>
    public SubscriberQueue Subscribers { get; init; } = SubscriberQueue.Default;
    public EventSettings Events { get; init; } = new();
    public UsmSettings Usm { get; init; } = new();
    public DtlsSettings Dtls { get; init; } = new();

    /// <summary>Access rules by trap-OID subtree and minimum security level (trap-actors.access).</summary>
    internal NotificationAccessSettings Access { get; init; } = NotificationAccessSettings.None;

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
                MaxSendSize = r.Int("dtls.max-send-size", 512, 65507),
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
                MaxRemoteEngines = r.Int("usm.max-remote-engines", 1),
                MaxLocalizedKeys = r.Int("usm.max-localized-keys", 1),
                AesKeyExtension = r.Enum<AesKeyExtensionMode>("usm.aes-key-extension"),
                ReportErrors = r.Bool("usm.report-errors"),
                MaxReportsPerSecond = r.Int("usm.max-reports-per-second", 1),
                RespondToDiscovery = r.Bool("usm.respond-to-discovery"),
                ShowPasswords = r.Bool("usm.show-passwords"),
                DecryptLogPackets = r.Bool("usm.decrypt-log-packets"),
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

public sealed record ListenerSettings
{
    public ImmutableArray<ListenEndpoint> Endpoints { get; init; } = [ListenEndpoint.Parse("udp:0.0.0.0:162")];
    public bool DualStack { get; init; } = true;
    public bool ShareLocalPort { get; init; }
    public bool ForceLocalPort { get; init; } = true;
    public int ReceiveBufferSize { get; init; } = 4 * 1024 * 1024;
    public int SendBufferSize { get; init; }
    public int MaxPacketSize { get; init; } = DecodeLimits.AbsoluteMaxDatagramSize;
    public bool AcceptData { get; init; } = true;
    public int MaxInFlight { get; init; } = 10_000;
}

public sealed record SessionSettings
{
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public int MaxSessions { get; init; } = 10_000;
    public int MaxPendingPerSource { get; init; } = 1024;
}

public sealed record CommunitySettings
{
    public ImmutableArray<string> Accepted { get; init; } = [];
    public bool AcceptAny { get; init; }

    public override string ToString() => $"CommunitySettings {{ Accepted = <{Accepted.Length} redacted>, AcceptAny = {AcceptAny} }}";
}

public sealed record InformSettings
{
    public InformAcknowledgeMode Acknowledge { get; init; } = InformAcknowledgeMode.OnReceipt;
    public TimeSpan DecisionTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public InformTimeoutAction OnTimeout { get; init; } = InformTimeoutAction.Respond;
    public int MaxResponseSize { get; init; } = 65507;

    /// <summary>How long an inform is remembered (by source, engine or community, and request-id) so that a retransmission is not delivered twice.</summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>How AES-192/256 keys are extended (trap-actors.usm.aes-key-extension; the reference's CompatibilityMode).</summary>
public enum AesKeyExtensionMode
{
    AsConfigured,
    Detect,
}

public sealed record UsmSettings
{
    public byte[]? LocalEngineId { get; init; }
    public int EngineEnterpriseNumber { get; init; }
    public string? StateDirectory { get; init; }
    public TimeSpan TimeWindow { get; init; } = TimeSpan.FromSeconds(150);
    public int MaxRemoteEngines { get; init; } = 10_000;
    public int MaxLocalizedKeys { get; init; } = 10_000;
    public AesKeyExtensionMode AesKeyExtension { get; init; } = AesKeyExtensionMode.AsConfigured;
    public bool ReportErrors { get; init; } = true;
    public int MaxReportsPerSecond { get; init; } = 100;
    public bool RespondToDiscovery { get; init; } = true;
    public bool ShowPasswords { get; init; }
    public bool DecryptLogPackets { get; init; }
}

/// <summary>SNMP over DTLS (trap-actors.dtls): the server identity, how clients are trusted and named, and the limits.</summary>
public sealed record DtlsSettings
{
    public string CertificateFile { get; init; } = "";
    public string KeyFile { get; init; } = "";
    public string Pkcs12File { get; init; } = "";
    public string Pkcs12PasswordFile { get; init; } = "";
    public string TrustAnchorsFile { get; init; } = "";
    public string CertMapFile { get; init; } = "";
    public ImmutableArray<string> CertMap { get; init; } = [];
    public bool SecurityNamePrefix { get; init; }
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public int MaxAssociations { get; init; } = 1000;
    public int MaxSendSize { get; init; } = 1400;
}

public sealed record EventSettings
{
    public bool PacketTrace { get; init; }
    public bool BadPacket { get; init; } = true;
    public int MaxPerSecond { get; init; } = 1000;
    public int MaxLogLinesPerSecond { get; init; } = 10;
}
