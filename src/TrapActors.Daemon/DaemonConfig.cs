using System.Text.RegularExpressions;
using Akka.Configuration;
using TrapActors.Configuration;
using TrapActors.Snmp;

namespace TrapActors.Daemon;

/// <summary>
/// The daemon's configuration, in layers (highest first): command-line options, the --config file,
/// the daemon's own defaults (<see cref="Defaults"/>), and the library's reference.conf.
/// </summary>
public static partial class DaemonConfig
{
    /// <summary>The daemon's ActorSystem name: every node of a daemon cluster has it (it is part of the seed addresses).</summary>
    public const string SystemName = "trapactors";

    /// <summary>What the daemon runs on with no arguments: UDP 162 on every address, community "public".</summary>
    public const string Defaults = """
        trap-actors {
          listener.endpoints = ["udp:0.0.0.0:162"]
          community.accepted = ["public"]
          # The printer is the daemon's only subscriber: when output cannot keep up, stop reading (the storm waits in
          # the receive buffer and what overflows it is counted as socketBufferDrops) rather than drop lines.
          subscribers.overflow = back-pressure
        }
        akka {
          # Standard output carries notifications only: Akka's start-up and shutdown logger writes to Serilog (standard error) too.
          stdout-logger-class = "TrapActors.Daemon.SerilogMinimalLogger, TrapActors.Daemon"
          stdout-loglevel = WARNING
          log-dead-letters-during-shutdown = off
          coordinated-shutdown.phases.service-unbind.timeout = 15 s
          coordinated-shutdown.phases.service-requests-done.timeout = 30 s
        }
        """;

    /// <summary>
    /// The layered configuration without reference.conf (the receiver adds it), validated against the
    /// receiver's settings. On failure <paramref name="error"/> is one line per problem.
    /// </summary>
    public static bool TryBuild(DaemonOptions options, out Config config, out TrapReceiverSettings settings, out string error)
    {
        config = Config.Empty;
        settings = null!;
        var layers = ConfigurationFactory.ParseString(Overrides(options));
        if (options.ConfigFile is { } path)
        {
            if (!TryLoadFile(path, out var file, out error))
                return false;
            if (UnknownKeys(path, file) is { Length: > 0 } unknown)
            {
                error = unknown;
                return false;
            }
            layers = layers.WithFallback(file);
        }
        layers = layers.WithFallback(ConfigurationFactory.ParseString(Defaults)).WithFallback(TrapActors.Serialization.TrapActorsSerialization.Config)
            .WithFallback(TrapActors.Cluster.UsmReplication.UsmUserReplication.Config);

        try
        {
            settings = TrapReceiverSettings.Create(layers.WithFallback(TrapReceiverExtension.DefaultConfig()));
        }
        catch (Exception e)
        {
            error = $"invalid configuration: {OneLine(e.Message)}";
            return false;
        }
        if (settings.Usm.StateDirectory is { } stateDirectory && File.Exists(stateDirectory))
        {
            error = $"invalid configuration: the state directory '{stateDirectory}' is a file";
            return false;
        }
        if (options.ClusterTls.Problem() is { Length: > 0 } tls)
        {
            error = tls;
            return false;
        }
        if (ClusterExposure.Error(options, layers) is { Length: > 0 } exposed)
        {
            error = exposed;
            return false;
        }
        if (settings.Listener.Endpoints.IsEmpty)
        {
            error = "invalid configuration: no endpoint to listen on (trap-actors.listener.endpoints is empty)";
            return false;
        }
        config = layers;
        error = "";
        return true;
    }

