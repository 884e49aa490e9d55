namespace TrapActors;

// The public message protocol, by area: Protocol.Subscriptions.cs, Protocol.Notifications.cs, Protocol.Activation.cs,
// Protocol.Statistics.cs, Protocol.Usm.cs, Protocol.Events.cs and Protocol.Dtls.cs (all in namespace TrapActors).

/// <summary>
/// Commands the receiver accepts: tell or ask them to <see cref="TrapReceiverExtension.Receiver"/> (/system/trap-actors;
/// with Akka.Hosting, <c>IRequiredActor&lt;TrapReceiver&gt;</c>). Each command's documentation names its reply.
/// </summary>
public interface ITrapReceiverCommand;

/// <summary>
/// An event of the receiver, published on the ActorSystem's EventStream (never sent to a subscriber of
/// <see cref="Subscribe"/>). Take them all with <c>system.EventStream.Subscribe(actor, typeof(ITrapReceiverEvent))</c>,
/// or one kind by its own type, e.g. <see cref="TrapListenerBindFailed"/>.
/// </summary>
public interface ITrapReceiverEvent;
