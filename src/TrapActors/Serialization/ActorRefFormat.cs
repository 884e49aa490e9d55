using Akka.Actor;

namespace TrapActors.Serialization;

/// <summary>An actor reference as its serialized path (with the node's address when remoting is on); null stays null.</summary>
internal static class ActorRefFormat
{
    public static void Write(CompactWriter w, IActorRef? actor) =>
        w.WriteString(actor is null ? null : Akka.Serialization.Serialization.SerializedActorPath(actor));

    public static IActorRef? Read(ref CompactReader r, ExtendedActorSystem system) =>
        r.ReadString() is { } path ? system.Provider.ResolveActorRef(path) : null;

    public static IActorRef ReadRequired(ref CompactReader r, ExtendedActorSystem system, string what) =>
        Read(ref r, system) ?? throw r.Malformed($"{what} is missing");
}
