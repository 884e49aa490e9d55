using Akka.TestKit;

namespace TrapActors.Tests.Load;

/// <summary>Starts the ActorSystem's scheduler with one uncontended timer.</summary>
public static class SchedulerWarmup
{
    public static async Task StartAsync(TestKitBase kit)
    {
        kit.Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(1), kit.TestActor, "scheduler-started", ActorRefs.NoSender);
        await kit.ExpectMsgAsync("scheduler-started");
    }
}
