using System.Net;
using TrapActors.Snmp.Messages;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>net-snmp's real snmptrap over DTLS (TLSTM/TSM, RFC 6353/5591), and openssl s_client as a second peer.</summary>
public class DtlsTrapInteropTests() : DtlsReceiverSpec()
{
    private static readonly TimeSpan FirstHandshake = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Snmptrap_over_DTLS_is_delivered_as_transport_dtls_with_the_mapped_name_and_authPriv()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);
        var events = EventProbe(typeof(DtlsClientAuthenticated), typeof(DtlsAssociationEstablished));

        var result = await NetSnmpDtls.TrapAsync(StoreFor(), port);

        NetSnmpDtls.AssertSent(result);
        var n = await this.TrapAsync(FirstHandshake);
        Assert.Equal("dtls", n.Origin.Transport);
        Assert.Equal("trapsender", n.Origin.User);
        Assert.Equal(SecurityLevel.AuthPriv, n.Origin.SecurityLevel);
        Assert.Equal(SnmpVersion.V3, n.Origin.Version);
        Assert.Equal(IPAddress.Loopback, n.Origin.Source.Address);
        Assert.Equal("1.3.6.1.6.3.1.1.5.1", n.TrapOid.ToString());
        Assert.Equal("dtls hello", n.ValueOf(Oid.Parse("1.3.6.1.2.1.1.5.0"))!.Value.Text());

        var authenticated = await events.ExpectMsgAsync<DtlsClientAuthenticated>();
        Assert.Contains("trapsender", authenticated.Subject);
        Assert.Contains(TestPki.CaName, authenticated.Issuer);
        Assert.Equal("trapsender", authenticated.SecurityName);
        Assert.Equal(n.Origin.Source, authenticated.Peer);
        var established = await events.ExpectMsgAsync<DtlsAssociationEstablished>();
        Assert.Equal("trapsender", established.SecurityName);
        Assert.Equal(n.Origin.Source, established.Peer);

        var stats = await AwaitDtlsAsync(s => s.Established == 1, "one association established");
        Assert.Equal(1, stats.Handshakes);
        Assert.True(stats.HelloVerifyRequests >= 1, "net-snmp's first ClientHello has no cookie");
        Assert.DoesNotContain(stats.Refused, r => r.Value > 0);
    }

    [Fact]
    public async Task Each_snmptrap_run_is_one_association_that_closes_when_the_tool_exits()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);

        for (var i = 1; i <= 2; i++)
        {
            var result = await NetSnmpDtls.TrapAsync(StoreFor(), port, ["1.3.6.1.6.3.1.1.5.1", "1.3.6.1.2.1.1.5.0", "s", $"run {i}"]);
            NetSnmpDtls.AssertSent(result);
            Assert.Equal($"run {i}", (await this.TrapAsync(FirstHandshake)).ValueOf(Oid.Parse("1.3.6.1.2.1.1.5.0"))!.Value.Text());
        }

        // net-snmp sends close_notify when it exits.
        var stats = await AwaitDtlsAsync(s => s.Closed == 2 && s.Active == 0, "both associations closed");
        Assert.Equal(2, stats.Established);
        Assert.Equal(2, stats.Handshakes);
        Assert.Equal(2, (await StatsAsync()).Delivered);
    }

    [Fact]
    public async Task Openssl_s_client_delivers_a_net_snmp_TSM_trap_as_a_second_peer()
    {
        // The positive control for DtlsNegativeTests: the same tool and payload are delivered when the certificate is good.
        Assert.True(OpenSslDtls.Available, "openssl is not installed");
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);

        var result = await OpenSslDtls.SendAsync(port, Pki.Ca.CertificateFile, Pki.Client.CertificateFile, Pki.Client.KeyFile, TsmPayloads.NetSnmpTrap);

        Assert.True(result.ExitCode == 0 && result.Established, $"s_client: {result}");
        var n = await this.TrapAsync(FirstHandshake);
        Assert.Equal("dtls", n.Origin.Transport);
        Assert.Equal("trapsender", n.Origin.User);
        Assert.Equal(SecurityLevel.AuthPriv, n.Origin.SecurityLevel);
        Assert.Equal(TsmPayloads.NetSnmpTrapOid, n.TrapOid.ToString());
        await AwaitDtlsAsync(s => s.Established == 1 && s.Closed == 1 && s.Active == 0, "s_client's close_notify closed it");
    }
}

