using System.Text;
using TrapActors.Snmp.Security;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.TestKit.Tests.Originator;

/// <summary>
/// One net-snmp snmptrapd for a test class, knowing a trap user for every auth × priv pair (localized to the
/// originator's engine ID, <see cref="EngineId"/>) and inform users (localized to snmptrapd's own engine).
/// </summary>
public sealed class SnmptrapdFixture : IAsyncLifetime
{
    public const string AuthPassword = "originator-auth-pass";
    public const string PrivPassword = "originator-priv-pass";
    public const string InformUser = "inform-user";
    public const string InformNoAuthUser = "inform-noauth";
    public const string TrapNoAuthUser = "trap-noauth";

    /// <summary>The originators' snmpEngineID, which snmptrapd's trap users are localized to.</summary>
    public static readonly byte[] EngineId = OriginatorOptions.NewEngineId();

    public static readonly AuthProtocol[] Auths =
        [AuthProtocol.HmacMd5, AuthProtocol.HmacSha1, AuthProtocol.HmacSha224, AuthProtocol.HmacSha256, AuthProtocol.HmacSha384, AuthProtocol.HmacSha512];

    /// <summary>Every privacy protocol net-snmp 5.9 knows (it has no 3DES).</summary>
    public static readonly PrivProtocol[] Privs =
        [PrivProtocol.Des, PrivProtocol.Aes128, PrivProtocol.Aes192, PrivProtocol.Aes256, PrivProtocol.Aes192Reeder, PrivProtocol.Aes256Reeder];

    public SnmpTrapdProcess Trapd { get; private set; } = null!;

    public static string TrapUser(AuthProtocol auth, PrivProtocol priv) => $"u-{auth.Name()}-{priv.Name()}".ToLowerInvariant();

    public static OriginatorOptions Options => new() { EngineId = EngineId, Timeout = TimeSpan.FromSeconds(10), Retries = 1 };

    public async Task InitializeAsync()
    {
        Assert.True(SnmpTrapdProcess.Available, "snmptrapd is not installed");
        var config = new StringBuilder();
        var engine = "0x" + Convert.ToHexString(EngineId);
        foreach (var auth in Auths)
        {
            config.Append($"createUser -e {engine} {TrapUser(auth, PrivProtocol.None)} {auth.Name()} {AuthPassword}\n");
            foreach (var priv in Privs)
                config.Append($"createUser -e {engine} {TrapUser(auth, priv)} {auth.Name()} {AuthPassword} {priv.Name()} {PrivPassword}\n");
        }
        config.Append($"createUser -e {engine} {TrapNoAuthUser}\n");
        config.Append($"createUser {InformUser} SHA-512 {AuthPassword} AES-256 {PrivPassword}\n");
        config.Append($"createUser {InformNoAuthUser}\n");
        Trapd = await SnmpTrapdProcess.StartAsync(TimeSpan.FromSeconds(60), config.ToString());
    }

    public Task DisposeAsync()
    {
        Trapd?.Dispose();
        return Task.CompletedTask;
    }
}
