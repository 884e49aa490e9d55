using Akka.Actor;

namespace TrapActors.Daemon;

/// <summary>Passes the receiver's bind and unbind events (on the EventStream) to <see cref="ReceiverHealth"/>.</summary>
internal sealed class ReceiverHealthActor : ReceiveActor
{
    public ReceiverHealthActor(ReceiverHealth health)
    {
        Receive<TrapListenerBound>(m => health.Bound(m.Endpoint));
        Receive<TrapListenerUnbound>(m => health.Unbound(m.Endpoint));
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(TrapListenerBound));
        Context.System.EventStream.Subscribe(Self, typeof(TrapListenerUnbound));
    }

    public static Props Props(ReceiverHealth health) => Akka.Actor.Props.Create(() => new ReceiverHealthActor(health));
}