/// <summary>
/// One cert-map entry per class, each reached by a real snmptrap: the map type decides the securityName
/// (RFC 6353 §5.3.2 / net-snmp certSecName). The client certificate: CN trapsender, SAN email:ops@example.org,
/// DNS:sender.example.org, IP:127.0.0.1 (in that order).
/// </summary>
public abstract class DtlsMappingSpec : DtlsReceiverSpec
{
    private readonly string _expectedUser;

    private protected DtlsMappingSpec(Func<TestPki, string> certMapLine, string expectedUser, string extraHocon = "")
        : base(pki => $$"""
            trap-actors.dtls.cert-map = ["{{certMapLine(pki)}}"]
            {{extraHocon}}
            """)
    {
        _expectedUser = expectedUser;
    }

    [Fact]
    public async Task Snmptrap_is_delivered_under_the_securityName_the_entry_gives()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);

        await NetSnmpDtls.TrapSentAsync(StoreFor(), port);

        var n = await this.TrapAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(_expectedUser, n.Origin.User);
        Assert.Equal("dtls", n.Origin.Transport);
        Assert.Equal(SecurityLevel.AuthPriv, n.Origin.SecurityLevel);
    }
}

public class DtlsCommonNameMappingTests() : DtlsMappingSpec(pki => TestPki.CertSecName(10, pki.Client, "--cn"), "trapsender");

public class DtlsSpecifiedNameMappingTests() : DtlsMappingSpec(pki => TestPki.CertSecName(10, pki.Client, "--sn ops-team"), "ops-team");

/// <summary>No hash flag: net-snmp's default, SHA-1; the fingerprint with colons.</summary>
public class DtlsDnsNameMappingTests() : DtlsMappingSpec(pki => $"certSecName 10 {pki.Client.Sha1Colons} --dns", "sender.example.org");

/// <summary>The hash flag after the fingerprint (the form of net-snmp's help text); lowercase hex without colons.</summary>
public class DtlsIpAddressMappingTests() : DtlsMappingSpec(pki => $"20 {pki.Client.Sha256Hex} --sha256 --ip", "127.0.0.1");

/// <summary>--any: the first rfc822Name, dNSName or iPAddress SAN in certificate order.</summary>
public class DtlsAnySanMappingTests() : DtlsMappingSpec(pki => TestPki.CertSecName(10, pki.Client, "--any"), "ops@example.org");

/// <summary>The CA's fingerprint matches every certificate it issued (the map is checked against the whole chain).</summary>
public class DtlsCaFingerprintMappingTests() : DtlsMappingSpec(pki => TestPki.CertSecName(10, pki.Ca, "--cn"), "trapsender");

/// <summary>security-name-prefix = on (snmpTsmConfigurationUsePrefix): "dtls:" + the mapped name.</summary>
public class DtlsSecurityNamePrefixTests() : DtlsMappingSpec(
    pki => TestPki.CertSecName(10, pki.Client, "--cn"), "dtls:trapsender", "trap-actors.dtls.security-name-prefix = on");

/// <summary>snmpinform over DTLS: answered over the same association, with RFC 5343 engine-ID discovery.</summary>
public class DtlsInformInteropTests() : DtlsReceiverSpec()
{
    [Fact]
    public async Task Snmpinform_without_an_engine_id_discovers_it_and_gets_its_Response()
    {
        // No -E: net-snmp first sends a GetRequest for snmpEngineID.0 with contextEngineID 0x8000000006 (RFC 5343).
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);

