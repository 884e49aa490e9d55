using Akka.Actor;
using TrapActors;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using TrapActors.TestKit;
using Xunit;

public sealed class AlarmScenarioTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly UsmSecurity Ops =
        OriginatorSecurity.AuthPriv("ops", AuthProtocol.HmacSha256, "ops-auth-pass", PrivProtocol.Aes128, "ops-priv-pass");

    private readonly InMemoryEndpoint _endpoint;

    public AlarmScenarioTests() : this(new InMemoryEndpoint()) { }

    private AlarmScenarioTests(InMemoryEndpoint endpoint)
        : base(TrapReceiverTestKitExtensions.Setup(endpoint, [Ops.ToUsmUser()], "trap-actors.inform.acknowledge = after-delivery")) =>
        _endpoint = endpoint;

    private sealed class AlarmActor : ReceiveActor
    {
        public AlarmActor(IActorRef alarms) => Receive<InformReceived>(inform =>
        {
            if (inform.Notification.TrapOid == Oid.Parse("1.3.6.1.6.3.1.1.5.3"))
                alarms.Tell($"link down, reported by {inform.Notification.Origin.User}");
            inform.Confirm();
        });
    }

    [Fact]
    public async Task A_v3_authPriv_linkDown_inform_raises_an_alarm_and_is_confirmed()
    {
        var alarm = Sys.ActorOf(Props.Create(() => new AlarmActor(TestActor)));
        using var originator = await this.StartTrapScenarioAsync(_endpoint, alarm);

        var outcome = await originator.SendInformAsync(Notification.Of("1.3.6.1.6.3.1.1.5.3"), Ops);

        ExpectMsg("link down, reported by ops");
        Assert.Equal(InformOutcomeKind.Response, outcome.Kind);
        Assert.Equal(0, outcome.ErrorStatus);
    }
}
