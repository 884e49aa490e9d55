using System.Net;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.TestKit.Tests.Scenarios;

/// <summary>
/// The originator through an in-memory endpoint into our receiver: a v2c trap, a v3 authPriv inform (discovery and
/// time sync through the endpoint), a wrong digest answered with a Report and not delivered, and two originators on one
/// endpoint each reading only the answers to their own source.
/// </summary>
public sealed class InMemoryOriginatorTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly UsmSecurity Ops =
        OriginatorSecurity.AuthPriv("ops", AuthProtocol.HmacSha1, "ops-auth-pass", PrivProtocol.Aes128, "ops-priv-pass");

    private static readonly Oid MarkerOid = Oid.Parse("1.3.6.1.4.1.8072.9999.1.1");
    private static readonly OriginatorOptions Patient = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly InMemoryEndpoint _endpoint;

    public InMemoryOriginatorTests() : this(new InMemoryEndpoint()) { }

    private InMemoryOriginatorTests(InMemoryEndpoint endpoint)
        : base(TrapReceiverTestKitExtensions.Setup(endpoint, [Ops.ToUsmUser()])) => _endpoint = endpoint;

    private static Notification Marked(string marker) =>
        Notification.Of("1.3.6.1.6.3.1.1.5.3", new VarBind(MarkerOid, SnmpValue.OctetString(marker)));

    [Fact]
    public async Task A_v2c_trap_reaches_the_subscriber_from_the_originators_source()
    {
        var source = new IPEndPoint(IPAddress.Parse("192.0.2.7"), 40001);
        using var originator = await this.StartTrapScenarioAsync(_endpoint, source: source);

        await originator.SendTrapAsync(Marked("v2c"), OriginatorSecurity.V2c("public"));

        var trap = this.ExpectTrap(TimeSpan.FromSeconds(30));
        Assert.Equal(SnmpValue.OctetString("v2c"), trap.ValueOf(MarkerOid));
        Assert.Equal(source, trap.Origin.Source);
        Assert.Equal("public", trap.Origin.Community);
    }

    [Fact]
    public async Task A_v3_authPriv_inform_is_delivered_and_answered_after_discovery_and_time_sync()
    {
        using var originator = await this.StartTrapScenarioAsync(_endpoint, options: Patient);

        var outcome = await originator.SendInformAsync(Marked("v3-inform"), Ops);

        Assert.Equal(InformOutcomeKind.Response, outcome.Kind);
        Assert.True(originator.ReceiverTimeSynchronised);
        Assert.NotNull(originator.ReceiverEngineId);
        var inform = this.ExpectInform(TimeSpan.FromSeconds(30));
        Assert.Equal(SnmpValue.OctetString("v3-inform"), inform.Notification.ValueOf(MarkerOid));
        Assert.Equal("ops", inform.Notification.Origin.User);
    }

    [Fact]
    public async Task A_v3_inform_with_a_wrong_digest_draws_a_report_and_is_not_delivered()
    {
        using var originator = await this.StartTrapScenarioAsync(_endpoint, options: Patient);

        var outcome = await originator.SendInformAsync(Marked("wrong-digest"), Ops, OriginatorFaults.WrongDigest);
        Assert.Equal(InformOutcomeKind.Report, outcome.Kind);
        Assert.Equal(UsmReportOids.WrongDigests, outcome.ReportOid);

        // A good inform afterwards is the first thing the subscriber gets.
        Assert.Equal(InformOutcomeKind.Response, (await originator.SendInformAsync(Marked("good"), Ops)).Kind);
        Assert.Equal(SnmpValue.OctetString("good"), this.ExpectInform(TimeSpan.FromSeconds(30)).Notification.ValueOf(MarkerOid));
    }

    [Fact]
    public async Task Two_originators_on_one_endpoint_each_get_the_answers_to_their_own_informs()
    {
        using var first = await this.StartTrapScenarioAsync(_endpoint, options: Patient);
        using var second = NotificationOriginator.InMemory(_endpoint, new IPEndPoint(IPAddress.Loopback, 49153), Patient);

        var outcomes = await Task.WhenAll(
            first.SendInformAsync(Marked("first"), OriginatorSecurity.V2c("public")),
            second.SendInformAsync(Marked("second"), Ops));

        Assert.All(outcomes, o => Assert.Equal(InformOutcomeKind.Response, o.Kind));
        Assert.Equal(SnmpValue.OctetString("first"), Assert.Single(outcomes[0].VarBinds, v => v.Oid == MarkerOid).Value);
        Assert.Equal(SnmpValue.OctetString("second"), Assert.Single(outcomes[1].VarBinds, v => v.Oid == MarkerOid).Value);
        var bySource = new[] { this.ExpectInform(TimeSpan.FromSeconds(30)), this.ExpectInform(TimeSpan.FromSeconds(30)) }
            .ToDictionary(i => i.Notification.Origin.Source, i => i.Notification.ValueOf(MarkerOid));
        Assert.Equal(SnmpValue.OctetString("first"), bySource[InMemoryOriginatorTransport.DefaultSource]);
        Assert.Equal(SnmpValue.OctetString("second"), bySource[new IPEndPoint(IPAddress.Loopback, 49153)]);
    }

    [Fact]
    public async Task An_inform_nobody_answers_times_out()
    {
        var transport = new InMemoryOriginatorTransport(new InMemoryEndpoint());   // no receiver listens on this one

        await transport.SendAsync(new byte[] { 0x30, 0x00 });

        Assert.Null(await transport.ReceiveAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(1, transport.Endpoint.Held);
    }
}
