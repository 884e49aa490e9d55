using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TrapActors.LoadBenchmark;

/// <summary>
/// --users N (issue #15 item 2): the daemon started with N SNMPv3 users in its --users-file. Measures the time from
/// the process start to the 'listening' line, then at once replays v3 authPriv traps (captured from net-snmp's
/// snmptrap) from <see cref="Senders"/> of those users, each from its own socket and engine, none used before, and
/// checks that every one is delivered. The same with only the senders in the file gives the base start-up time.
/// </summary>
public static class UsersStartup
{
    public const int Senders = 8;
    public const int TrapsPerSender = 4;
    private const int Passwords = 4;

    public static async Task<int> RunAsync(int users, DirectoryInfo work, string daemonDll, string? outputFile, CancellationToken cancellationToken)
    {
        try
        {
            var senders = SenderIndexes(users);
            Runner.Progress($"capturing {TrapsPerSender} snmptrap v3 authPriv datagrams from each of {senders.Count} users");
            var traps = new List<(int User, byte[] Datagram)>();
            foreach (var i in senders)
                traps.AddRange((await PacketCapture.CaptureAsync(SecurityArguments(i), TrapsPerSender, cancellationToken)).Select(d => (i, d)));

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"## Start-up with SNMPv3 users (`--users {users}`)").AppendLine();
            report.AppendLine("| users in --users-file | file size | process start → `listening` | traps sent right after | delivered | lost | first send → all delivered | peak RSS at `listening` | peak RSS at the end |");
            report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var count in users == senders.Count ? [users] : (int[])[senders.Count, users])
            {
                cancellationToken.ThrowIfCancellationRequested();
                var file = Path.Combine(work.FullName, $"users-{count}");
                WriteUsersFile(file, users, count == users ? null : senders);
                report.AppendLine(await RunOnceAsync(count, file, daemonDll, work.FullName, traps));
            }
            report.AppendLine().AppendLine(UsersMemory.Measure(users));
            var markdown = report.ToString();
            Console.Out.Write(markdown);
            if (outputFile is not null)
                await File.WriteAllTextAsync(outputFile, markdown, cancellationToken);
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> RunOnceAsync(int count, string usersFile, string daemonDll, string workDirectory, List<(int User, byte[] Datagram)> traps)
    {
        var size = new FileInfo(usersFile).Length;
        Runner.Progress($"daemon with {count} users ({size / 1024.0 / 1024:0.0} MiB file)");
        var start = Stopwatch.StartNew();
        await using var target = await TargetEnvironment.StartAsync(TargetKind.TrapActors, new TargetEnvironment(workDirectory, daemonDll, 0) { UsersFile = usersFile });
        var listening = start.Elapsed;
        var rssAtListening = target.PeakRssKb();

        var sockets = traps.Select(t => t.User).Distinct().ToDictionary(u => u, _ => new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)));
        var sent = Stopwatch.StartNew();
        try
        {
            var destination = new IPEndPoint(IPAddress.Loopback, target.Port);
            // Round by round, so that every user's first trap arrives before any user's second.
            foreach (var (user, datagram) in traps.Select((t, i) => (t, i)).OrderBy(x => x.i % TrapsPerSender).Select(x => x.t))
                await sockets[user].SendAsync(datagram, destination);
        }
        finally
        {
            foreach (var socket in sockets.Values)
                socket.Dispose();
        }
        while (target.Delivered() < traps.Count && sent.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(5);
        var allDelivered = sent.Elapsed;
        var delivered = target.Delivered();
        var rssAtEnd = target.PeakRssKb();
        var final = await target.StopAsync();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"| {count:N0} | {size / 1024.0 / 1024:0.0} MiB | {listening.TotalSeconds:0.00} s | {traps.Count} | {delivered} | {traps.Count - delivered} | " +
            $"{(delivered == traps.Count ? $"{allDelivered.TotalMilliseconds:0} ms" : "not within 30 s")} | {rssAtListening / 1024.0:0} MiB | {rssAtEnd / 1024.0:0} MiB |");
        Runner.Progress("  " + line + (string.IsNullOrEmpty(final.Note) ? "" : " note: " + final.Note));
        return line;
    }

    /// <summary>The first, the last and evenly spread users in between: none of them sent anything before.</summary>
    private static List<int> SenderIndexes(int users) =>
        [.. Enumerable.Range(0, Senders).Select(k => (int)((long)k * (users - 1) / Math.Max(1, Senders - 1))).Distinct()];

    public static string UserName(int i) => string.Create(CultureInfo.InvariantCulture, $"u{i:D6}");

    public static string AuthPassword(int i) => string.Create(CultureInfo.InvariantCulture, $"bench-auth-{i % Passwords}");

    public static string PrivPassword(int i) => string.Create(CultureInfo.InvariantCulture, $"bench-priv-{i % Passwords}");

    /// <summary>Each sender its own engine, like separate devices.</summary>
    private static string[] SecurityArguments(int i) =>
        ["-v", "3", "-Z", PacketCapture.SenderBootsAndTime, "-e", string.Create(CultureInfo.InvariantCulture, $"0x80000000010205{i:x8}"),
         "-u", UserName(i), "-l", "authPriv", "-a", "SHA", "-A", AuthPassword(i), "-x", "AES", "-X", PrivPassword(i)];

    /// <summary>Users 0..users-1 (only <paramref name="only"/> when given), any engine, SHA/AES with a few different passwords.</summary>
    private static void WriteUsersFile(string path, int users, IReadOnlyCollection<int>? only)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine("# generated by the load benchmark (--users)");
        foreach (var i in only ?? Enumerable.Range(0, users))
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"createUser {UserName(i)} SHA {AuthPassword(i)} AES {PrivPassword(i)}"));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);   // the daemon warns about a users file others can read
    }
}
