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

    public void Dispose() => _pki.Dispose();
}
