using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TrapActors.Testing;

/// <summary>
/// Two throw-away CAs minted with .NET's CertificateRequest (EC P-256) and node certificates each issued: "cluster CA"
/// (the cluster's own) and "other CA" (an intruder's). Every certificate is also written as PEM (certificate, key) into a
/// temp directory that Dispose deletes.
/// </summary>
public sealed class ClusterPki : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public ClusterPki()
    {
        Directory = Path.Combine(Path.GetTempPath(), "trapactors-cluster-pki-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        ClusterCa = Ca("TrapActors Cluster CA");
        OtherCa = Ca("Some Other CA");
        ClusterCaFile = WritePem("cluster-ca.crt", ClusterCa.ExportCertificatePem());
        OtherCaFile = WritePem("other-ca.crt", OtherCa.ExportCertificatePem());
    }

    public string Directory { get; }

    public X509Certificate2 ClusterCa { get; }

    public X509Certificate2 OtherCa { get; }

    public string ClusterCaFile { get; }

    public string OtherCaFile { get; }

    /// <summary>A node certificate issued by <paramref name="issuer"/> (clientAuth and serverAuth), with its private key.</summary>
    public static X509Certificate2 Node(X509Certificate2 issuer, string name, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var issued = request.Create(issuer, Now.AddDays(-1), notAfter ?? Now.AddDays(30), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Through PKCS#12: an ephemeral key is not usable by every platform's TLS stack.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes <paramref name="node"/>'s certificate and key as PEM files; returns their paths.</summary>
    public (string CertificateFile, string KeyFile) WriteNodePem(X509Certificate2 node, string name)
    {
        using var key = node.GetECDsaPrivateKey()!;
        return (WritePem(name + ".crt", node.ExportCertificatePem()), WritePem(name + ".key", key.ExportPkcs8PrivateKeyPem()));
    }

    private X509Certificate2 Ca(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var ca = request.CreateSelfSigned(Now.AddDays(-2), Now.AddDays(60));
        return X509CertificateLoader.LoadPkcs12(ca.Export(X509ContentType.Pkcs12), null);
    }

    private string WritePem(string name, string pem)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, pem);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }
}
