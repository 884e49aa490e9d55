using System.Diagnostics;

namespace TrapActors.Testing;

/// <summary>The result of running a net-snmp command-line tool.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}; stdout: {StandardOutput.Trim()}; stderr: {StandardError.Trim()}";
}

/// <summary>
/// Runs net-snmp's real tools (snmptrap, snmpinform) as independent peers. MIBs are not loaded
/// (numeric OIDs only), and no user configuration is read, so results do not depend on the machine.
/// </summary>
public static class NetSnmpTools
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>True when snmptrap is installed (bash .ci/run installs it).</summary>
    public static bool Available => File.Exists("/usr/bin/snmptrap") && File.Exists("/usr/bin/snmpinform");

    public static Task<ToolResult> SnmpTrapAsync(params string[] args) => RunAsync("snmptrap", args);

    public static Task<ToolResult> SnmpInformAsync(params string[] args) => RunAsync("snmpinform", args);

    /// <summary>
    /// Runs a tool with <c>-M /dev/null</c> (no MIBs) and an empty persistent directory; never waits past <paramref name="timeout"/>.
    /// <paramref name="configDirectory"/> and <paramref name="persistentDirectory"/> replace the private, empty ones (DTLS: a certificate store).
    /// </summary>
    public static async Task<ToolResult> RunAsync(string tool, IReadOnlyList<string> args, TimeSpan? timeout = null,
        string? configDirectory = null, string? persistentDirectory = null)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-M");
        psi.ArgumentList.Add("/dev/null");
        // Tools running in parallel must not share net-snmp's persistent state file (one reads it while another writes).
        psi.ArgumentList.Add("--noPersistentLoad=1");
        psi.ArgumentList.Add("--noPersistentSave=1");
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        psi.Environment["SNMPCONFPATH"] = configDirectory ?? PrivateConfigDirectory;
        psi.Environment["SNMP_PERSISTENT_DIR"] = persistentDirectory ?? PrivateConfigDirectory;
        psi.Environment["MIBS"] = "";
        psi.Environment.Remove("SNMPCONFFILE");
        psi.Environment.Remove("MIBDIRS");

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish within {timeout ?? DefaultTimeout}; stderr so far: {(stderr.IsCompletedSuccessfully ? stderr.Result.Trim() : "(not yet read)")}");
        }
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }

    private static readonly string PrivateConfigDirectory = CreatePrivateConfigDirectory();

    private static string CreatePrivateConfigDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "trapactors-netsnmp-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
