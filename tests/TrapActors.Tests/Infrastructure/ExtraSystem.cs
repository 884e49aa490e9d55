using Akka.Configuration;

namespace TrapActors.Tests.Infrastructure;

/// <summary>A second ActorSystem for tests that need two receivers; terminated on dispose.</summary>
public sealed class ExtraSystem : IDisposable
{
    private static int _count;

    public ExtraSystem(string overrides)
    {
        System = ActorSystem.Create($"extra-{Interlocked.Increment(ref _count)}", ReceiverSpec.Config(overrides));
    }

    public ActorSystem System { get; }

    public IActorRef Receiver => TrapReceiverExtension.Get(System).Receiver;

    public Task<BoundEndpoints> ActivateAsync() => Receiver.Ask<BoundEndpoints>(Activate.Instance, TimeSpan.FromSeconds(5));

    public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(10));
}
