using System.Net;
using Akka.Configuration;

namespace TrapActors.Daemon;

/// <summary>
/// Whether the daemon's remoting (cluster mode) would listen beyond this host without mutual TLS: refused, unless
/// --cluster-insecure accepts it (then a warning). Remoting without TLS lets any host that reaches the port join the
/// cluster, read the replicated SNMPv3 keys and every notification, and add users of its own.
/// </summary>
public static class ClusterExposure
{
    /// <summary>The options that make the cluster safe, as the error and the warning name them.</summary>
    public const string TlsOptions = "--cluster-cert and --cluster-key (or --cluster-pfx) with --cluster-ca";

    /// <summary>The address remoting binds when it is on and not on loopback without the daemon's TLS; otherwise null.</summary>
    public static string? ExposedAddress(DaemonOptions options, Config config)
    {
        var provider = config.GetString("akka.actor.provider", "local") ?? "local";
        var remoting = provider.Equals("cluster", StringComparison.OrdinalIgnoreCase) || provider.Equals("remote", StringComparison.OrdinalIgnoreCase)
            || provider.Contains("Cluster", StringComparison.Ordinal) || provider.Contains("Remote", StringComparison.Ordinal);
        if (!remoting || options.ClusterTls.Given)
            return null;
        var host = config.GetString("akka.remote.dot-netty.tcp.hostname", "") ?? "";
        return IsLoopback(host) ? null : host.Length == 0 ? "0.0.0.0" : host;
    }

    /// <summary>The refusal ("" when there is none): exposed without TLS and without --cluster-insecure.</summary>
    public static string Error(DaemonOptions options, Config config) =>
        options.ClusterInsecure || ExposedAddress(options, config) is not { } address ? ""
        : $"refusing to open the cluster port on {address} without mutual TLS: any host that reaches it could join the cluster, " +
          $"read the replicated SNMPv3 keys and the notifications, and add users; give {TlsOptions}, bind it to loopback " +
          "(--cluster-host 127.0.0.1), or accept the risk with --cluster-insecure";

    /// <summary>The warning under --cluster-insecure, or null.</summary>
    public static string? Warning(DaemonOptions options, Config config) =>
        options.ClusterInsecure && ExposedAddress(options, config) is { } address
            ? $"--cluster-insecure: the cluster port on {address} has no TLS: any host that reaches it can join the cluster, read the " +
              $"replicated SNMPv3 keys and the notifications, and add users ({TlsOptions} prevent it)"
            : null;

    /// <summary>Loopback addresses and "localhost"; an empty host (every address) and other names are not.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