        var result = await NetSnmpDtls.InformAsync(StoreFor(), port, retries: 1, timeoutSeconds: 3);

        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        var inform = await this.InformAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(NotificationKind.Inform, inform.Notification.Kind);
        Assert.Equal("dtls", inform.Notification.Origin.Transport);
        Assert.Equal("trapsender", inform.Notification.Origin.User);
        Assert.Equal(SecurityLevel.AuthPriv, inform.Notification.Origin.SecurityLevel);
        Assert.Equal("dtls hello", inform.Notification.ValueOf(Oid.Parse("1.3.6.1.2.1.1.5.0"))!.Value.Text());
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200)); // delivered once: the probe is not a notification
        var stats = await StatsAsync();
        Assert.Equal(1, stats.Delivered);
        Assert.Equal(1, stats.InformsAnswered);
        Assert.Equal(1, stats.Dtls.Established);
    }

    [Fact]
    public async Task Snmpinform_given_the_engine_id_skips_discovery_and_gets_its_Response()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);
        var engine = await Receiver.Ask<LocalEngineInfo>(GetLocalEngine.Instance, AskTimeout);

        var result = await NetSnmpDtls.InformAsync(StoreFor(), port, retries: 1, timeoutSeconds: 3,
            contextEngineId: Convert.ToHexString(engine.EngineId.AsSpan()));

        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        var inform = await this.InformAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("trapsender", inform.Notification.Origin.User);
        Assert.Equal(Convert.ToHexString(engine.EngineId.AsSpan()), Convert.ToHexString(inform.Notification.Origin.ContextEngineId.AsSpan()));
        Assert.Equal(1, (await StatsAsync()).InformsAnswered);
    }
}

/// <summary>inform.acknowledge = after-delivery over DTLS: snmpinform gets its Response only after the subscriber confirmed.</summary>
public class DtlsInformAfterDeliveryTests() : DtlsReceiverSpec(_ => "trap-actors.inform { acknowledge = after-delivery, decision-timeout = 10s }")
{
    [Fact]
    public async Task Snmpinform_succeeds_once_the_subscriber_confirmed()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);

        // -t 8: the Response is expected within one try, after the confirmation.
        var run = NetSnmpDtls.InformAsync(StoreFor(), port, retries: 0, timeoutSeconds: 8);
        var inform = await this.InformAsync(TimeSpan.FromSeconds(8));
        Assert.True(inform.Acknowledgement.IsPending);
        Assert.False(run.IsCompleted, "snmpinform finished before the confirmation");
        Assert.Equal(0, (await StatsAsync()).InformsAnswered);

        inform.Confirm();

        var result = await run;
        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        var stats = await StatsAsync();
        Assert.Equal(1, stats.InformsAnswered);
        Assert.Equal(1, stats.Delivered);
        Assert.Equal(1, stats.Dtls.Established);
    }
}

/// <summary>
/// A Response larger than one DTLS record (dtls.max-send-size) is answered tooBig (RFC 3416 §4.2.7) instead of not at
/// all: the session's Response limit is the association's record limit.
/// </summary>
public class DtlsInformTooBigTests() : DtlsReceiverSpec(_ => "trap-actors.dtls.max-send-size = 600")
{
    [Fact]
    public async Task An_inform_whose_Response_exceeds_the_record_limit_gets_a_tooBig_Response()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);
        var large = new string('x', 700);

        var result = await NetSnmpDtls.InformAsync(StoreFor(), port, retries: 0, timeoutSeconds: 5,
            notification: ["1.3.6.1.6.3.1.1.5.1", "1.3.6.1.2.1.1.5.0", "s", large]);

        var inform = await this.InformAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(large, inform.Notification.ValueOf(Oid.Parse("1.3.6.1.2.1.1.5.0"))!.Value.Text());
        Assert.Equal(1, (await StatsAsync()).InformsAnswered);
        // net-snmp's snmpinform does not print a Response's error status: exit 0 with no retries says one came back at
        // once (before, the over-sized Response was never sent and snmpinform timed out).
        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
    }
}
