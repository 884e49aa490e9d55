using System.Collections.Immutable;
using TrapActors.Snmp;

namespace TrapActors;

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
