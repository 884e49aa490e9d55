using System.Diagnostics;

namespace TrapActors.Daemon.Tests.Infrastructure;

/// <summary>The result of one dotnet CLI command.</summary>
internal sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput.Trim()}\nstderr:\n{StandardError.Trim()}";
}

/// <summary>
/// Runs the dotnet CLI (the host running these tests) as a child process, with the variables that dotnet test sets
/// for MSBuild removed (a nested build must find its own SDK) and without MSBuild nodes outliving the command
/// (a node left running would hold the redirected output open).
/// </summary>
internal static class DotnetCli
{
    public static Task<CliResult> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunInAsync(null, timeout, environment, args);

    /// <summary>As <see cref="RunAsync"/>, in <paramref name="workingDirectory"/> (null: this process's), where the SDK looks for global.json and nuget.config.</summary>
    public static async Task<CliResult> RunInAsync(string? workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo(DaemonBinary.DotnetHost)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            psi.Environment.Remove(name);
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment)
            psi.Environment[name] = value;
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return new CliResult(process.ExitCode, await stdout.WaitAsync(cts.Token), await stderr.WaitAsync(cts.Token));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish within {timeout}");
        }
    }

    /// <summary>
    /// The folder of the dotnet host (links resolved), for DOTNET_ROOT: a tool's launcher looks for the runtime
    /// there. Null when the host is only known as "dotnet" on the PATH.
    /// </summary>
    public static string? DotnetRoot()
    {
        if (!Path.IsPathRooted(DaemonBinary.DotnetHost))
            return null;
        var file = new FileInfo(DaemonBinary.DotnetHost);
        var target = file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName;
        return Path.GetDirectoryName(target);
    }
}
