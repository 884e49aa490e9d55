using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace TrapActors.Daemon.Tests.Infrastructure;

/// <summary>
/// The real daemon as a child process (<c>dotnet TrapActors.Daemon.dll ARGS</c>): its standard output and
/// error read line by line, signals sent with libc kill(2).
/// </summary>
internal sealed partial class DaemonProcess : IAsyncDisposable
{
    public const int SigTerm = 15;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);   // generous: CI shares two cores with other work

    private readonly Process _process;
    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _stderr = Channel.CreateUnbounded<string>();
    private readonly List<string> _stdoutLines = [];
    private readonly List<string> _stderrLines = [];
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;

    private DaemonProcess(Process process)
    {
        _process = process;
        _stdoutPump = Pump(process.StandardOutput, _stdout, _stdoutLines);
        _stderrPump = Pump(process.StandardError, _stderr, _stderrLines);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line written to standard output so far.</summary>
    public IReadOnlyList<string> StdoutLines
    {
        get { lock (_stdoutLines) return [.. _stdoutLines]; }
    }

    public IReadOnlyList<string> StderrLines
    {
        get { lock (_stderrLines) return [.. _stderrLines]; }
    }

    public string StderrText => string.Join("\n", StderrLines);

    public static DaemonProcess Start(params string[] args) => StartWithEnvironment(new Dictionary<string, string?>(), args);

    /// <summary>
    /// As <see cref="Start(string[])"/>, with <paramref name="environment"/> added to this process's environment
    /// (a null value removes the variable), e.g. NOTIFY_SOCKET or JOURNAL_STREAM as systemd sets them.
    /// </summary>
    public static DaemonProcess StartWithEnvironment(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var psi = new ProcessStartInfo(DaemonBinary.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(DaemonBinary.Dll)!,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
                psi.Environment.Remove(name);
            else
                psi.Environment[name] = value;
        }
        psi.ArgumentList.Add(DaemonBinary.Dll);
        foreach (var arg in WithoutMachineMibs(args))
            psi.ArgumentList.Add(arg);
        return new DaemonProcess(Process.Start(psi) ?? throw new InvalidOperationException("cannot start the daemon"));
    }

    /// <summary>
    /// --no-mibs first, unless the test chooses MIBs itself (--mib-dir, --mibs, --no-mibs): by default the daemon loads
    /// the machine's MIB directories, whose modules and problems would change the output of tests about other things.
    /// </summary>
    private static string[] WithoutMachineMibs(string[] args) =>
        args.Any(a => a.StartsWith("--mib", StringComparison.Ordinal) || a == "--no-mibs") ? args : ["--no-mibs", .. args];

    /// <summary>
    /// The daemon started through another launcher (the trapactors command of an installed .NET tool), with
    /// <paramref name="environment"/> added to this process's environment.
    /// </summary>
    public static DaemonProcess StartCommand(string command, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(command)!,
        };
        foreach (var (name, value) in environment)
            psi.Environment[name] = value;
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        return new DaemonProcess(Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {command}"));
    }

    /// <summary>
    /// The daemon with its standard output opened on <paramref name="path"/> (a FIFO, /dev/full) by /bin/sh, which then
    /// becomes the daemon (exec): <see cref="Id"/> is the daemon's. Opening a FIFO waits until its reader opens it.
    /// </summary>
    public static DaemonProcess StartWithStdoutTo(string path, params string[] args)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(DaemonBinary.Dll)!,
        };
        psi.Environment["TRAPACTORS_TEST_STDOUT"] = path;
        foreach (var arg in (string[])["-c", "exec \"$@\" > \"$TRAPACTORS_TEST_STDOUT\"", "sh", DaemonBinary.DotnetHost, DaemonBinary.Dll, .. WithoutMachineMibs(args)])
            psi.ArgumentList.Add(arg);
        return new DaemonProcess(Process.Start(psi) ?? throw new InvalidOperationException("cannot start the daemon"));
    }

    /// <summary>Runs the daemon to completion (for runs that exit by themselves: bad arguments, bind failures).</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr)> RunAsync(TimeSpan timeout, params string[] args)
    {
        await using var daemon = Start(args);
        var exitCode = await daemon.WaitForExitAsync(timeout);
        return (exitCode, daemon.StdoutLines, daemon.StderrLines);
    }

    /// <summary>Waits for <paramref name="count"/> "listening udp|dtls HOST:PORT" lines on standard error and returns HOST:PORT of each.</summary>
    public async Task<IReadOnlyList<string>> WaitForListeningAsync(int count = 1, TimeSpan? timeout = null)
    {
        var found = new List<string>();
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (found.Count < count)
            {
                var line = await _stderr.Reader.ReadAsync(cts.Token);
                var match = ListeningLine().Match(line);
                if (match.Success)
                    found.Add(match.Groups[1].Value);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"the daemon did not print {count} listening line(s); exited: {_process.HasExited}; stderr:\n{StderrText}");
        }
        return found;
    }

    /// <summary>The next line of standard error that matches <paramref name="pattern"/> (lines before it are skipped).</summary>
    public async Task<Match> WaitForStderrAsync(Regex pattern, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                var match = pattern.Match(await _stderr.Reader.ReadAsync(cts.Token));
                if (match.Success)
                    return match;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"no line on stderr matched {pattern}; exited: {_process.HasExited}; stderr:\n{StderrText}");
        }
    }

    /// <summary>The "engine ENGINEID boots N" line printed after the listening lines.</summary>
    public async Task<(string EngineId, int Boots)> WaitForEngineAsync(TimeSpan? timeout = null)
    {
        var match = await WaitForStderrAsync(EngineLine(), timeout);
        return (match.Groups[1].Value, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The port of the one endpoint, once it is bound.</summary>
    public async Task<int> WaitForPortAsync(TimeSpan? timeout = null)
    {
        var endpoint = (await WaitForListeningAsync(1, timeout))[0];
        return int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The next <paramref name="count"/> lines of standard output.</summary>
    public async Task<IReadOnlyList<string>> ReadStdoutLinesAsync(int count, TimeSpan? timeout = null)
    {
        var lines = new List<string>();
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (lines.Count < count)
                lines.Add(await _stdout.Reader.ReadAsync(cts.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"expected {count} line(s) on stdout, got {lines.Count}: {string.Join("\n", lines)}\nstderr:\n{StderrText}");
        }
        return lines;
    }

    public void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the exit and for both streams to be read to their end; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(_stdoutPump, _stderrPump).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the daemon did not exit within {timeout ?? DefaultTimeout}; stderr:\n{StderrText}");
        }
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, then the exit code (asserting nothing).</summary>
    public async Task<int> StopAsync(int signal = SigTerm, TimeSpan? timeout = null)
    {
        Signal(signal);
        return await WaitForExitAsync(timeout);
    }

    /// <summary>The last line of standard error parsed as the counters.</summary>
    public JsonElement FinalStats()
    {
        var last = StderrLines.LastOrDefault() ?? throw new InvalidOperationException("nothing on stderr");
        try
        {
            return JsonDocument.Parse(last).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"the last stderr line is not JSON: {last}\nstderr:\n{StderrText}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // exited meanwhile
            }
        }
        _process.Dispose();
    }

    private static async Task Pump(StreamReader reader, Channel<string> channel, List<string> all)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (all)
                all.Add(line);
            channel.Writer.TryWrite(line);
        }
        channel.Writer.TryComplete();
    }

    [GeneratedRegex(@"^listening (?:udp|dtls) (\S+)$")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"^engine ([0-9a-f]+) boots (\d+)$")]
    private static partial Regex EngineLine();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}

