namespace TrapActors.Daemon;

/// <summary>
/// Warns about files holding plaintext secrets (the users file, the DTLS private key, the PKCS#12 password file) that
/// the group or others may read, as OpenSSH does for private keys. A warning, not a refusal: the file is the operator's.
/// </summary>
public static class SecretFilePermissions
{
    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>One warning per file (named with what it holds) readable or writable by the group or others.</summary>
    public static IEnumerable<string> Warnings(DaemonOptions options, TrapReceiverSettings settings)
    {
        if (OperatingSystem.IsWindows())
            yield break;
        var files = new (string? Path, string What)[]
        {
            (options.UsersFile, "the users file (--users-file), which holds SNMPv3 passwords or keys,"),
            (settings.Dtls.KeyFile, "the DTLS private key (--key, trap-actors.dtls.key-file)"),
            (settings.Dtls.Pkcs12PasswordFile, "the PKCS#12 password file (--pfx-password-file, trap-actors.dtls.pkcs12-password-file)"),
            (options.ClusterTls.Key, "the cluster TLS private key (--cluster-key)"),
            (options.ClusterTls.Pkcs12PasswordFile, "the cluster PKCS#12 password file (--cluster-pfx-password-file)"),
        };
        foreach (var (path, what) in files)
        {
            if (string.IsNullOrEmpty(path) || Mode(path) is not { } mode || (mode & GroupOrOthers) == 0)
                continue;
            yield return $"'{path}': {what} can be read or written by {Who(mode)} (mode {Octal(mode)}): restrict it with chmod 600 '{path}'";
        }
    }

    private static UnixFileMode? Mode(string path)
    {
        try
        {
            return !OperatingSystem.IsWindows() && File.Exists(path) ? File.GetUnixFileMode(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Who(UnixFileMode mode) =>
        (mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite)) != 0 && (mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0
            ? "its group and others"
            : (mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite)) != 0 ? "its group" : "others";

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}
