using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace TrapActors.Mib.Tests.Rendering;

/// <summary>
/// Runs net-snmp as the oracle: snmptrapd in the foreground with <see cref="HintTestMib"/> and the IETF modules loaded,
/// on a free port of a random loopback address, printing each notification as
/// <c>BEGIN</c> varbinds separated by U+001E <c>END</c>; snmptrap (no MIBs, numeric OIDs, so it checks no sizes)
/// sends it one SNMPv2c trap. Returns what snmptrapd printed for each varbind after the two standard ones.
/// </summary>
internal static class NetSnmpOracle
{
    private const char VarBindSeparator = '\u001e';
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The directories holding SNMPv2-SMI and SNMPv2-TC: libsnmp-base's and erlang-snmp's.</summary>
    public static IReadOnlyList<string> StandardMibDirectories()
    {
        var dirs = new List<string>();
        if (Directory.Exists("/usr/share/snmp/mibs"))
            dirs.Add("/usr/share/snmp/mibs");
        if (Directory.Exists("/usr/lib/erlang/lib"))
            dirs.AddRange(Directory.GetDirectories("/usr/lib/erlang/lib", "snmp-*").Select(d => Path.Combine(d, "mibs")).Where(Directory.Exists));
        return dirs;
    }

    /// <summary>
    /// Sends one trap (<paramref name="notificationOid"/>, numeric; HINT-TEST-MIB's by default) carrying
    /// <paramref name="varBinds"/> (OID, snmptrap type letter, value) and returns snmptrapd's text for each, snmptrapd
    /// loading <paramref name="modules"/> (HINT-TEST-MIB by default; ALL for every module in the directories).
    /// </summary>
    public static async Task<IReadOnlyList<string>> PrintAsync(IReadOnlyList<(string Oid, char Type, string Value)> varBinds,
        string modules = HintTestMib.ModuleName, string notificationOid = HintTestMib.NotificationOid)
    {
        Assert.True(File.Exists("/usr/sbin/snmptrapd") && File.Exists("/usr/bin/snmptrap"), "net-snmp's snmptrapd and snmptrap are not installed");
        var standard = StandardMibDirectories();
        Assert.True(standard.Any(d => File.Exists(Path.Combine(d, "SNMPv2-TC.mib")) || File.Exists(Path.Combine(d, "SNMPv2-TC.txt")) || File.Exists(Path.Combine(d, "SNMPv2-TC"))),
            "SNMPv2-TC not found in /usr/share/snmp/mibs or /usr/lib/erlang/lib/snmp-*/mibs: apt-get install -y erlang-snmp");
        var directory = Directory.CreateTempSubdirectory("trapactors-hints-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, HintTestMib.ModuleName + ".txt"), HintTestMib.Text());
            await File.WriteAllTextAsync(Path.Combine(directory, "snmptrapd.conf"), "disableAuthorization yes\n");
            var mibDirs = string.Join(':', standard.Append(directory));
            for (var attempt = 1; ; attempt++)
            {
                using var trapd = await StartTrapdAsync(directory, mibDirs, modules);
                if (trapd is null)
                {
                    Assert.True(attempt < 2, "snmptrapd did not start twice (port taken?)");
                    continue;
                }
                return await SendAndReadAsync(trapd, varBinds, directory, notificationOid);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<Trapd?> StartTrapdAsync(string directory, string mibDirs, string modules)
    {
        var address = new IPAddress([127, (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(0, 256), (byte)Random.Shared.Next(2, 255)]);
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(address, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
        var psi = Tool("/usr/sbin/snmptrapd", directory);
        psi.RedirectStandardError = false; // its complaints about other modules go to the test's output
        foreach (var arg in new[] { "-f", "-Lo", "-n", "-C", "-c", Path.Combine(directory, "snmptrapd.conf"), "-M", mibDirs, "-m", modules,
                     "-F", $"BEGIN%V{VarBindSeparator}%vEND\n", "--noPersistentLoad=1", "--noPersistentSave=1", $"udp:{address}:{port}" })
            psi.ArgumentList.Add(arg);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start snmptrapd");
        var trapd = new Trapd(process, $"{address}:{port}");
        var started = await trapd.ReadUntilAsync("NET-SNMP version", Timeout);
        if (started is null)
        {
            trapd.Dispose();
            return null;
        }
        return trapd;
    }

    private static async Task<IReadOnlyList<string>> SendAndReadAsync(Trapd trapd, IReadOnlyList<(string Oid, char Type, string Value)> varBinds, string directory, string notificationOid)
    {
        var psi = Tool("/usr/bin/snmptrap", directory);
        foreach (var arg in new[] { "-M", "/dev/null", "-m", "", "--noPersistentLoad=1", "--noPersistentSave=1", "-v", "2c", "-c", "public", trapd.Address, "", notificationOid })
            psi.ArgumentList.Add(arg);
        foreach (var (oid, type, value) in varBinds)
        {
            psi.ArgumentList.Add(oid);
            psi.ArgumentList.Add(type.ToString());
            psi.ArgumentList.Add(value);
        }
        using (var snmptrap = Process.Start(psi) ?? throw new InvalidOperationException("cannot start snmptrap"))
        {
            var stderr = snmptrap.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(Timeout);
            await snmptrap.WaitForExitAsync(cts.Token);
            Assert.True(snmptrap.ExitCode == 0, "snmptrap failed: " + await stderr);
        }
        var printed = await trapd.ReadUntilAsync("END\n", Timeout)
            ?? throw new TimeoutException("snmptrapd printed no notification; it printed: " + trapd.Seen);
        var body = printed[(printed.LastIndexOf("BEGIN", StringComparison.Ordinal) + 5)..^4];
        var fields = body.Split(VarBindSeparator);
        Assert.True(fields.Length == varBinds.Count + 2, "unexpected varbinds from snmptrapd: " + body);
        return fields[2..];
    }

    private static ProcessStartInfo Tool(string path, string directory)
    {
        var psi = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        psi.Environment["SNMPCONFPATH"] = directory;
        psi.Environment["SNMP_PERSISTENT_DIR"] = directory;
        psi.Environment["MIBS"] = "";
        psi.Environment.Remove("MIBDIRS");
        psi.Environment.Remove("SNMPCONFFILE");
        return psi;
    }

    private sealed class Trapd(Process process, string address) : IDisposable
    {
        private readonly StringBuilder _output = new();

        public string Address => address;

        public string Seen => _output.ToString();

        /// <summary>Reads standard output until it contains <paramref name="marker"/>; null when the process ends or time runs out first.</summary>
        public async Task<string?> ReadUntilAsync(string marker, TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            var buffer = new char[4096];
            try
            {
                while (!_output.ToString().Contains(marker, StringComparison.Ordinal))
                {
                    var read = await process.StandardOutput.ReadAsync(buffer, cts.Token);
                    if (read == 0)
                        return null;
                    _output.Append(buffer, 0, read);
                }
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            return _output.ToString();
        }

        public void Dispose()
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // It had already exited.
            }
            process.Dispose();
        }
    }
}
