using Akka.Actor;
using TrapActors.Snmp.Messages;

namespace TrapActors.TestKit.Tests.Builders;

/// <summary>
/// A subscriber as a user writes one: it raises an alarm (tells <paramref name="alarms"/>) for linkDown, confirms the
/// informs it raised an alarm for, answers genErr (5) for informs it does not know, and suppresses the Response of an
/// inform from a source it distrusts.
/// </summary>
public sealed class AlarmSubscriber : ReceiveActor
{
    public static readonly Oid LinkDown = Oid.Parse("1.3.6.1.6.3.1.1.5.3");

    public AlarmSubscriber(IActorRef alarms, string distrusted)
    {
        Receive<TrapReceived>(msg =>
        {
            if (msg.Notification.TrapOid == LinkDown)
                alarms.Tell(new Alarm(msg.Notification.Origin.Source.ToString()));
        });
        Receive<InformReceived>(msg =>
        {
            if (msg.Notification.Origin.Source.Address.ToString() == distrusted)
            {
                msg.Suppress();
                return;
            }
            if (msg.Notification.TrapOid != LinkDown)
            {
                msg.Respond(errorStatus: 5, errorIndex: 2);
                return;
            }
            alarms.Tell(new Alarm(msg.Notification.Origin.Source.ToString()));
            msg.Confirm();
        });
    }

    public sealed record Alarm(string Source);
}
