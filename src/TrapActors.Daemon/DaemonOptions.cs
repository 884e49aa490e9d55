using System.Collections.Immutable;

namespace TrapActors.Daemon;

/// <summary>How notifications are written to standard output.</summary>
public enum OutputFormat
{
    /// <summary>One JSON object per line (the default).</summary>
    Json,

    /// <summary>One human-readable line per notification.</summary>
    Text,
}

/// <summary>The daemon's command line, parsed by <see cref="CommandLine"/>.</summary>
public sealed record DaemonOptions
{
    /// <summary>Endpoints from --listen; empty: the configuration's (default udp:0.0.0.0:162).</summary>
    public ImmutableArray<ListenEndpoint> Listen { get; init; } = [];

    /// <summary>A HOCON file layered over the defaults (--config).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Communities from --community; when any is given they replace every configured one. Secret: never printed.</summary>
    public ImmutableArray<string> Communities { get; init; } = [];

    public bool AcceptAnyCommunity { get; init; }

    /// <summary>SNMPv3 USM users in net-snmp's createUser syntax (--users-file); read by <see cref="Daemon.UsersFile"/>.</summary>
    public string? UsersFile { get; init; }

    /// <summary>The local engine ID (--engine-id, 5..32 octets): trap-actors.usm.local-engine-id. Empty: the configuration's.</summary>
    public ImmutableArray<byte> EngineId { get; init; } = [];

    /// <summary>Where the engine ID and boots are kept (--state-dir): trap-actors.usm.state-directory.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>DTLS: file paths for trap-actors.dtls.* (--cert, --key, --pfx, --pfx-password-file, --ca, --cert-map), by key.</summary>
    public ImmutableDictionary<string, string> DtlsFiles { get; init; } = ImmutableDictionary<string, string>.Empty;

    public OutputFormat Format { get; init; } = OutputFormat.Json;

    /// <summary>True when --format was given (a cluster receiver node prints only then).</summary>
    public bool FormatGiven { get; init; }

    /// <summary>Cluster mode (--cluster-port): this node's Akka.Remote port, its host (--cluster-host), the seeds and its role.</summary>
    public int? ClusterPort { get; init; }

    public string ClusterHost { get; init; } = "127.0.0.1";

    public ImmutableArray<string> SeedNodes { get; init; } = [];

    public ClusterRole Role { get; init; } = ClusterRole.Receiver;

    /// <summary>The cluster's mutual TLS files (--cluster-cert, --cluster-key, --cluster-pfx, --cluster-pfx-password-file, --cluster-ca).</summary>
    public ClusterTlsFiles ClusterTls { get; init; } = new();

    /// <summary>--cluster-insecure: remoting may listen beyond loopback without TLS (with a warning).</summary>
    public bool ClusterInsecure { get; init; }

    /// <summary>MIB directories from --mib-dir; empty: <see cref="DaemonMibs.DefaultDirectories"/>.</summary>
    public ImmutableArray<string> MibDirectories { get; init; } = [];

    /// <summary>MIB modules from --mibs (net-snmp's -m); empty: all found.</summary>
    public ImmutableArray<string> MibModules { get; init; } = [];

    /// <summary>--no-mibs: load no MIB, print OIDs only.</summary>
    public bool NoMibs { get; init; }

    /// <summary>--metrics HOST:PORT: where /metrics and /healthz are served (<see cref="MetricsEndpoint"/>); null: nowhere.</summary>
    public MetricsAddress? Metrics { get; init; }

    /// <summary>--stats-interval SECONDS: the counters on standard error this often (<see cref="StatsTicker"/>); null: at shutdown only.</summary>
    public TimeSpan? StatsInterval { get; init; }

    public bool Verbose { get; init; }

    public bool Help { get; init; }

    /// <summary>--version: print the version and exit.</summary>
    public bool Version { get; init; }

    public override string ToString() =>
        $"DaemonOptions {{ Listen = [{string.Join(", ", Listen)}], ConfigFile = {ConfigFile ?? "(none)"}, " +
        $"Communities = <{Communities.Length} redacted>, AcceptAnyCommunity = {AcceptAnyCommunity}, UsersFile = {UsersFile ?? "(none)"}, " +
        $"EngineId = {(EngineId.IsEmpty ? "(configured)" : Snmp.EngineId.Format(EngineId.AsSpan()))}, StateDirectory = {StateDirectory ?? "(configured)"}, DtlsFiles = [{string.Join(", ", DtlsFiles.Keys)}], Format = {Format}, Cluster = {(ClusterPort is { } p ? $"{ClusterHost}:{p} {Role}, seeds [{string.Join(", ", SeedNodes)}]{(ClusterTls.Given ? $", {ClusterTls}" : "")}{(ClusterInsecure ? ", insecure" : "")}" : "off")}, Mibs = {(NoMibs ? "off" : $"[{string.Join(", ", MibModules)}] from [{string.Join(", ", MibDirectories)}]")}, Metrics = {Metrics?.ToString() ?? "off"}, StatsInterval = {StatsInterval?.ToString() ?? "off"}, Verbose = {Verbose}, Help = {Help}, Version = {Version} }}";
}

/// <summary>What a daemon in a cluster does (--role).</summary>
public enum ClusterRole
{
    /// <summary>Listens for notifications and publishes them to the cluster; prints them itself only with --format.</summary>
    Receiver,

    /// <summary>Listens to nothing; prints the notifications received anywhere in the cluster.</summary>
    Subscriber,
}

