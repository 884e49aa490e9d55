using System.Net;
using System.Net.Sockets;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// The daemon refuses to open its cluster port beyond loopback without mutual TLS, unless --cluster-insecure (then it
/// warns); with the TLS options the configuration turns Akka.Remote's TLS on and seeds use the TLS scheme.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class ClusterExposureTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ClusterPki _pki = new();

    public void Dispose() => _pki.Dispose();

    private static DaemonOptions Parse(params string[] args)
    {
        Assert.True(CommandLine.TryParse(args, out var options, out var error), error);
        return options;
    }

    private static string BuildError(DaemonOptions options)
    {
        Assert.False(DaemonConfig.TryBuild(options, out _, out _, out var error));
        return error;
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.0.0.1")]
    [InlineData("nodes.example.org")]
    public void A_cluster_port_beyond_loopback_without_TLS_is_refused_naming_the_options(string host)
    {
        var error = BuildError(Parse("--cluster-port", "4053", "--cluster-host", host));
        Assert.StartsWith($"refusing to open the cluster port on {host} without mutual TLS", error);
        Assert.Contains("--cluster-cert", error);
        Assert.Contains("--cluster-ca", error);
        Assert.Contains("--cluster-insecure", error);
    }

    [Fact]
    public void A_configuration_file_that_turns_remoting_on_for_every_address_is_refused_too()
    {
        var file = Path.Combine(_pki.Directory, "remote.conf");
        File.WriteAllText(file, "akka.actor.provider = cluster\nakka.remote.dot-netty.tcp.port = 4053\n");
        Assert.StartsWith("refusing to open the cluster port on 0.0.0.0", BuildError(Parse("--config", file)));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("::1")]
    [InlineData("localhost")]
    public void A_loopback_cluster_port_needs_no_TLS(string host)
    {
        var options = Parse("--cluster-port", "4053", "--cluster-host", host);
        Assert.True(DaemonConfig.TryBuild(options, out var config, out _, out var error), error);
        Assert.Null(ClusterExposure.Warning(options, config));
    }

    [Fact]
    public void Cluster_insecure_allows_it_with_a_warning()
    {
        var options = Parse("--cluster-port", "4053", "--cluster-host", "0.0.0.0", "--cluster-insecure");
        Assert.True(DaemonConfig.TryBuild(options, out var config, out _, out var error), error);
        Assert.StartsWith("--cluster-insecure: the cluster port on 0.0.0.0 has no TLS", ClusterExposure.Warning(options, config));
    }

    [Fact]
    public void With_the_TLS_options_remoting_uses_TLS_and_the_seeds_its_scheme()
    {
        var (certificate, key) = _pki.WriteNodePem(ClusterPki.Node(_pki.ClusterCa, "node"), "node");
        var options = Parse("--cluster-port", "4053", "--cluster-host", "10.0.0.1", "--seed-node", "10.0.0.2:4053",
            "--cluster-cert", certificate, "--cluster-key", key, "--cluster-ca", _pki.ClusterCaFile);
        Assert.True(DaemonConfig.TryBuild(options, out var config, out _, out var error), error);
        Assert.True(config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));
        Assert.Equal(["akka.ssl.tcp://trapactors@10.0.0.2:4053"], config.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal("CN=node", options.ClusterTls.Load().NodeCertificate.Subject);
    }

    [Theory]
    [InlineData("cluster TLS needs --cluster-ca", "--cluster-port", "4053", "--cluster-cert", "n.crt", "--cluster-key", "n.key")]
    [InlineData("cluster TLS needs --cluster-cert with --cluster-key, or --cluster-pfx", "--cluster-port", "4053", "--cluster-cert", "n.crt", "--cluster-ca", "ca.crt")]
    [InlineData("--cluster-pfx replaces", "--cluster-port", "4053", "--cluster-pfx", "n.p12", "--cluster-key", "n.key", "--cluster-ca", "ca.crt")]
    [InlineData("need --cluster-port", "--cluster-ca", "ca.crt", "--cluster-pfx", "n.p12")]
    [InlineData("exclude each other", "--cluster-port", "4053", "--cluster-insecure", "--cluster-ca", "ca.crt", "--cluster-pfx", "n.p12")]
    public void Incomplete_TLS_options_are_refused(string expected, params string[] args)
    {
        var error = CommandLine.TryParse(args, out var options, out var parseError) ? BuildError(options) : parseError;
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task The_daemon_exits_with_the_refusal_before_opening_anything()
    {
        var (code, stdout, stderr) = await DaemonProcess.RunAsync(Timeout, "--listen", "udp:127.0.0.1:0", "--cluster-port", "4053", "--cluster-host", "0.0.0.0");
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(stderr, l => l.StartsWith("trapactors: refusing to open the cluster port on 0.0.0.0 without mutual TLS", StringComparison.Ordinal)
            && l.Contains("--cluster-insecure", StringComparison.Ordinal));
        Assert.DoesNotContain(stderr, l => l.StartsWith("listening", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_daemon_warns_under_cluster_insecure()
    {
        // The wildcard port is taken (by this test, port 0): the daemon warns, then cannot bind it, and never listens.
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, _, stderr) = await DaemonProcess.RunAsync(Timeout, "--listen", "udp:127.0.0.1:0", "--cluster-port", $"{port}",
            "--cluster-host", "0.0.0.0", "--cluster-insecure");
        Assert.Equal(1, code);
        Assert.Contains(stderr, l => l.Contains($"--cluster-insecure: the cluster port on 0.0.0.0 has no TLS", StringComparison.Ordinal));
        Assert.Contains(stderr, l => l.StartsWith("trapactors: cannot start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cluster_file_that_cannot_be_read_is_named()
    {
        var missing = Path.Combine(_pki.Directory, "missing.key");
        var (code, _, stderr) = await DaemonProcess.RunAsync(Timeout, "--listen", "udp:127.0.0.1:0", "--cluster-port", "4053",
            "--cluster-cert", _pki.ClusterCaFile, "--cluster-key", missing, "--cluster-ca", _pki.ClusterCaFile);
        Assert.Equal(2, code);
        Assert.Contains(stderr, l => l.StartsWith("trapactors: cluster certificate", StringComparison.Ordinal) && l.Contains(missing, StringComparison.Ordinal));
    }
}
