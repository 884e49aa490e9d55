using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace TrapActors.Sessions;

/// <summary>
/// The mailbox of per-source sessions: a <see cref="CompactMessageQueue"/> each (decision 0040). Configured once in
/// reference.conf as <see cref="ConfigPath"/> and given to sessions through their Props; Akka creates it from there.
/// </summary>
internal sealed class SessionMailboxType(Settings settings, Config config)
    : MailboxType(settings, config), IProducesMessageQueue<CompactMessageQueue>
{
    /// <summary>Where reference.conf configures it (outside trap-actors: it is not a setting).</summary>
    public const string ConfigPath = "trap-actors-session-mailbox";

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new CompactMessageQueue();
}
