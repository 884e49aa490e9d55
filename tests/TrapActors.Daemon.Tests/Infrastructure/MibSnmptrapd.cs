using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace TrapActors.Daemon.Tests.Infrastructure;

/// <summary>
/// net-snmp's snmptrapd in the foreground with its default output format and the given MIB directories
/// (<c>-M DIRS -m ALL</c>, nothing from the machine's or the user's net-snmp configuration), on a free port of a
/// random loopback address. Disposing it kills the process.
/// </summary>
internal sealed class MibSnmptrapd : IDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private MibSnmptrapd(Process process, DirectoryInfo directory, IPEndPoint endpoint)
    {
        _process = process;
        _directory = directory;
        Endpoint = endpoint;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) _lines.Writer.TryWrite(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) _lines.Writer.TryWrite(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IPEndPoint Endpoint { get; }

    public static async Task<MibSnmptrapd> StartAsync(IReadOnlyList<string> mibDirectories, TimeSpan timeout)
    {
        var address = new IPAddress([127, (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(0, 256), (byte)Random.Shared.Next(2, 255)]);
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(address, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
        var directory = Directory.CreateTempSubdirectory("trapactors-mib-snmptrapd-");
        var config = Path.Combine(directory.FullName, "snmptrapd.conf");
        await File.WriteAllTextAsync(config, "disableAuthorization yes\n");
        var psi = new ProcessStartInfo("/usr/sbin/snmptrapd") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-f", "-Lo", "-n", "-C", "-c", config, "-M", string.Join(':', mibDirectories), "-m", "ALL",
                     "--noPersistentLoad=1", "--noPersistentSave=1", $"udp:{address}:{port}" })
            psi.ArgumentList.Add(arg);
        psi.Environment["SNMP_PERSISTENT_DIR"] = directory.FullName;
        psi.Environment["SNMPCONFPATH"] = directory.FullName;
        psi.Environment.Remove("MIBS");
        psi.Environment.Remove("MIBDIRS");
        var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start snmptrapd");
        var trapd = new MibSnmptrapd(process, directory, new IPEndPoint(address, port));
        await trapd.ExpectLineAsync(line => line.StartsWith("NET-SNMP version", StringComparison.Ordinal), timeout);
        return trapd;
    }

    /// <summary>The next output line that satisfies <paramref name="match"/>; throws with what was printed when none comes in time.</summary>
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
        _directory.Delete(recursive: true);
    }
}
