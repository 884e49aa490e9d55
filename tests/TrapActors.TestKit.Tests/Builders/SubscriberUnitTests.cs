using System.Net;
using Akka.Actor;
using Xunit;
using Xunit.Sdk;

namespace TrapActors.TestKit.Tests.Builders;

/// <summary>A subscriber actor tested alone, with built notifications and an <see cref="InformAnswerProbe"/>.</summary>
public sealed class SubscriberUnitTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly IPEndPoint Router = new(IPAddress.Parse("192.0.2.1"), 50000);
    private readonly IActorRef _subscriber;

    public SubscriberUnitTests() : base("akka.loglevel = WARNING") =>
        _subscriber = Sys.ActorOf(Props.Create(() => new AlarmSubscriber(TestActor, "198.51.100.66")));

    [Fact]
    public void A_built_trap_raises_an_alarm_naming_its_source()
    {
        _subscriber.Tell(NotificationBuilder.Trap(AlarmSubscriber.LinkDown).From(Router).BuildTrap());

        Assert.Equal(Router.ToString(), ExpectMsg<AlarmSubscriber.Alarm>().Source);
    }

    [Fact]
    public void The_subscriber_confirms_a_linkDown_inform()
    {
        var answers = new InformAnswerProbe(this);
        var inform = answers.Inform(NotificationBuilder.Inform(AlarmSubscriber.LinkDown).From(Router).V3("ops", SecurityLevel.AuthPriv));

        _subscriber.Tell(inform);

        ExpectMsg<AlarmSubscriber.Alarm>();
        var answer = answers.ExpectConfirmed(inform);
        Assert.Equal(inform.Acknowledgement.InformId, answer.InformId);
    }

    [Fact]
    public void The_subscriber_answers_genErr_to_an_unknown_inform()
    {
        var answers = new InformAnswerProbe(this);
        var inform = answers.Inform(NotificationBuilder.Inform("1.3.6.1.4.1.8072.2.3.0.2"));

        _subscriber.Tell(inform);

        answers.ExpectErrorResponse(inform, errorStatus: 5, errorIndex: 2);
    }

    [Fact]
    public void The_subscriber_suppresses_the_Response_to_a_distrusted_source()
    {
        var answers = new InformAnswerProbe(this);
        var inform = answers.Inform(NotificationBuilder.Inform(AlarmSubscriber.LinkDown).From(new IPEndPoint(IPAddress.Parse("198.51.100.66"), 162)));

        _subscriber.Tell(inform);

        answers.ExpectSuppressed(inform);
    }

    [Fact]
    public void ExpectConfirmed_fails_when_the_subscriber_answered_an_error()
    {
        var answers = new InformAnswerProbe(this);
        var inform = answers.Inform(NotificationBuilder.Inform("1.3.6.1.4.1.8072.2.3.0.2"));

        _subscriber.Tell(inform);

        Assert.ThrowsAny<XunitException>(() => answers.ExpectConfirmed(inform));
        Assert.Equal(5, Assert.IsType<RespondToInform>(answers.Probe.LastMessage).ErrorStatus);   // it failed on the answer, not a timeout
    }

    [Fact]
    public void Each_inform_of_one_probe_has_its_own_id_and_the_answer_names_it()
    {
        var answers = new InformAnswerProbe(this);
        var first = answers.Inform(NotificationBuilder.Inform(AlarmSubscriber.LinkDown));
        var second = answers.Inform(NotificationBuilder.Inform(AlarmSubscriber.LinkDown));
        Assert.NotEqual(first.Acknowledgement.InformId, second.Acknowledgement.InformId);

        _subscriber.Tell(second);

        Assert.ThrowsAny<XunitException>(() => answers.ExpectResponse(first));
        Assert.Equal(second.Acknowledgement.InformId, Assert.IsType<RespondToInform>(answers.Probe.LastMessage).InformId);
    }
}
