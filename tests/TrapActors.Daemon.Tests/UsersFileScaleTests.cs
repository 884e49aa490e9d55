using System.Globalization;
using System.Text;
using System.Text.Json;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Snmp.Security;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// A large --users-file (issue #15 item 2): the daemon binds without hashing any password first (decision 0038) and
/// receives net-snmp snmptrap traps from its first and last users; users given as -m/-l keys hash nothing.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class UsersFileScaleTests : IDisposable
{
    private const int Users = 20_000;
    private const string KeyedEngine = "8000000001020307aa";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _dir = Directory.CreateTempSubdirectory("trapactors-users-scale-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Name(int i) => string.Create(CultureInfo.InvariantCulture, $"u{i:D5}");

    private static string AuthPass(int i) => string.Create(CultureInfo.InvariantCulture, $"auth-pass-{i % 3}");

    private static string PrivPass(int i) => string.Create(CultureInfo.InvariantCulture, $"priv-pass-{i % 3}");

    private static string Hex(byte[] key) => "0x" + Convert.ToHexStringLower(key);

    private static byte[] Ku(string password) => UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, password);

    private static byte[] Kul(string password) => UsmKeys.Localize(AuthProtocol.HmacSha1, Ku(password), Convert.FromHexString(KeyedEngine));

    private string UsersFile()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Users; i++)
            text.Append(CultureInfo.InvariantCulture, $"createUser {Name(i)} SHA {AuthPass(i)} AES {PrivPass(i)}\n");
        // net-snmp's pre-hashed forms: master keys for any engine, and keys localized to one engine.
        text.Append(CultureInfo.InvariantCulture, $"createUser master SHA -m {Hex(Ku("master-auth-1"))} AES -m {Hex(Ku("master-priv-1"))}\n");
        text.Append(CultureInfo.InvariantCulture, $"createUser -e {KeyedEngine} local SHA -l {Hex(Kul("local-auth-1"))} AES -l {Hex(Kul("local-priv-1"))}\n");
        var path = Path.Combine(_dir, "users.conf");
        File.WriteAllText(path, text.ToString());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static async Task TrapAsync(string target, string user, string auth, string priv, string engine, string value)
    {
        var result = await NetSnmpTools.SnmpTrapAsync("-v", "3", "--noPersistentLoad=1", "--noPersistentSave=1", "-l", "authPriv", "-u", user,
            "-a", "SHA", "-A", auth, "-x", "AES", "-X", priv, "-e", "0x" + engine, target, "42", "1.3.6.1.6.3.1.1.5.3", "1.3.6.1.2.1.1.5.0", "s", value);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Twenty_thousand_users_listen_without_hashing_and_the_first_and_last_receive()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp's snmptrap is required");
        // Nothing hashed before binding (usm.hash-before-binding = 0s), so every derivation below is a first use's.
        var config = Path.Combine(_dir, "first-use-only.conf");
        File.WriteAllText(config, "trap-actors.usm.hash-before-binding = 0s\n");
        await using var daemon = DaemonProcess.Start("--listen", "udp:127.0.0.1:0", "--users-file", UsersFile(), "--state-dir", Path.Combine(_dir, "state"),
            "--config", config);
        var target = $"127.0.0.1:{await daemon.WaitForPortAsync(Timeout)}";

        await TrapAsync(target, Name(0), AuthPass(0), PrivPass(0), "8000000001020307a0", "first");
        await TrapAsync(target, Name(Users - 1), AuthPass(Users - 1), PrivPass(Users - 1), "8000000001020307a1", "last");
        await TrapAsync(target, "master", "master-auth-1", "master-priv-1", "8000000001020307a2", "master keys");
        await TrapAsync(target, "local", "local-auth-1", "local-priv-1", KeyedEngine, "localized keys");

        var lines = (await daemon.ReadStdoutLinesAsync(4, Timeout)).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(["first", "last", "localized keys", "master keys"],
            lines.Select(n => n.GetProperty("varbinds")[2].GetProperty("value").GetString()).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["local", "master", Name(0), Name(Users - 1)], lines.Select(n => n.GetProperty("user").GetString()).Order(StringComparer.Ordinal).ToList());

        Assert.Equal(0, await daemon.StopAsync(DaemonProcess.SigTerm, Timeout));
        var stats = daemon.FinalStats();
        EndToEndTests.AssertStats(stats, received: 4, delivered: 4, informsAnswered: 0);
        // Only what the four senders needed: u00000 and u19999 hash two passwords and localize both keys to their
        // engine (4 each), master localizes its two master keys (2), local uses its keys as given (0).
        Assert.Equal(10, stats.GetProperty("usm").GetProperty("keyDerivations").GetInt64());
    }
}
