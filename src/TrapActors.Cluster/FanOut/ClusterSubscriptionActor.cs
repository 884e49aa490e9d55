using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using PubSub = Akka.Cluster.Tools.PublishSubscribe;

namespace TrapActors.Cluster.FanOut;

/// <summary>
/// On any node: subscribes to a topic (optionally as a member of a group) and hands the notifications its filter selects
/// to the subscriber actor. Ends, and unsubscribes, when the subscriber dies.
/// </summary>
internal sealed class ClusterSubscriptionActor : ReceiveActor
{
    private readonly IActorRef _subscriber;
    private readonly IActorRef _mediator;
    private readonly TrapFilter _filter;
    private readonly string _topic;
    private readonly string? _group;
    private readonly TaskCompletionSource<ClusterSubscription> _subscribed;

    public ClusterSubscriptionActor(IActorRef subscriber, IActorRef mediator, TrapFilter filter, string topic, string? group, TaskCompletionSource<ClusterSubscription> subscribed)
    {
        _subscriber = subscriber;
        _mediator = mediator;
        _filter = filter;
        _topic = topic;
        _group = group;
        _subscribed = subscribed;
        Receive<SubscribeAck>(_ => _subscribed.TrySetResult(new ClusterSubscription(_subscriber, _topic, _group, Self)));
        Receive<TrapReceived>(msg => Deliver(msg, msg.Notification));
        Receive<InformReceived>(msg => Deliver(msg, msg.Notification));
        Receive<Terminated>(t => t.ActorRef.Equals(_subscriber), _ => Context.Stop(Self));
        Receive<UnsubscribeAck>(_ => { });
    }

    public static Props Props(IActorRef subscriber, IActorRef mediator, TrapFilter filter, string topic, string? group, TaskCompletionSource<ClusterSubscription> subscribed) =>
        Akka.Actor.Props.Create(() => new ClusterSubscriptionActor(subscriber, mediator, filter, topic, group, subscribed));

    protected override void PreStart()
    {
        Context.Watch(_subscriber);
        _mediator.Tell(new PubSub.Subscribe(_topic, Self, _group));
    }

    protected override void PostStop()
    {
        _mediator.Tell(new PubSub.Unsubscribe(_topic, Self, _group));
        _subscribed.TrySetCanceled();
    }

    /// <summary>Told without a sender: an inform is answered through InformReceived.Respond/Suppress, which reach the session on the receiving node.</summary>
    private void Deliver(object message, SnmpNotification notification)
    {
        if (_filter.Matches(notification))
            _subscriber.Tell(message, ActorRefs.NoSender);
    }
}
