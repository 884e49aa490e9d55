using System.CommandLine;

namespace TrapActors.Daemon;

/// <summary>The command-line options of the cluster's mutual TLS, and --cluster-insecure.</summary>
internal static class ClusterCommandLine
{
    private static readonly Option<string> Certificate = CommandLine.Single<string>("--cluster-cert", "FILE",
        "Cluster TLS: this node's certificate (PEM), issued by --cluster-ca.", CommandLine.AsIs);

    private static readonly Option<string> Key = CommandLine.Single<string>("--cluster-key", "FILE",
        "Cluster TLS: this node's private key (PEM, unencrypted).", CommandLine.AsIs);

    private static readonly Option<string> Pkcs12 = CommandLine.Single<string>("--cluster-pfx", "FILE",
        "Cluster TLS: certificate and key as PKCS#12, instead of --cluster-cert/--cluster-key.", CommandLine.AsIs);

    private static readonly Option<string> Pkcs12PasswordFile = CommandLine.Single<string>("--cluster-pfx-password-file", "FILE",
        "Cluster TLS: the file whose first line is the PKCS#12 password.", CommandLine.AsIs);

    private static readonly Option<string> Ca = CommandLine.Single<string>("--cluster-ca", "FILE", """
        Cluster TLS: PEM CA certificates the other nodes' certificates must
        chain to. With TLS every node presents its certificate and accepts
        only peers whose certificate this CA issued.
        """, CommandLine.AsIs);

    /// <summary>--cluster-insecure.</summary>
    public static readonly Option<bool> Insecure = CommandLine.Flag("--cluster-insecure", """
        Allow --cluster-host other than loopback without cluster TLS (a warning
        is printed): any host that reaches the port can then join the cluster.
        """);

    /// <summary>The options, in the order the help lists them.</summary>
    public static Option[] Options { get; } = [Certificate, Key, Pkcs12, Pkcs12PasswordFile, Ca, Insecure];

    public static ClusterTlsFiles TlsFiles(ParseResult result) => new()
    {
        Certificate = result.GetValue(Certificate),
        Key = result.GetValue(Key),
        Pkcs12 = result.GetValue(Pkcs12),
        Pkcs12PasswordFile = result.GetValue(Pkcs12PasswordFile),
        Ca = result.GetValue(Ca),
    };

    /// <summary>
    /// "" when the cluster options may go together; otherwise the problem, one line. Whether the TLS files make a whole is
    /// checked with the configuration (<see cref="ClusterTlsFiles.Problem"/>).
    /// </summary>
    public static string Problem(DaemonOptions options) =>
        options.ClusterPort is null && options.ClusterTls.Given ? "the cluster TLS options (--cluster-cert, --cluster-key, --cluster-pfx, --cluster-ca) need --cluster-port"
        : options.ClusterTls.Given && options.ClusterInsecure ? "--cluster-insecure and the cluster TLS options exclude each other"
        : "";
}
