namespace TrapActors.Hosting;

/// <summary>The ActorRegistry key of the receiver: inject <c>IRequiredActor&lt;TrapReceiver&gt;</c>.</summary>
public sealed class TrapReceiver
{
    private TrapReceiver()
    {
    }
}
