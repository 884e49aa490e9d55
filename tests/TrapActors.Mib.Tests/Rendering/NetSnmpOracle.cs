using System.Diagnostics;
using System.Text;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Mib.Tests.Rendering;

/// <summary>
/// Runs net-snmp as the oracle: snmptrapd (<see cref="SnmpTrapdProcess"/>) with <see cref="HintTestMib"/> and the
/// installed modules (<see cref="InstalledMibs"/>) loaded, printing each notification as <c>BEGIN</c> varbinds
/// separated by U+001E <c>END</c>; snmptrap (no MIBs, numeric OIDs, so it checks no sizes) sends it one SNMPv2c trap.
/// Returns what snmptrapd printed for each varbind after the two standard ones.
/// </summary>
internal static class NetSnmpOracle
{
    private const char VarBindSeparator = '\u001e';
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Sends one trap (<paramref name="notificationOid"/>, numeric; HINT-TEST-MIB's by default) carrying
    /// <paramref name="varBinds"/> (OID, snmptrap type letter, value) and returns snmptrapd's text for each, snmptrapd
    /// loading <paramref name="modules"/> (HINT-TEST-MIB by default; ALL for every module in the directories).
    /// </summary>
    public static async Task<IReadOnlyList<string>> PrintAsync(IReadOnlyList<(string Oid, char Type, string Value)> varBinds,
        string modules = HintTestMib.ModuleName, string notificationOid = HintTestMib.NotificationOid)
    {
        Assert.True(SnmpTrapdProcess.Available && File.Exists("/usr/bin/snmptrap"), "net-snmp's snmptrapd and snmptrap are not installed");
        var installed = InstalledMibs.Directories();
        Assert.True(installed.Any(d => File.Exists(Path.Combine(d, "SNMPv2-TC.mib")) || File.Exists(Path.Combine(d, "SNMPv2-TC.txt")) || File.Exists(Path.Combine(d, "SNMPv2-TC"))),
            "SNMPv2-TC not found in /usr/share/snmp/mibs or /usr/lib/erlang/lib/snmp-*/mibs: apt-get install -y erlang-snmp");
        var directory = Directory.CreateTempSubdirectory("trapactors-hints-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, HintTestMib.ModuleName + ".txt"), HintTestMib.Text());
            using var trapd = await SnmpTrapdProcess.StartAsync(Timeout, mibDirectories: [.. installed, directory], modules: modules,
                format: $"BEGIN%V{VarBindSeparator}%vEND\n");
            await SendAsync(trapd, varBinds, directory, notificationOid);
            var printed = await trapd.ExpectTextAsync("BEGIN", "END", Timeout);
            var fields = printed[5..^3].Split(VarBindSeparator);
            Assert.True(fields.Length == varBinds.Count + 2, "unexpected varbinds from snmptrapd: " + printed);
            return fields[2..];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task SendAsync(SnmpTrapdProcess trapd, IReadOnlyList<(string Oid, char Type, string Value)> varBinds, string directory, string notificationOid)
    {
        var psi = new ProcessStartInfo("/usr/bin/snmptrap")
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
        foreach (var arg in new[] { "-M", "/dev/null", "-m", "", "--noPersistentLoad=1", "--noPersistentSave=1", "-v", "2c", "-c", "public",
                     $"{trapd.Endpoint.Address}:{trapd.Endpoint.Port}", "", notificationOid })
            psi.ArgumentList.Add(arg);
        foreach (var (oid, type, value) in varBinds)
        {
            psi.ArgumentList.Add(oid);
            psi.ArgumentList.Add(type.ToString());
            psi.ArgumentList.Add(value);
        }
        using var snmptrap = Process.Start(psi) ?? throw new InvalidOperationException("cannot start snmptrap");
        var stderr = snmptrap.StandardError.ReadToEndAsync();
        _ = snmptrap.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        await snmptrap.WaitForExitAsync(cts.Token);
        Assert.True(snmptrap.ExitCode == 0, "snmptrap failed: " + await stderr);
    }
}
