using System.Diagnostics;
using TrapActors.Testing;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// Runs net-snmp's snmptrap/snmpinform over DTLS (TLSTM + TSM, authPriv implied), hermetically: the certificates come
/// only from a TestPki net-snmp store (SNMPCONFPATH: tls/certs, tls/private, tls/ca-certs) and the certificate index
/// goes to its persistent directory (SNMP_PERSISTENT_DIR); nothing is read from $HOME or /etc/snmp.
/// Like <see cref="NetSnmpTools"/>: <c>-M /dev/null</c> and no persistent state (DTLS works with both flags: the
/// cert index under SNMP_PERSISTENT_DIR/cert_indexes is written regardless, checked with net-snmp 5.9.3).
/// Give each concurrently running tool its own store: net-snmp rewrites the cert index on every run.
/// </summary>
internal static class NetSnmpDtls
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The trap OID and varbind the helpers below send when the caller gives none: coldStart, sysName.0 = "dtls hello".</summary>
    public static readonly string[] DefaultNotification = ["1.3.6.1.6.3.1.1.5.1", "1.3.6.1.2.1.1.5.0", "s", "dtls hello"];

    /// <summary>
    /// snmptrap -v 3 over dtlsudp. It exits 0 even when nothing answered (fire and forget): assert on the receiver.
    /// <paramref name="notification"/> is "TRAPOID [OID TYPE VALUE]..." (uptime is given as "" = the tool's own).
    /// </summary>
    public static Task<ToolResult> TrapAsync(TestPki.NetSnmpStoreDirectory store, int port, IReadOnlyList<string>? notification = null,
        string localCert = "client", string peerCert = "server", TimeSpan? timeout = null) =>
        RunAsync("snmptrap", store, [.. Transport(port, localCert, peerCert), "", .. notification ?? DefaultNotification], timeout);

    /// <summary>
    /// snmpinform -v 3 over dtlsudp with <c>-r retries -t timeoutSeconds</c>. Without <paramref name="contextEngineId"/> (-E)
    /// net-snmp first probes the receiver's engine ID (RFC 5343). Exit 0 means it got the Response.
    /// </summary>
    public static Task<ToolResult> InformAsync(TestPki.NetSnmpStoreDirectory store, int port, int retries = 1, int timeoutSeconds = 3,
        IReadOnlyList<string>? notification = null, string? contextEngineId = null,
        string localCert = "client", string peerCert = "server", TimeSpan? timeout = null)
    {
        List<string> args = ["-r", retries.ToString(), "-t", timeoutSeconds.ToString()];
        if (contextEngineId is not null)
            args.AddRange(["-E", contextEngineId]);
        args.AddRange(Transport(port, localCert, peerCert));
        args.Add("");
        args.AddRange(notification ?? DefaultNotification);
        return RunAsync("snmpinform", store, args, timeout ?? TimeSpan.FromSeconds(5 + (retries + 1) * (timeoutSeconds + 2)));
    }

    private static string[] Transport(int port, string localCert, string peerCert) =>
        ["-v", "3", "-T", $"localCert={localCert}", "-T", $"peerCert={peerCert}", $"dtlsudp:127.0.0.1:{port}"];

    /// <summary>Runs <paramref name="tool"/> with the store as its only configuration; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<ToolResult> RunAsync(string tool, TestPki.NetSnmpStoreDirectory store, IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-M");
        psi.ArgumentList.Add("/dev/null");
        psi.ArgumentList.Add("--noPersistentLoad=1");
        psi.ArgumentList.Add("--noPersistentSave=1");
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        psi.Environment["SNMPCONFPATH"] = store.ConfigPath;
        psi.Environment["SNMP_PERSISTENT_DIR"] = store.PersistentPath;
        psi.Environment["MIBS"] = "";
        psi.Environment.Remove("SNMPCONFFILE");
        psi.Environment.Remove("MIBDIRS");

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? DefaultTimeout;
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish within {limit}; stderr so far: {TryResult(stderr)}");
        }
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }

    private static string TryResult(Task<string> output) => output.IsCompletedSuccessfully ? output.Result.Trim() : "(not yet read)";
}
