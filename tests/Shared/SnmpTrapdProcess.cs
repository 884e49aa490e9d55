using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace TrapActors.Testing;

/// <summary>
/// net-snmp's snmptrapd in the foreground on a loopback port, logging each notification to standard output, so that
/// a test can compare what it makes of a datagram with what TrapActors makes of it. Authorization is off (it logs
/// every community). Disposing it kills the process.
/// </summary>
public sealed class SnmpTrapdProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly string _directory;

    private SnmpTrapdProcess(Process process, IPEndPoint endpoint, string directory)
    {
        _process = process;
        Endpoint = endpoint;
        _directory = directory;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) _lines.Writer.TryWrite(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) _lines.Writer.TryWrite(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Where snmptrapd listens.</summary>
    public IPEndPoint Endpoint { get; }

    public static bool Available => File.Exists("/usr/sbin/snmptrapd");

    /// <summary>
    /// Starts snmptrapd on a free port of a loopback address of its own (127.x.y.z, chosen at random, so that the
    /// port found free is not taken by another test before snmptrapd binds it) and waits until it has started.
    /// <paramref name="extraConfig"/> is appended to its snmptrapd.conf (e.g. createUser lines for SNMPv3).
    /// <paramref name="mibDirectories"/> and <paramref name="modules"/> are its -M and -m (none by default);
    /// <paramref name="format"/> is its -F output format (its default one when null).
    /// </summary>
    public static async Task<SnmpTrapdProcess> StartAsync(TimeSpan? timeout = null, string? extraConfig = null,
        IReadOnlyList<string>? mibDirectories = null, string modules = "", string? format = null)
    {
        var free = FreeLoopbackEndPoint.Find(ProtocolType.Udp);
        var (address, port) = (free.Address, free.Port);
        var directory = Directory.CreateTempSubdirectory("trapactors-snmptrapd-").FullName;
        var config = Path.Combine(directory, "snmptrapd.conf");
        await File.WriteAllTextAsync(config, "disableAuthorization yes\n" + extraConfig);
        var psi = new ProcessStartInfo("/usr/sbin/snmptrapd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var mibs = mibDirectories is { Count: > 0 } ? string.Join(':', mibDirectories) : "/dev/null";
        var formatArgs = format is null ? Array.Empty<string>() : ["-F", format];
        foreach (var arg in new[] { "-f", "-Lo", "-n", "-C", "-c", config, "-M", mibs, "-m", modules }.Concat(formatArgs)
                     .Concat(["--noPersistentLoad=1", "--noPersistentSave=1", $"udp:{address}:{port}"]))
            psi.ArgumentList.Add(arg);
        psi.Environment["SNMP_PERSISTENT_DIR"] = directory;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start snmptrapd");
        var trapd = new SnmpTrapdProcess(process, new IPEndPoint(address, port), directory);
        await trapd.ExpectLineAsync(line => line.StartsWith("NET-SNMP version", StringComparison.Ordinal), timeout ?? TimeSpan.FromSeconds(30));
        return trapd;
    }

    /// <summary>The next line of snmptrapd's output that satisfies <paramref name="match"/>; throws when none comes in time.</summary>
    public async Task<string> ExpectLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cts.Token);
                if (match(line))
                    return line;
                seen.Add(line);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"snmptrapd printed no expected line within {timeout}; it printed: {string.Join(" | ", seen)}");
        }
    }

    /// <summary>
    /// The lines from one that starts with <paramref name="begin"/> to one that ends with <paramref name="end"/>, joined
    /// by newlines (a -F format whose values may span lines); throws when none comes in time.
    /// </summary>
    public async Task<string> ExpectTextAsync(string begin, string end, TimeSpan timeout)
    {
        var text = await ExpectLineAsync(line => line.StartsWith(begin, StringComparison.Ordinal), timeout);
        while (!text.EndsWith(end, StringComparison.Ordinal))
            text += "\n" + await ExpectLineAsync(_ => true, timeout);
        return text;
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
