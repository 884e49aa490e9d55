using System.Diagnostics;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// docs/trapactors.service, the example unit: systemd's own checker accepts it, it keeps what makes the daemon work as
/// a service (Type=notify, port 162 without root, a state directory under ProtectSystem=strict), and its command line
/// is one the daemon accepts.
/// </summary>
public sealed class UnitFileTests
{
    private const string SystemdAnalyze = "/usr/bin/systemd-analyze";
    private const string InstalledCommand = "/opt/trapactors/trapactors";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string UnitPath => Path.Combine(DocsExamples.RepositoryRoot(), "docs", "trapactors.service");

    /// <summary>Each "Key=value" line of the file (comments and sections left out), in order.</summary>
    private static List<(string Key, string Value)> Settings() =>
    [
        .. File.ReadAllLines(UnitPath)
            .Where(l => l.Length > 0 && l[0] is not ('#' or ';' or '['))
            .Select(l => (l[..l.IndexOf('=')], l[(l.IndexOf('=') + 1)..])),
    ];

    private static string Single(string key) => Assert.Single(Settings(), s => s.Key == key).Value;

    [Fact]
    public void Type_notify_a_user_of_its_own_port_162_without_root_and_hardening()
    {
        Assert.Equal("notify", Single("Type"));
        Assert.Equal("yes", Single("DynamicUser"));
        Assert.Equal("CAP_NET_BIND_SERVICE", Single("AmbientCapabilities"));
        Assert.Equal("CAP_NET_BIND_SERVICE", Single("CapabilityBoundingSet"));
        Assert.Equal("yes", Single("NoNewPrivileges"));
        Assert.Equal("strict", Single("ProtectSystem"));
        Assert.Equal("trapactors", Single("StateDirectory"));
        Assert.Equal("yes", Single("ProtectHome"));
        Assert.Equal("yes", Single("PrivateTmp"));
        Assert.Equal("/bin/kill -HUP $MAINPID", Single("ExecReload"));
        Assert.Equal("on-failure", Single("Restart"));
        // The JIT writes the code it runs.
        Assert.DoesNotContain(Settings(), s => s.Key == "MemoryDenyWriteExecute");
    }

    [Fact]
    public void The_command_line_is_one_the_daemon_accepts_listening_on_162_and_keeping_state_in_the_state_directory()
    {
        var words = Single("ExecStart").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(InstalledCommand, words[0]);
        // systemd sets STATE_DIRECTORY to /var/lib/ + StateDirectory=.
        var args = words[1..].Select(w => w.Replace("${STATE_DIRECTORY}", "/var/lib/trapactors", StringComparison.Ordinal)).ToArray();
        Assert.True(CommandLine.TryParse(args, out var options, out var error), error);
        Assert.Equal("/var/lib/trapactors", options.StateDirectory);
        Assert.Contains("udp:0.0.0.0:162", args);
    }

    [Fact]
    public async Task Systemd_analyze_verify_finds_nothing_to_say_and_would_flag_a_misspelt_key()
    {
        Assert.True(File.Exists(SystemdAnalyze), $"{SystemdAnalyze} is required (Debian package systemd; .ci/run installs it)");
        // verify checks that ExecStart's program exists and is executable: the launcher built next to the daemon stands in.
        var launcher = Path.Combine(Path.GetDirectoryName(DaemonBinary.Dll)!, "trapactors");
        Assert.True(File.Exists(launcher), $"{launcher} was not built");
        var text = (await File.ReadAllTextAsync(UnitPath)).Replace("\nExecStart=" + InstalledCommand + " ", "\nExecStart=" + launcher + " ", StringComparison.Ordinal);
        Assert.Contains(launcher, text);

        var dir = Directory.CreateTempSubdirectory("trapactors-unit-").FullName;
        try
        {
            var (code, output) = await VerifyAsync(Path.Combine(dir, "trapactors.service"), text);
            Assert.True(code == 0 && output.Length == 0, $"systemd-analyze verify: exit {code}\n{output}");

            // The same check sees a key that systemd would ignore (verify still exits 0 for it).
            var (_, misspelt) = await VerifyAsync(Path.Combine(dir, "misspelt.service"), text.Replace("\nNoNewPrivileges=", "\nNoNewPrivilege=", StringComparison.Ordinal));
            Assert.Contains("NoNewPrivilege", misspelt);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> VerifyAsync(string path, string text)
    {
        await File.WriteAllTextAsync(path, text);
        var psi = new ProcessStartInfo(SystemdAnalyze) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["verify", "--man=no", path])
            psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }
}
