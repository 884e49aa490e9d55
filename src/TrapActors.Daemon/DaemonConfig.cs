using System.Text;
using System.Text.RegularExpressions;
using Akka.Configuration;
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
    /// receiver's settings. On failure <paramref name="error"/> is one line.
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
                "and a generated engine ID changes, at every start; inform senders must rediscover this engine each time";
    }

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
        var sb = new StringBuilder("trap-actors {\n");
        if (!options.Listen.IsEmpty)
            sb.Append("  listener.endpoints = [").Append(string.Join(", ", options.Listen.Select(e => Quote(e.ToString())))).Append("]\n");
        if (!options.Communities.IsEmpty)
            sb.Append("  community.accepted = []\n");
        if (options.AcceptAnyCommunity)
            sb.Append("  community.accept-any = on\n");
        if (!options.EngineId.IsEmpty)
            sb.Append("  usm.local-engine-id = ").Append(Quote(EngineId.Format(options.EngineId.AsSpan()))).Append('\n');
        if (options.StateDirectory is { } stateDirectory)
            sb.Append("  usm.state-directory = ").Append(Quote(stateDirectory)).Append('\n');
        foreach (var (key, path) in options.DtlsFiles.OrderBy(f => f.Key, StringComparer.Ordinal))
            sb.Append("  dtls.").Append(key).Append(" = ").Append(Quote(Path.GetFullPath(path))).Append('\n');
        sb.Append("}\n");
        if (options.ClusterPort is { } port)
        {
            var seeds = options.SeedNodes.IsEmpty ? [$"{options.ClusterHost}:{port}"] : options.SeedNodes;
            sb.Append("akka {\n  actor.provider = cluster\n")
                .Append("  remote.dot-netty.tcp { hostname = ").Append(Quote(options.ClusterHost)).Append(", port = ").Append(port).Append(" }\n")
                .Append("  cluster.seed-nodes = [").Append(string.Join(", ", seeds.Select(s => Quote($"akka.tcp://{SystemName}@{s}")))).Append("]\n")
                .Append("  cluster.roles = [").Append(Quote(options.Role == ClusterRole.Receiver ? "receiver" : "subscriber")).Append("]\n")
                // USM secrets are replicated among receiver nodes only.
                .Append("  cluster.distributed-data.role = \"receiver\"\n}\n");
        }
        return sb.ToString();
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    internal static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