/// <summary>Where the daemon was built: next to this test assembly (copied as a project reference) or in its own bin folder.</summary>
internal static class DaemonBinary
{
    public const string AssemblyFile = "TrapActors.Daemon.dll";

    public static string Dll { get; } = Find();

    /// <summary>The dotnet host running the tests (DOTNET_HOST_PATH under dotnet test), else dotnet from PATH.</summary>
    public static string DotnetHost { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Find()
    {
        var here = AppContext.BaseDirectory;
        if (IsRunnable(here))
            return Path.Combine(here, AssemblyFile);
        // tests/TrapActors.Daemon.Tests/bin/<Configuration>/<TFM>/ → src/TrapActors.Daemon/bin/<Configuration>/<TFM>/
        var tfm = new DirectoryInfo(here).Name;
        var configuration = new DirectoryInfo(here).Parent?.Name ?? "Debug";
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "TrapActors.Daemon", "bin", configuration, tfm);
            if (IsRunnable(candidate))
                return Path.Combine(candidate, AssemblyFile);
        }
        throw new FileNotFoundException($"{AssemblyFile} (with its runtimeconfig.json) is neither in {here} nor in src/TrapActors.Daemon/bin");
    }

    private static bool IsRunnable(string dir) =>
        File.Exists(Path.Combine(dir, AssemblyFile)) && File.Exists(Path.Combine(dir, "TrapActors.Daemon.runtimeconfig.json"));
}
