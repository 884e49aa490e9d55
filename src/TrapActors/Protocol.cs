namespace TrapActors;

// The public message protocol, by area: Protocol.Subscriptions.cs, Protocol.Notifications.cs, Protocol.Activation.cs,
// Protocol.Statistics.cs, Protocol.Usm.cs, Protocol.Events.cs and Protocol.Dtls.cs (all in namespace TrapActors).

/// <summary>Commands the receiver (<see cref="TrapReceiverExtension.Receiver"/>) accepts.</summary>
public interface ITrapReceiverCommand;
