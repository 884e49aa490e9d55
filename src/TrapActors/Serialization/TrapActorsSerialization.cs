using Akka.Configuration;

namespace TrapActors.Serialization;

/// <summary>
/// The HOCON that registers <see cref="TrapActorsSerializer"/> for TrapActors' messages that cross nodes. Every node of
/// a cluster needs it in the configuration its ActorSystem is created with (a subscriber-only node too): Akka.NET
/// builds its serializer table when the system starts, and a node must find the serializer by its identifier as soon
/// as the first message arrives.
/// </summary>
public static class TrapActorsSerialization
{
    /// <summary>The serializer's identifier (the user range starts above 100; Akka.NET's own serializers stay below).</summary>
    public const int SerializerId = 2751;

    /// <summary>The name the serializer is registered under in akka.actor.serializers.</summary>
    public const string SerializerName = "trap-actors";

    /// <summary>
    /// The registration as HOCON: the serializer, bindings for every message that crosses nodes (notifications, inform
    /// decisions, subscriptions, USM users) and its identifier; see <see cref="Config"/>.
    /// </summary>
    public const string Hocon = """
        akka.actor {
          serializers {
            trap-actors = "TrapActors.Serialization.TrapActorsSerializer, TrapActors"
          }
          serialization-bindings {
            "TrapActors.TrapReceived, TrapActors" = trap-actors
            "TrapActors.InformReceived, TrapActors" = trap-actors
            "TrapActors.SnmpNotification, TrapActors" = trap-actors
            "TrapActors.InformAcknowledgement, TrapActors" = trap-actors
            "TrapActors.RespondToInform, TrapActors" = trap-actors
            "TrapActors.SuppressInformResponse, TrapActors" = trap-actors
            "TrapActors.UsmUser, TrapActors" = trap-actors
            "TrapActors.UsmSecret, TrapActors" = trap-actors
            "TrapActors.TrapFilter, TrapActors" = trap-actors
            "TrapActors.Subscribe, TrapActors" = trap-actors
            "TrapActors.Subscribed, TrapActors" = trap-actors
            "TrapActors.Unsubscribe, TrapActors" = trap-actors
            "TrapActors.Unsubscribed, TrapActors" = trap-actors
          }
          serialization-identifiers {
            "TrapActors.Serialization.TrapActorsSerializer, TrapActors" = 2751
          }
        }
        """;

    /// <summary><see cref="Hocon"/> parsed; merge it (with higher precedence than Akka's defaults) into every node's configuration.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString(Hocon);
}
