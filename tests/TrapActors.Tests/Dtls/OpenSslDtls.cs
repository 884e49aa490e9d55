using System.Diagnostics;

namespace TrapActors.Tests.Dtls;

/// <summary>What one <c>openssl s_client</c> run did. <see cref="Output"/> is stdout and stderr together.</summary>
public sealed record OpenSslResult(int ExitCode, string Output, bool TimedOut)
{
    /// <summary>The handshake completed (-brief prints this once the peer's Finished verified).</summary>
    public bool Established => Output.Contains("CONNECTION ESTABLISHED", StringComparison.Ordinal);

    public override string ToString() => $"exit {ExitCode}{(TimedOut ? " (killed at the timeout)" : "")}; output: {Output.Trim()}";
}

/// <summary>
/// OpenSSL's s_client as an independent DTLS 1.2 peer for the handshake paths net-snmp cannot take (no client
/// certificate, expired or untrusted ones). It verifies the receiver's certificate against <c>caFile</c>
/// (-verify_return_error), so a run that connects proves the server chain is right too.
/// Without -quiet/-ign_eof, s_client writes what stdin gave it, then sends close_notify at stdin's EOF and exits 0.
/// A refused handshake ends with exit 1 and "SSL alert number N"; a server that stays silent runs into the timeout.
/// </summary>
public static class OpenSslDtls
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static bool Available => File.Exists("/usr/bin/openssl");

    /// <summary>Handshake (with a client certificate when <paramref name="certFile"/> is given), then close.</summary>
    public static Task<OpenSslResult> ConnectAsync(int port, string caFile, string? certFile = null, string? keyFile = null, TimeSpan? timeout = null) =>
        RunAsync(port, caFile, certFile, keyFile, [], timeout);

    /// <summary>
    /// Handshake, send <paramref name="applicationData"/> as one DTLS record (keep it under ~1300 bytes), then close_notify.
    /// Nothing is sent when the handshake fails. Responses are not read back (s_client quits at stdin's EOF).
    /// </summary>
    public static Task<OpenSslResult> SendAsync(int port, string caFile, string? certFile, string? keyFile, byte[] applicationData, TimeSpan? timeout = null) =>
        RunAsync(port, caFile, certFile, keyFile, applicationData, timeout);

    private static async Task<OpenSslResult> RunAsync(int port, string caFile, string? certFile, string? keyFile, byte[] stdin, TimeSpan? timeout)
    {
        var psi = StartInfo(port, caFile, certFile, keyFile);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start openssl");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin.Length > 0)
                await process.StandardInput.BaseStream.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // s_client already quit (refused handshake): its exit code and output tell what happened.
        }

        var timedOut = false;
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var output = (await stdout) + (await stderr);
        return new OpenSslResult(timedOut ? -1 : process.ExitCode, output, timedOut);
    }

    /// <summary>s_client left connected with its standard input open (an association that sends nothing); the caller kills it.</summary>
    public static Process StartInteractive(int port, string caFile, string certFile, string keyFile)
    {
        var psi = StartInfo(port, caFile, certFile, keyFile);
        psi.ArgumentList.Add("-quiet");
        var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start openssl");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static ProcessStartInfo StartInfo(int port, string caFile, string? certFile, string? keyFile)
    {
        var psi = new ProcessStartInfo("openssl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "s_client", "-dtls1_2", "-connect", $"127.0.0.1:{port}", "-CAfile", caFile, "-verify_return_error", "-brief", "-noservername" })
            psi.ArgumentList.Add(arg);
        if (certFile is not null)
        {
            psi.ArgumentList.Add("-cert");
            psi.ArgumentList.Add(certFile);
            psi.ArgumentList.Add("-key");
            psi.ArgumentList.Add(keyFile ?? throw new ArgumentNullException(nameof(keyFile), "a client certificate needs its key"));
        }
        psi.Environment["OPENSSL_CONF"] = "/dev/null"; // no machine-wide or user configuration
        return psi;
    }
}
