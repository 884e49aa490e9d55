using TrapActors.Cluster.Remoting;

namespace TrapActors.Daemon;

/// <summary>
/// The files of the cluster's mutual TLS (--cluster-cert and --cluster-key, or --cluster-pfx with
/// --cluster-pfx-password-file; and --cluster-ca), as given on the command line.
/// </summary>
public sealed record ClusterTlsFiles
{
    /// <summary>This node's certificate, PEM (--cluster-cert).</summary>
    public string? Certificate { get; init; }

    /// <summary>Its private key, PEM, unencrypted (--cluster-key).</summary>
    public string? Key { get; init; }

    /// <summary>Certificate and key as PKCS#12 (--cluster-pfx).</summary>
    public string? Pkcs12 { get; init; }

    /// <summary>A file whose first line is the PKCS#12 password (--cluster-pfx-password-file).</summary>
    public string? Pkcs12PasswordFile { get; init; }

    /// <summary>PEM CA certificates the other nodes' certificates must chain to (--cluster-ca).</summary>
    public string? Ca { get; init; }

    /// <summary>True when any of the options was given.</summary>
    public bool Given => Certificate is not null || Key is not null || Pkcs12 is not null || Pkcs12PasswordFile is not null || Ca is not null;

    /// <summary>"" when the options make a whole: a CA and either a certificate with its key or a PKCS#12 file; else the problem.</summary>
    public string Problem() =>
        !Given ? ""
        : Ca is null ? "cluster TLS needs --cluster-ca (the CA that issued the nodes' certificates)"
        : Pkcs12 is not null && (Certificate is not null || Key is not null) ? "--cluster-pfx replaces --cluster-cert and --cluster-key: give one or the other"
        : Pkcs12 is null && (Certificate is null || Key is null) ? "cluster TLS needs --cluster-cert with --cluster-key, or --cluster-pfx"
        : Pkcs12 is null && Pkcs12PasswordFile is not null ? "--cluster-pfx-password-file needs --cluster-pfx"
        : "";

    /// <summary>Reads the files; throws <see cref="ClusterTlsException"/> naming the file that cannot be used.</summary>
    public ClusterTls Load()
    {
        if (Pkcs12 is not null)
            return ClusterTls.FromPkcs12File(Pkcs12, Pkcs12PasswordFile is null ? null : ReadPassword(Pkcs12PasswordFile), Ca!);
        return ClusterTls.FromPemFiles(Certificate!, Key!, Ca!);
    }

    private static string ReadPassword(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ClusterTlsException($"cluster PKCS#12 password file '{path}': {e.Message}", e);
        }
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
