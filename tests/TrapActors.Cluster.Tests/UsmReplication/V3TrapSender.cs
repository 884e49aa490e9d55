using System.Collections.Immutable;
using System.Net;
using TrapActors.Testing;
using Xunit;

namespace TrapActors.Cluster.Tests.UsmReplication;

/// <summary>An SNMPv3 authPriv user (SHA, AES-128) as net-snmp's snmptrap and the library each see it.</summary>
public sealed record V3TrapSender(string Name, string AuthPassword, string PrivPassword, string EngineHex)
{
    public ImmutableArray<byte> EngineId => [.. Convert.FromHexString(EngineHex)];

    /// <summary>The user bound to <see cref="EngineHex"/>, or to any engine.</summary>
    public UsmUser ToUsmUser(bool anyEngine = false) =>
        UsmUser.AuthPriv(Name, Snmp.Security.AuthProtocol.HmacSha1, AuthPassword, Snmp.Security.PrivProtocol.Aes128, PrivPassword,
            anyEngine ? default : EngineId);

    /// <summary>Runs snmptrap -v 3 -l authPriv -a SHA -x AES as engine <see cref="EngineHex"/>; snmptrap sends and exits 0.</summary>
    public async Task SendAsync(IPEndPoint target, string trapOid)
    {
        var result = await NetSnmpTools.SnmpTrapAsync("-v", "3", "-e", "0x" + EngineHex, "-u", Name, "-l", "authPriv",
            "-a", "SHA", "-A", AuthPassword, "-x", "AES", "-X", PrivPassword,
            $"127.0.0.1:{target.Port}", "4242", trapOid, "1.3.6.1.4.1.8072.9999.3.1", "s", Name);
        Assert.True(result.ExitCode == 0, $"snmptrap: {result}");
    }

    public override string ToString() => $"{Name}@{EngineHex}";
}
