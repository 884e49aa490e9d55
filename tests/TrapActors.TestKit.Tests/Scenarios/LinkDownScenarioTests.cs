using System.Net;
using Akka.Actor;
using TrapActors.Snmp.Messages;
using Xunit;

namespace TrapActors.TestKit.Tests.Scenarios;

/// <summary>The example of docs/testing.md, as written there: keep the two in step.</summary>
public sealed class LinkDownScenarioTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly InMemoryEndpoint _endpoint;

    public LinkDownScenarioTests() : this(new InMemoryEndpoint()) { }

    private LinkDownScenarioTests(InMemoryEndpoint endpoint)
        : base(TrapReceiverTestKitExtensions.Setup(endpoint, "trap-actors.inform.acknowledge = after-delivery")) => _endpoint = endpoint;

    // snmpinform -v 2c -c public HOST 4200 1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.7 i 7 (net-snmp 5.9), request-id 0x315dfadb
    private static readonly byte[] LinkDownInform = Convert.FromHexString(
        "305502010104067075626c6963a6480204315dfadb020100020100303a300e06082b06010201010300430210683017060a2b0601060301" +
        "0104010006092b0601060301010503300f060a2b060102010202010107020107");

    private static readonly Oid LinkDown = Oid.Parse("1.3.6.1.6.3.1.1.5.3");

    /// <summary>Raises an alarm for each linkDown and confirms the inform once it has.</summary>
    private sealed class AlarmActor : ReceiveActor
    {
        public AlarmActor(IActorRef alarms) => Receive<InformReceived>(inform =>
        {
            if (inform.Notification.TrapOid == LinkDown)
                alarms.Tell($"link down at {inform.Notification.Origin.Source.Address}");
            inform.Confirm();
        });
    }

    [Fact]
    public async Task A_linkDown_inform_raises_an_alarm_and_is_confirmed()
    {
        var alarm = Sys.ActorOf(Props.Create(() => new AlarmActor(TestActor)));
        await this.SubscribeToTrapReceiverAsync(alarm);
        await this.ActivateTrapReceiverAsync();

        _endpoint.Inject(LinkDownInform, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 50000));

        ExpectMsg("link down at 192.0.2.10");
        var (sent, pdu) = await _endpoint.ReceivePduAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(PduType.Response, pdu!.Type);
        Assert.Equal(0x315dfadb, pdu.RequestId);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 50000), sent.Target);
    }
}
