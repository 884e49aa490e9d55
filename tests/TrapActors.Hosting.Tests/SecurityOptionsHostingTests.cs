using System.Collections.Concurrent;
using TrapActors.Snmp.Security;
using TrapActors.Testing;
using TrapActors.Tests.Dtls;
using Xunit;

namespace TrapActors.Hosting.Tests;

/// <summary>USM policies, access rules and the DTLS identity and client policy, set through the hosting options, against net-snmp.</summary>
public class SecurityOptionsHostingTests
{
    private const string TrapOid = "1.3.6.1.4.1.8072.2.3.0.1";

    [Fact]
    public async Task A_user_supplied_by_the_UsmPolicies_option_receives_a_net_snmp_v3_authPriv_trap()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var asked = new ConcurrentQueue<string>();
        await using var host = new TrapHost(o => o.UsmPolicies = new UsmPolicies
        {
            GetUser = request =>
            {
                asked.Enqueue(request.User);
                return ValueTask.FromResult<UsmUser?>(request.User == "policy-user"
                    ? UsmUser.AuthPriv("policy-user", AuthProtocol.HmacSha256, "policy-auth-pass", PrivProtocol.Aes128, "policy-priv-pass")
                    : null);
            },
        });
        await host.StartAsync();
        var endpoint = await host.EndPointAsync();

        var result = await NetSnmpTools.SnmpTrapAsync("-v", "3", "-e", "0x80000000010203AA", "-u", "policy-user", "-l", "authPriv",
            "-a", "SHA-256", "-A", "policy-auth-pass", "-x", "AES", "-X", "policy-priv-pass", $"127.0.0.1:{endpoint.Port}", "7", TrapOid);

        Assert.True(result.ExitCode == 0, result.ToString());
        var trap = await host.NextAsync<TrapReceived>(TimeSpan.FromSeconds(10));
        Assert.Equal("policy-user", trap.Notification.Origin.User);
        Assert.Equal(SecurityLevel.AuthPriv, trap.Notification.Origin.SecurityLevel);
        Assert.Contains("policy-user", asked);
    }

    [Fact]
    public async Task Access_rules_set_through_the_options_let_only_the_allowed_trap_oid_through()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        await using var host = new TrapHost(o => o.AccessRules.Add(new TrapAccessRule(TrapOid, SecurityLevel.NoAuthNoPriv) { CommunityBased = true }));
        await host.StartAsync();
        var endpoint = await host.EndPointAsync();

        foreach (var oid in new[] { "1.3.6.1.4.1.8072.2.3.0.9", TrapOid })
        {
            var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", "public", $"127.0.0.1:{endpoint.Port}", "1", oid);
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        var trap = await host.NextAsync<TrapReceived>(TimeSpan.FromSeconds(10));
        Assert.Equal(TrapOid, trap.Notification.TrapOid.ToString());
        Assert.True(await host.NothingWithinAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(1, (await host.StatsAsync()).Dropped[DropReason.AccessDenied]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_DTLS_identity_and_client_policy_options_decide_a_net_snmp_DTLS_trap(bool accept)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        using var pki = new TestPki();
        var seen = new ConcurrentQueue<DtlsClientCertificate>();
        await using var host = new TrapHost(o =>
        {
            o.Endpoints.Clear();
            o.Endpoints.Add("dtls:127.0.0.1:0");
            o.DtlsServerIdentity = DtlsServerIdentity.FromPem(File.ReadAllText(pki.ServerChainFile), File.ReadAllText(pki.Server.KeyFile));
            o.DtlsTrustAnchorsFile = pki.Ca.CertificateFile;
            o.DtlsCertMap.Add(TestPki.CertSecName(10, pki.Client, "--cn"));
            o.DtlsClientAuthentication = client =>
            {
                seen.Enqueue(client);
                return accept;
            };
        });
        await host.StartAsync();
        var port = (await host.EndPointAsync()).Port;

        if (accept)
        {
            await NetSnmpDtls.TrapSentAsync(pki.NetSnmpStore(pki.Client), port);
            var trap = await host.NextAsync<TrapReceived>(TimeSpan.FromSeconds(20));
            Assert.Equal("dtls", trap.Notification.Origin.Transport);
            Assert.Equal("trapsender", trap.Notification.Origin.User);
        }
        else
        {
            var result = await NetSnmpDtls.TrapAsync(pki.NetSnmpStore(pki.Client), port);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.True(await host.NothingWithinAsync(TimeSpan.FromSeconds(1)));
        }
        Assert.Equal("trapsender", Assert.Single(seen).SecurityName);
    }
}