    /// <summary>Things that are allowed but probably not meant (never mentions a community by name).</summary>
    public static IEnumerable<string> Warnings(DaemonOptions options, TrapReceiverSettings settings)
    {
        if (!settings.Community.AcceptAny && settings.Community.Accepted.IsEmpty && options.Communities.IsEmpty)
            yield return "No community is accepted (trap-actors.community.accepted is empty): every v1/v2c notification will be dropped";
        if (options.UsersFile is not null && settings.Usm.StateDirectory is null)
            yield return "No state directory (--state-dir, trap-actors.usm.state-directory): the SNMPv3 engine boots restart at 1, " +
                "and a generated engine ID changes, at every start; inform senders must rediscover this engine each time; " +
                "remote engines' clocks are forgotten, so captured v3 traps can be replayed after a restart";
        foreach (var warning in SecretFilePermissions.Warnings(options, settings))
            yield return warning;
    }

    /// <summary>
    /// "FILE: unknown key trap-actors.session.max-sesions (did you mean trap-actors.session.max-sessions?)", one line per
    /// key under trap-actors that neither the receiver's nor the cluster's reference.conf knows; "" when there is none.
    /// </summary>
    public static string UnknownKeys(string path, Config file) =>
        string.Join('\n', UnknownConfigKeys.Find(file, TrapReceiverExtension.DefaultConfig(), TrapActors.Cluster.ClusterFanOutSettings.DefaultConfig())
            .Select(key => $"{path}: {key}"));

    /// <summary>Reads and parses a HOCON file; an empty file is an empty configuration.</summary>
    public static bool TryLoadFile(string path, out Config config, out string error)
    {
        config = Config.Empty;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read config file '{path}': {OneLine(e.Message)}";
            return false;
        }
        string? problem;
        try
        {
            problem = HoconSyntax.CheckStructure(text);
            if (problem is null && !string.IsNullOrWhiteSpace(text))
            {
                config = ConfigurationFactory.ParseString(text);
                problem = HoconSyntax.CheckValues(config);
            }
        }
        catch (Exception e)
        {
            problem = e.Message;
        }
        error = problem is null ? "" : $"invalid config file '{path}': {OneLine(problem)}";
        return problem is null;
    }

    /// <summary>The command-line options as HOCON. Communities and USM users stay out of it (they go into the receiver's setup).</summary>
    public static string Overrides(DaemonOptions options)
    {
        var w = new HoconWriter().BeginObject("trap-actors")
            .Strings("listener.endpoints", options.Listen.IsEmpty ? null : options.Listen.Select(e => e.ToString()))
            .Strings("community.accepted", options.Communities.IsEmpty ? null : [])
            .Switch("community.accept-any", options.AcceptAnyCommunity ? true : null)
            .String("usm.local-engine-id", options.EngineId.IsEmpty ? null : EngineId.Format(options.EngineId.AsSpan()))
            .String("usm.state-directory", options.StateDirectory);
        foreach (var (key, path) in options.DtlsFiles.OrderBy(f => f.Key, StringComparer.Ordinal))
            w.String("dtls." + key, Path.GetFullPath(path));
        w.EndObject();
        if (options.ClusterPort is { } port)
        {
            var seeds = options.SeedNodes.IsEmpty ? [$"{options.ClusterHost}:{port}"] : options.SeedNodes;
            var scheme = options.ClusterTls.Given ? TrapActors.Cluster.Remoting.ClusterTls.Protocol : "akka.tcp";
            w.BeginObject("akka")
                .String("actor.provider", "cluster")
                .Switch("remote.dot-netty.tcp.enable-ssl", options.ClusterTls.Given ? true : null)
                .String("remote.dot-netty.tcp.hostname", options.ClusterHost)
                .Number("remote.dot-netty.tcp.port", port)
                .Strings("cluster.seed-nodes", seeds.Select(s => $"{scheme}://{SystemName}@{s}"))
                .Strings("cluster.roles", [options.Role == ClusterRole.Receiver ? "receiver" : "subscriber"])
                // USM secrets are replicated among receiver nodes only.
                .String("cluster.distributed-data.role", "receiver")
                .EndObject();
        }
        return w.ToString();
    }

    internal static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
