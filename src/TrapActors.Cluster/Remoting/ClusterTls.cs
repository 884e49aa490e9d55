using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor.Setup;
using Akka.Remote.Transport.DotNetty;

namespace TrapActors.Cluster.Remoting;

/// <summary>
/// Mutual TLS for the cluster's remoting (Akka.Remote's DotNetty TCP transport): this node's certificate and private key,
/// and the cluster CA. Both ends of every connection present a certificate, and a peer is accepted only when its
/// certificate chains to the cluster CA (never to the operating system's trust store; the host name is not checked, so
/// every certificate the cluster CA issued is a member: use a CA for the cluster alone). An ActorSystem needs both
/// <see cref="Hocon"/> in its configuration and <see cref="ToSetup"/> in its setup; with Akka.Hosting,
/// <c>WithTrapReceiverCluster(o =&gt; o.Tls = ...)</c> adds both.
/// </summary>
public sealed class ClusterTls
{
    /// <summary>Turns TLS on for Akka.Remote; node addresses then use the <see cref="Protocol"/> scheme.</summary>
    public const string Hocon = "akka.remote.dot-netty.tcp.enable-ssl = on";

    /// <summary>The scheme of node addresses with TLS (seed nodes: <c>akka.ssl.tcp://system@host:port</c>).</summary>
    public const string Protocol = "akka.ssl.tcp";

    /// <param name="nodeCertificate">This node's certificate, with its private key; presented to every peer.</param>
    /// <param name="clusterCa">The CA certificate(s) a peer's certificate must chain to.</param>
    public ClusterTls(X509Certificate2 nodeCertificate, X509Certificate2Collection clusterCa)
    {
        ArgumentNullException.ThrowIfNull(nodeCertificate);
        ArgumentNullException.ThrowIfNull(clusterCa);
        if (!nodeCertificate.HasPrivateKey)
            throw new ArgumentException("the node certificate has no private key", nameof(nodeCertificate));
        if (clusterCa.Count == 0)
            throw new ArgumentException("no cluster CA certificate", nameof(clusterCa));
        NodeCertificate = nodeCertificate;
        ClusterCa = clusterCa;
    }

    /// <summary>This node's certificate, with its private key.</summary>
    public X509Certificate2 NodeCertificate { get; }

    /// <summary>The CA certificate(s) peers' certificates must chain to.</summary>
    public X509Certificate2Collection ClusterCa { get; }

    /// <summary>
    /// From PEM files: the node certificate (the first one in the file; it is sent alone, so the CA file must hold the CA
    /// that issued it), its unencrypted private key, and the cluster CA certificate(s). Throws <see cref="ClusterTlsException"/> naming the file that is wrong.
    /// </summary>
    public static ClusterTls FromPemFiles(string certificateFile, string keyFile, string caFile)
    {
        X509Certificate2 node;
        try
        {
            node = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ClusterTlsException($"cluster certificate '{certificateFile}' with key '{keyFile}': {e.Message}", e);
        }
        return new ClusterTls(NonEphemeral(node), LoadCa(caFile));
    }

    /// <summary>From a PKCS#12 file (node certificate and key) and its password, and the cluster CA's PEM file.</summary>
    public static ClusterTls FromPkcs12File(string pkcs12File, string? password, string caFile)
    {
        X509Certificate2 node;
        try
        {
            node = X509CertificateLoader.LoadPkcs12FromFile(pkcs12File, password);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ClusterTlsException($"cluster PKCS#12 file '{pkcs12File}': {e.Message}", e);
        }
        if (!node.HasPrivateKey)
            throw new ClusterTlsException($"cluster PKCS#12 file '{pkcs12File}': the certificate has no private key");
        return new ClusterTls(node, LoadCa(caFile));
    }

    /// <summary>The CA certificates of a PEM file (at least one).</summary>
    public static X509Certificate2Collection LoadCa(string caFile)
    {
        var ca = new X509Certificate2Collection();
        try
        {
            ca.ImportFromPemFile(caFile);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ClusterTlsException($"cluster CA file '{caFile}': {e.Message}", e);
        }
        if (ca.Count == 0)
            throw new ClusterTlsException($"cluster CA file '{caFile}': no PEM certificate in it");
        return ca;
    }

    /// <summary>
    /// Akka.Remote's TLS setup: this node's certificate for both directions, the peer's certificate required
    /// (mutual authentication), and <see cref="ClusterCaValidator"/> as the only check of the peer's certificate.
    /// </summary>
    public DotNettySslSetup ToSetup() =>
        new(NodeCertificate, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false,
            customValidator: new ClusterCaValidator(ClusterCa).Validate);

    /// <summary>Adds <see cref="ToSetup"/> to an ActorSystem's setup (the configuration also needs <see cref="Hocon"/>).</summary>
    public ActorSystemSetup AddTo(ActorSystemSetup setup) => setup.And(ToSetup());

    /// <summary>
    /// A key made by CreateFromPemFile is ephemeral; some platforms' TLS stacks cannot use such a key, so it is round-tripped
    /// through PKCS#12 (in memory) once.
    /// </summary>
    private static X509Certificate2 NonEphemeral(X509Certificate2 certificate)
    {
        using (certificate)
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}

/// <summary>A cluster TLS file that cannot be read or used; the message names the file.</summary>
public sealed class ClusterTlsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterTlsException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
