using System.Collections.Immutable;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
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
    OnReceipt,
    BySubscriber,
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
    public EventSettings Events { get; init; } = new();
    public UsmSettings Usm { get; init; } = new();

    public static TrapReceiverSettings Create(ActorSystem system) => Create(system.Settings.Config);

    /// <summary>Reads trap-actors from <paramref name="config"/> (with the embedded defaults as fallback). Throws <see cref="ConfigurationException"/> on bad values.</summary>
    public static TrapReceiverSettings Create(Config config)
    {
        var c = config.WithFallback(TrapReceiverExtension.DefaultConfig()).GetConfig("trap-actors");
        var listener = c.GetConfig("listener");
        var session = c.GetConfig("session");
        var codec = c.GetConfig("codec");
        var community = c.GetConfig("community");
        var inform = c.GetConfig("inform");
        var events = c.GetConfig("events");
        var usm = c.GetConfig("usm");

        var endpoints = listener.GetStringList("endpoints").Select(e =>
            ListenEndpoint.TryParse(e, out var ep, out var error) ? ep : throw new ConfigurationException($"trap-actors.listener.endpoints: {error}"));

        var maxPacket = listener.GetInt("max-packet-size");
        if (maxPacket is < 1 or > DecodeLimits.AbsoluteMaxDatagramSize)
            throw new ConfigurationException($"trap-actors.listener.max-packet-size must be 1..{DecodeLimits.AbsoluteMaxDatagramSize}, was {maxPacket}");

        return new TrapReceiverSettings
        {
            GuardianName = c.GetString("guardian-name"),
            AutoActivate = c.GetBoolean("auto-activate"),
            Listener = new ListenerSettings
            {
                Endpoints = [.. endpoints],
                DualStack = listener.GetBoolean("dual-stack"),
                ShareLocalPort = listener.GetBoolean("share-local-port"),
                ForceLocalPort = listener.GetBoolean("force-local-port"),
                ReceiveBufferSize = NonNegative(listener, "receive-buffer-size"),
                SendBufferSize = NonNegative(listener, "send-buffer-size"),
                MaxPacketSize = maxPacket,
                AcceptData = listener.GetBoolean("accept-data"),
            },
            Session = new SessionSettings
            {
                IdleTimeout = Positive(session, "idle-timeout"),
                MaxSessions = AtLeastOne(session, "max-sessions"),
                MaxPendingPerSource = AtLeastOne(session, "max-pending-per-source"),
            },
            Codec = new DecodeLimits
            {
                MaxDatagramSize = maxPacket,
                MaxVarBinds = AtLeastOne(codec, "max-var-binds"),
                MaxNestingDepth = AtLeastOne(codec, "max-nesting-depth"),
                MaxOidArcs = AtLeastOne(codec, "max-oid-arcs"),
            },
            Community = new CommunitySettings
            {
                Accepted = [.. community.GetStringList("accepted")],
                AcceptAny = community.GetBoolean("accept-any"),
            },
            V1TrapOidRule = Enum<V1TrapOidRule>(c, "v1.trap-oid-rule"),
            Inform = new InformSettings
            {
                Acknowledge = Enum<InformAcknowledgeMode>(inform, "acknowledge"),
                DecisionTimeout = Positive(inform, "decision-timeout"),
                OnTimeout = Enum<InformTimeoutAction>(inform, "on-timeout"),
                MaxResponseSize = AtLeastOne(inform, "max-response-size"),
            },
            Events = new EventSettings
            {
                PacketTrace = events.GetBoolean("packet-trace"),
                BadPacket = events.GetBoolean("bad-packet"),
            },
            Usm = new UsmSettings
            {
                LocalEngineId = EngineIdOrNull(usm, "local-engine-id"),
                EngineEnterpriseNumber = NonNegative(usm, "engine-enterprise-number"),
                StateDirectory = usm.GetString("state-directory") is { Length: > 0 } dir ? dir : null,
                TimeWindow = Positive(usm, "time-window"),
                MaxRemoteEngines = AtLeastOne(usm, "max-remote-engines"),
                MaxLocalizedKeys = AtLeastOne(usm, "max-localized-keys"),
                AesKeyExtension = Enum<AesKeyExtensionMode>(usm, "aes-key-extension"),
                ReportErrors = usm.GetBoolean("report-errors"),
                RespondToDiscovery = usm.GetBoolean("respond-to-discovery"),
                ShowPasswords = usm.GetBoolean("show-passwords"),
                DecryptLogPackets = usm.GetBoolean("decrypt-log-packets"),
            },
        };
    }

    private static byte[]? EngineIdOrNull(Config c, string key)
    {
        var text = (c.GetString(key) ?? "").Replace(":", "").Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            text = text[2..];
        if (text.Length == 0)
            return null;
        try
        {
            var id = Convert.FromHexString(text);
            if (id.Length is >= 5 and <= 32)
                return id;
        }
        catch (FormatException)
        {
        }
        throw new ConfigurationException($"trap-actors.usm: {key} must be 5 to 32 octets in hex, was '{text}'");
    }

    private static int NonNegative(Config c, string key)
    {
        var v = c.GetInt(key);
        return v >= 0 ? v : throw new ConfigurationException($"trap-actors: {key} must be >= 0, was {v}");
    }

    private static int AtLeastOne(Config c, string key)
    {
        var v = c.GetInt(key);
        return v >= 1 ? v : throw new ConfigurationException($"trap-actors: {key} must be >= 1, was {v}");
    }

    private static TimeSpan Positive(Config c, string key)
    {
        var v = c.GetTimeSpan(key, allowInfinite: false);
        return v > TimeSpan.Zero ? v : throw new ConfigurationException($"trap-actors: {key} must be positive, was {v}");
    }

    /// <summary>Kebab-case value to enum member: "on-receipt" → OnReceipt.</summary>
    private static T Enum<T>(Config c, string key) where T : struct, System.Enum
    {
        var text = c.GetString(key) ?? "";
        var pascal = string.Concat(text.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        if (System.Enum.TryParse<T>(pascal, ignoreCase: true, out var value) && System.Enum.IsDefined(value))
            return value;
        var allowed = string.Join(" | ", System.Enum.GetNames<T>().Select(ToKebab));
        throw new ConfigurationException($"trap-actors: {key} = '{text}' is not one of {allowed}");
    }

    internal static string ToKebab(string pascal)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0 && !char.IsDigit(pascal[i - 1]))
                sb.Append('-');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}

public sealed record ListenerSettings
{
    public ImmutableArray<ListenEndpoint> Endpoints { get; init; } = [ListenEndpoint.Parse("udp:0.0.0.0:162")];
    public bool DualStack { get; init; } = true;
    public bool ShareLocalPort { get; init; }
    public bool ForceLocalPort { get; init; } = true;
    public int ReceiveBufferSize { get; init; }
    public int SendBufferSize { get; init; }
    public int MaxPacketSize { get; init; } = DecodeLimits.AbsoluteMaxDatagramSize;
    public bool AcceptData { get; init; } = true;
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
    public bool RespondToDiscovery { get; init; } = true;
    public bool ShowPasswords { get; init; }
    public bool DecryptLogPackets { get; init; }
}

public sealed record EventSettings
{
    public bool PacketTrace { get; init; }
    public bool BadPacket { get; init; } = true;
}
