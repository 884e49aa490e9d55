using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;

namespace TrapActors.Cluster.FanOut;

/// <summary>
/// On a receiver node: a local subscriber of the receiver (with its bounded queue) that publishes every notification to
/// its topic on the cluster's distributed publish-subscribe: once for plain subscribers and once for groups, where one
/// member of each group gets it.
/// </summary>
internal sealed class ClusterPublisherActor : ReceiveActor
{
    private readonly IActorRef _receiver;
    private readonly IActorRef _mediator;
    private readonly ClusterFanOutSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public ClusterPublisherActor(IActorRef receiver, IActorRef mediator, ClusterFanOutSettings settings)
    {
        _receiver = receiver;
        _mediator = mediator;
        _settings = settings;
        Receive<TrapReceived>(msg => Publish(_settings.TopicFor(msg.Notification), msg));
        Receive<InformReceived>(msg => Publish(_settings.TopicFor(msg.Notification), msg));
        Receive<Subscribed>(_ => _log.Info("Publishing notifications to the cluster (topic {0})", _settings.Topic));
    }

    public static Props Props(IActorRef receiver, IActorRef mediator, ClusterFanOutSettings settings) =>
        Akka.Actor.Props.Create(() => new ClusterPublisherActor(receiver, mediator, settings));

    protected override void PreStart() => _receiver.Tell(new Subscribe(Self, TrapFilter.All));

    protected override void PostStop() => _receiver.Tell(new Unsubscribe(Self));

    private void Publish(string topic, object notification)
    {
        _mediator.Tell(new Publish(topic, notification));
        _mediator.Tell(new Publish(topic, notification, sendOneMessageToEachGroup: true));
    }
}
