using Akka.Actor;
using TrapActors.Security;
using TrapActors.Snmp.Messages;
using TrapActors.Transport;

namespace TrapActors.Sessions;

/// <summary>A message of this session waited usm.policy-timeout for a USM policy decision.</summary>
internal sealed record PolicyWaitTimedOut(long WaitId) : INoSerializationVerificationNeeded;

/// <summary>A message waiting for a USM policy decision: what it resumes with.</summary>
internal sealed record PolicyWait(InboundDatagram Datagram, V3Message Message, UsmResumePoint Resume);

/// <summary>
/// The messages of one session waiting for USM policy decisions (decision 0030). It is the session's
/// <see cref="IPolicyWaitGate"/>: a policy is asked only while fewer than usm.max-pending-policy-decisions-per-session
/// of the session's and usm.max-pending-policy-decisions of all sessions' decisions wait. Each wait has a timer of
/// usm.policy-timeout; the first of its decision and its timer ends it, so a late decision finds nothing and is
/// ignored. Single-threaded (its actor's).
/// </summary>
internal sealed class PolicyWaits(PolicyWaitBudget budget, UsmSettings settings, ITimerScheduler timers) : IPolicyWaitGate
{
    private readonly Dictionary<long, PolicyWait> _waiting = [];
    private int _entered;
    private int _awaitingKeys;
    private long _nextId;

    /// <summary>Places taken: decisions and key derivations waited for (the session holds work while any is).</summary>
    public int Count => _entered + _awaitingKeys;

    public bool TryEnter()
    {
        if (_entered >= settings.MaxPendingPolicyDecisionsPerSession || !budget.TryEnter())
            return false;
        _entered++;
        return true;
    }

    public void Exit()
    {
        _entered--;
        budget.Exit();
    }

    public bool TryEnterKeyWait()
    {
        if (!budget.TryEnter())
            return false;
        _awaitingKeys++;
        return true;
    }

    public void ExitKeyWait()
    {
        _awaitingKeys--;
        budget.Exit();
    }

    /// <summary>A message whose policy did not decide at once: it keeps its place until <see cref="TryEnd"/> or <see cref="Abandon"/>.</summary>
    public long Hold(PolicyWait wait)
    {
        var id = ++_nextId;
        _waiting[id] = wait;
        timers.StartSingleTimer(Key(id), new PolicyWaitTimedOut(id), settings.PolicyTimeout);
        return id;
    }

    /// <summary>The wait's decision arrived or its time ran out: false when the other came first.</summary>
    public bool TryEnd(long id, out PolicyWait wait)
    {
        if (!_waiting.Remove(id, out wait!))
            return false;
        timers.Cancel(Key(id));
        if (wait.Resume is ResumeAtKeyDerivation)
            ExitKeyWait();
        else
            Exit();
        return true;
    }

    /// <summary>The session stops: every wait gives its place back; returns how many there were.</summary>
    public int Abandon()
    {
        var count = _waiting.Count;
        foreach (var id in _waiting.Keys.ToList())
            TryEnd(id, out _);
        return count;
    }

    private static (string, long) Key(long id) => (nameof(PolicyWaits), id);
}
