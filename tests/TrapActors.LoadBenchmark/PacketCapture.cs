using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TrapActors.LoadBenchmark;

/// <summary>
/// Produces the benchmark's datagrams with net-snmp's own snmptrap: it is run against a UDP socket this program
/// listens on (127.0.0.1, ephemeral port), once per datagram, so that every datagram has its own request-id (and,
/// for v3, msgID, salt and engine time). Our encoder is not involved.
/// </summary>
public static class PacketCapture
{
    /// <summary>The SNMPv3 sender: its engine ID, user and passwords (USM users of every target are made from these).</summary>
    public const string SenderEngineId = "0x8000000001020304";

    /// <summary>The sender engine's boots and time in every v3 capture (snmptrap -Z), so replays stay in the time window.</summary>
    public const string SenderBootsAndTime = "1,1000";

    public const string User = "user";
    public const string UserSha256 = "user256";
    public const string AuthPassword = "authpass";
    public const string PrivPassword = "privpass";
    public const string Community = "public";

    /// <summary>linkDown with ifIndex, ifDescr, ifAdminStatus, ifOperStatus (numeric OIDs: no MIBs are loaded).</summary>
    private static readonly string[] TrapArguments =
    [
        "", "1.3.6.1.6.3.1.1.5.3",
        "1.3.6.1.2.1.2.2.1.1.1", "i", "1",
        "1.3.6.1.2.1.2.2.1.2.1", "s", "eth0",
        "1.3.6.1.2.1.2.2.1.7.1", "i", "1",
        "1.3.6.1.2.1.2.2.1.8.1", "i", "2",
    ];

    /// <remarks>
    /// v3 pins the sender's engine boots and time (<c>-Z 1,1000</c>): snmptrap's own engine clock advanced a few seconds per
    /// run, so 64 captures could span more than the 150-second time window, and replaying them mixed times the receiver
    /// rightly refused as notInTimeWindow (RFC 3414 §3.2 step 7b) — losses that had nothing to do with capacity.
    /// </remarks>
    public static string[] SecurityArguments(TrapKind kind) => kind switch
    {
        TrapKind.V2c => ["-v", "2c", "-c", Community],
        TrapKind.V3 => ["-v", "3", "-Z", SenderBootsAndTime, "-e", SenderEngineId, "-u", User, "-l", "authPriv", "-a", "SHA", "-A", AuthPassword, "-x", "AES", "-X", PrivPassword],
        _ => ["-v", "3", "-Z", SenderBootsAndTime, "-e", SenderEngineId, "-u", UserSha256, "-l", "authPriv", "-a", "SHA-256", "-A", AuthPassword, "-x", "AES", "-X", PrivPassword],
    };

    /// <summary>Both v3 senders as net-snmp createUser lines (snmptrapd.conf and the daemon's users file).</summary>
    public static string CreateUserLines =>
        $"createUser -e {SenderEngineId} {User} SHA {AuthPassword} AES {PrivPassword}\n" +
        $"createUser -e {SenderEngineId} {UserSha256} SHA-256 {AuthPassword} AES {PrivPassword}\n";

    /// <summary>The snmptrap command line for one datagram (for the report).</summary>
    public static string CommandLine(TrapKind kind) =>
        "snmptrap -M /dev/null " + string.Join(' ', SecurityArguments(kind)) + " 127.0.0.1:PORT " +
        string.Join(' ', TrapArguments.Select(a => a.Length == 0 ? "''" : a));

    public static Task<IReadOnlyList<byte[]>> CaptureAsync(TrapKind kind, int count, CancellationToken cancellationToken = default) =>
        CaptureAsync(SecurityArguments(kind), count, cancellationToken);

    /// <summary>Captures <paramref name="count"/> datagrams of snmptrap run with <paramref name="securityArguments"/> (-v, -u, -l, ...).</summary>
    public static async Task<IReadOnlyList<byte[]>> CaptureAsync(string[] securityArguments, int count, CancellationToken cancellationToken = default)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveBufferSize = 1 << 20;
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        var configDir = Directory.CreateTempSubdirectory("trapactors-loadbench-snmp-").FullName;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60 + count / 10));
            var receive = ReceiveAsync(socket, count, timeout.Token);
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = timeout.Token },
                async (_, ct) => await RunSnmpTrapAsync(securityArguments, port, configDir, ct));
            return await receive;
        }
        finally
        {
            Directory.Delete(configDir, recursive: true);
        }
    }

    private static async Task<IReadOnlyList<byte[]>> ReceiveAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        var packets = new List<byte[]>(count);
        var buffer = new byte[65536];
        while (packets.Count < count)
        {
            var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cancellationToken);
            if (result.ReceivedBytes > 0 && buffer[0] == 0x30)
                packets.Add(buffer.AsSpan(0, result.ReceivedBytes).ToArray());
        }
        return packets;
    }

    private static async Task RunSnmpTrapAsync(string[] securityArguments, int port, string configDir, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("snmptrap")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-M", "/dev/null", "--noPersistentLoad=1", "--noPersistentSave=1"])
            psi.ArgumentList.Add(arg);
        foreach (var arg in securityArguments)
            psi.ArgumentList.Add(arg);
        psi.ArgumentList.Add($"127.0.0.1:{port}");
        foreach (var arg in TrapArguments)
            psi.ArgumentList.Add(arg);
        psi.Environment["SNMPCONFPATH"] = configDir;
        psi.Environment["SNMP_PERSISTENT_DIR"] = configDir;
        psi.Environment["MIBS"] = "";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start snmptrap");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"snmptrap exited with {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}");
    }
}
