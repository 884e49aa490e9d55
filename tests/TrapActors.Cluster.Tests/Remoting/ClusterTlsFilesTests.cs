using TrapActors.Cluster.Remoting;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Cluster.Tests.Remoting;

/// <summary>Cluster TLS credentials from files, and the check of a peer's certificate against the cluster CA alone.</summary>
public sealed class ClusterTlsFilesTests : IDisposable
{
    private readonly ClusterPki _pki = new();

    [Fact]
    public void PEM_files_give_a_node_certificate_with_its_key_and_the_cluster_CA()
    {
        var (certificate, key) = _pki.WriteNodePem(ClusterPki.Node(_pki.ClusterCa, "node-1"), "node-1");
        var tls = ClusterTls.FromPemFiles(certificate, key, _pki.ClusterCaFile);
        Assert.True(tls.NodeCertificate.HasPrivateKey);
        Assert.Equal("CN=node-1", tls.NodeCertificate.Subject);
        Assert.Equal(_pki.ClusterCa.Thumbprint, Assert.Single(tls.ClusterCa).Thumbprint);
        Assert.True(tls.ToSetup().RequireMutualAuthentication);
        Assert.NotNull(tls.ToSetup().CustomValidator);
    }

    [Fact]
    public void A_missing_or_empty_file_is_named_in_the_error()
    {
        var (certificate, key) = _pki.WriteNodePem(ClusterPki.Node(_pki.ClusterCa, "node-1"), "node-1");
        var missing = Path.Combine(_pki.Directory, "missing.crt");
        Assert.Contains(missing, Assert.Throws<ClusterTlsException>(() => ClusterTls.FromPemFiles(certificate, key, missing)).Message);
        Assert.Contains(key, Assert.Throws<ClusterTlsException>(() => ClusterTls.FromPemFiles(key, key, _pki.ClusterCaFile)).Message);
        Assert.Contains("no PEM certificate", Assert.Throws<ClusterTlsException>(() => ClusterTls.LoadCa(key)).Message);
    }

    [Fact]
    public void Only_certificates_the_cluster_CA_issued_and_still_valid_are_accepted()
    {
        var validator = new ClusterCaValidator([_pki.ClusterCa]);
        Assert.Null(validator.Check(ClusterPki.Node(_pki.ClusterCa, "member")));
        Assert.Contains("does not chain to the cluster CA", validator.Check(ClusterPki.Node(_pki.OtherCa, "intruder")));
        Assert.Contains("does not chain to the cluster CA", validator.Check(_pki.OtherCa));
        Assert.NotNull(validator.Check(ClusterPki.Node(_pki.ClusterCa, "expired", notAfter: DateTimeOffset.UtcNow.AddHours(-1))));
    }

    /// <summary>docs/cluster.md's openssl commands, in <paramref name="dir"/>: cluster-ca.crt/key, node.crt, node.key.</summary>
    private static async Task OpenSslPkiAsync(string dir)
    {
        Directory.CreateDirectory(dir);
        const string script = """
            set -e
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj "/CN=trap-actors cluster CA" \
              -keyout cluster-ca.key -out cluster-ca.crt
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=node-1" -keyout node.key -out node.csr
            openssl x509 -req -in node.csr -CA cluster-ca.crt -CAkey cluster-ca.key -days 365 -out node.crt \
              -extfile <(printf "extendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=CA:FALSE")
            chmod 600 node.key
            """;
        var psi = new System.Diagnostics.ProcessStartInfo("bash") { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        using var process = System.Diagnostics.Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        Assert.True(process.ExitCode == 0, await stderr);
    }

    [Fact]
    public async Task Files_made_with_openssl_as_the_docs_show_load_and_only_their_own_CA_is_accepted()
    {
        Assert.True(File.Exists("/usr/bin/openssl"), "openssl is not installed");
        var cluster = Path.Combine(_pki.Directory, "cluster");
        var other = Path.Combine(_pki.Directory, "other");
        await OpenSslPkiAsync(cluster);
        await OpenSslPkiAsync(other);
        var node = ClusterTls.FromPemFiles(Path.Combine(cluster, "node.crt"), Path.Combine(cluster, "node.key"), Path.Combine(cluster, "cluster-ca.crt"));
        var intruder = ClusterTls.FromPemFiles(Path.Combine(other, "node.crt"), Path.Combine(other, "node.key"), Path.Combine(other, "cluster-ca.crt"));
        var validator = new ClusterCaValidator(node.ClusterCa);
        Assert.True(node.NodeCertificate.HasPrivateKey);
        Assert.Null(validator.Check(node.NodeCertificate));
        Assert.NotNull(validator.Check(intruder.NodeCertificate));
    }

    public void Dispose() => _pki.Dispose();
}
