using Akka.Actor;

namespace TrapActors.Sessions;

/// <summary>
/// A session's single timers (inform decisions, USM policy waits), made on its first inform or SNMPv3 message: Akka's
/// timers (IWithTimers) give every session a scheduler object and a dictionary from its start, which a session that
/// only receives traps never uses (decision 0040). Each timer is one scheduled tell. Unlike Akka's timers, a timer
/// cancelled after its message was already sent still delivers it: its users ignore a message for an id they no
/// longer hold (<see cref="InformLedger.TimedOut"/>, <see cref="PolicyWaits.TryEnd"/>). No periodic timers.
/// Single-threaded (its actor's).
/// </summary>
internal sealed class SessionTimers(IScheduler scheduler, IActorRef self) : ITimerScheduler
{
    private readonly Dictionary<object, ICancelable> _timers = [];

    public IReadOnlyCollection<object> ActiveTimers => [.. _timers.Keys];

    public void StartSingleTimer(object key, object msg, TimeSpan timeout) => StartSingleTimer(key, msg, timeout, ActorRefs.Nobody);

    public void StartSingleTimer(object key, object msg, TimeSpan timeout, IActorRef sender)
    {
        Cancel(key);
        _timers[key] = scheduler.ScheduleTellOnceCancelable(timeout, self, msg, sender);
    }

    public void StartPeriodicTimer(object key, object msg, TimeSpan interval) => throw new NotSupportedException();

    public void StartPeriodicTimer(object key, object msg, TimeSpan interval, IActorRef sender) => throw new NotSupportedException();

    public void StartPeriodicTimer(object key, object msg, TimeSpan initialDelay, TimeSpan interval) => throw new NotSupportedException();

    public void StartPeriodicTimer(object key, object msg, TimeSpan initialDelay, TimeSpan interval, IActorRef sender) =>
        throw new NotSupportedException();

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer))
            timer.Cancel();
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values)
            timer.Cancel();
        _timers.Clear();
    }
}
