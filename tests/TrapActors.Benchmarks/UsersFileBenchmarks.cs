using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using TrapActors.Daemon;
using TrapActors.Security;
using TrapActors.Snmp.Security;

namespace TrapActors.Benchmarks;

/// <summary>
/// What a large --users-file costs before the daemon binds (issue #15 item 2): parsing 100,000 createUser lines, and
/// the receiver's entry for one user taken from the setup (its password hashed later, on first use: decision 0038).
/// </summary>
[MemoryDiagnoser]
public class UsersFileBenchmarks
{
    private const int Lines = 100_000;
    private string _text = "";
    private UsmUser _user = null!;
    private UsmUserEntry[] _entries = [];

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Lines; i++)
            text.Append(CultureInfo.InvariantCulture, $"createUser u{i:D6} SHA bench-auth-{i % 4} AES bench-priv-{i % 4}\n");
        _text = text.ToString();
        _user = UsmUser.AuthPriv("u000001", AuthProtocol.HmacSha1, "bench-auth-1", PrivProtocol.Aes128, "bench-priv-1");
        UsersFile.TryParse(_text, "users", out var users, out _);
        _entries = [.. users.Select(u => UsmUserEntry.Create(u, static () => { }, deferred: true))];
    }

    [Benchmark]
    public int Parse100000Lines() => UsersFile.TryParse(_text, "users", out var users, out _) ? users.Length : -1;

    /// <summary>The table the sessions read, published once at start with every setup user.</summary>
    [Benchmark]
    public int TableOf100000Users() => new UsmTable(_entries).Entries.Length;

    [Benchmark]
    public bool DeferredEntry() => UsmUserEntry.Create(_user, static () => { }, deferred: true).KeysReady;
}
