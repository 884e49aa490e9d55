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
    /// Run with -Ddtlsudp:close, so that <see cref="ClientDiscardedTrap"/> can tell when snmptrap dropped the trap itself.
    /// </summary>
    public static Task<ToolResult> TrapAsync(TestPki.NetSnmpStoreDirectory store, int port, IReadOnlyList<string>? notification = null,
        string localCert = "client", string peerCert = "server", TimeSpan? timeout = null, string target = "dtlsudp:127.0.0.1") =>
        RunAsync("snmptrap", store, ["-Ddtlsudp:close", .. Transport(port, localCert, peerCert, target), "", .. notification ?? DefaultNotification], timeout);

    /// <summary>
    /// net-snmp's DTLS client queues the trap until its handshake completes; when snmptrap closes first (on a loaded
    /// machine the server's last flight can come later than the client's close waits: at most six 50 ms waits, each
    /// ended early by any datagram), it discards the trap and still exits 0. With -Ddtlsudp:close it says so on
    /// stderr ("dumping N bytes from write_cache"; net-snmp 5.9 snmplib/transports/snmpDTLSUDPDomain.c).
    /// </summary>
    /// <summary>snmptrap exited 0 and did not discard the trap itself: from here on, what the receiver did is what counts.</summary>
    public static void AssertSent(ToolResult result)
    {
        Xunit.Assert.True(result.ExitCode == 0, $"snmptrap: {result}");
        Xunit.Assert.False(ClientDiscardedTrap(result),
            $"snmptrap discarded the trap itself (its handshake outlasted its close; a saturated machine, decision 0024): {result}");
    }

    /// <summary>
    /// snmptrap over DTLS, run again (at most <paramref name="attempts"/> times) while it discarded the trap itself, then
    /// <see cref="AssertSent"/>: for tests of what the receiver does with a trap, where net-snmp's client losing a race on a
    /// saturated machine says nothing about the receiver (decision 0024). A test that counts handshakes allows for
    /// <c>Runs</c> of them.
    /// </summary>
    /// <returns>The last run, and how many runs it took (each may have opened an association).</returns>
    public static async Task<(ToolResult Result, int Runs)> TrapSentAsync(TestPki.NetSnmpStoreDirectory store, int port, string target = "dtlsudp:127.0.0.1", int attempts = 3)
    {
        var runs = 1;
        var result = await TrapAsync(store, port, target: target);
        for (; runs < attempts && ClientDiscardedTrap(result); runs++)
            result = await TrapAsync(store, port, target: target);
        AssertSent(result);
        return (result, runs);
    }

    public static bool ClientDiscardedTrap(ToolResult result) =>
        result.StandardError.Contains("dumping", StringComparison.Ordinal) && result.StandardError.Contains("from write_cache", StringComparison.Ordinal);

    /// <summary>
    /// snmpinform -v 3 over dtlsudp with <c>-r retries -t timeoutSeconds</c>. Without <paramref name="contextEngineId"/> (-E)
    /// net-snmp first probes the receiver's engine ID (RFC 5343). Exit 0 means it got the Response.
    /// </summary>
    public static Task<ToolResult> InformAsync(TestPki.NetSnmpStoreDirectory store, int port, int retries = 1, int timeoutSeconds = 3,
        IReadOnlyList<string>? notification = null, string? contextEngineId = null,
        string localCert = "client", string peerCert = "server", TimeSpan? timeout = null, string target = "dtlsudp:127.0.0.1")
    {
        List<string> args = ["-r", retries.ToString(), "-t", timeoutSeconds.ToString()];
        if (contextEngineId is not null)
            args.AddRange(["-E", contextEngineId]);
        args.AddRange(Transport(port, localCert, peerCert, target));
        args.Add("");
        args.AddRange(notification ?? DefaultNotification);
        return RunAsync("snmpinform", store, args, timeout ?? TimeSpan.FromSeconds(5 + (retries + 1) * (timeoutSeconds + 2)));
    }

    /// <param name="target">net-snmp's transport and address without the port: dtlsudp:127.0.0.1, or dtlsudp6:[::1].</param>
    private static string[] Transport(int port, string localCert, string peerCert, string target = "dtlsudp:127.0.0.1") =>
        ["-v", "3", "-T", $"localCert={localCert}", "-T", $"peerCert={peerCert}", $"{target}:{port}"];

    /// <summary>Runs <paramref name="tool"/> with the store as its only configuration; kills it after <paramref name="timeout"/>.</summary>
    public static Task<ToolResult> RunAsync(string tool, TestPki.NetSnmpStoreDirectory store, IReadOnlyList<string> args, TimeSpan? timeout = null) =>
        NetSnmpTools.RunAsync(tool, args, timeout ?? DefaultTimeout, store.ConfigPath, store.PersistentPath);
}
