using System.Net;
using Akka.Actor;
using TrapActors.Security;

namespace TrapActors.Sessions;

internal sealed record InformDecisionTimedOut(long InformId) : INoSerializationVerificationNeeded;

/// <summary>
/// One session's informs: those waiting for a decision (inform.acknowledge = by-subscriber or after-delivery) with
/// their timers, and those answered within inform.duplicate-window, so that a retransmission is answered like the
/// first and never delivered twice. The first decision on a pending inform wins. A Response answers the latest copy,
/// from the local endpoint that copy arrived on (its notification's <see cref="NotificationOrigin.LocalEndPoint"/>).
/// <c>respond</c> sends a Response: what answers, the local endpoint to send it from, error-status, error-index.
/// SNMPv3 informs are also checked against <paramref name="usm"/>'s <see cref="RecentV3Informs"/>, shared by all sessions
/// (decision 0031). Single-threaded (its actor's).
/// </summary>
internal sealed class InformLedger(InformSettings settings, ITimerScheduler timers, Action<InformReply, IPEndPoint?, int, int> respond, UsmRuntime? usm = null)
{
    private readonly Dictionary<long, Pending> _pending = [];
    private readonly RecentInforms _recent = new(settings.DuplicateWindow);
    private long _nextId;

    public int PendingCount => _pending.Count;

    /// <summary>
    /// A new inform: true with the acknowledgement to deliver it with (answered already on receipt, or pending under
    /// an id). False for a retransmission: it is answered again as before, or, while the first is still pending, the
    /// eventual Response answers this latest copy.
    /// </summary>
    public bool TryAdmit(InformReply reply, SnmpNotification notification, IActorRef session, out InformAcknowledgement acknowledgement)
    {
        var key = RecentInforms.KeyOf(notification);
        var from = notification.Origin.LocalEndPoint;
        acknowledgement = InformAcknowledgement.AlreadySent;
        if (_recent.TryGet(key, out var seen))
        {
            if (seen.Answer is { } answer)
                respond(reply, from, answer.Status, answer.Index);
            else if (_pending.TryGetValue(seen.PendingId, out var pending))
                _pending[seen.PendingId] = pending with { Reply = reply, From = from };
            return false;
        }
        var shared = SharedKey(reply, notification, key);
        if (shared is { } sharedKey && usm!.Informs.SeenOrAdd(sharedKey, usm.NowMs, SharedWindow, out var seenElsewhere))
        {
            // Seen by another session (another source port) or before this session's window: answered, never delivered again.
            if (seenElsewhere.Answer is { } earlier)
                respond(reply, from, earlier.Status, earlier.Index);
            return false;
        }
        if (settings.Acknowledge == InformAcknowledgeMode.OnReceipt)
        {
            respond(reply, from, 0, 0);
            _recent.Answered(key, 0, 0);
            if (shared is { } answeredKey)
                usm!.Informs.Answered(answeredKey, 0, 0);
            return true;
        }
        var id = ++_nextId;
        _pending[id] = new Pending(reply, from, key, shared);
        _recent.Pending(key, id);
        timers.StartSingleTimer(id, new InformDecisionTimedOut(id), settings.DecisionTimeout);
        acknowledgement = new InformAcknowledgement(session, id);
        return true;
    }

    /// <summary>No subscriber took the inform: decided as if no decision came.</summary>
    public void Undelivered(InformAcknowledgement acknowledgement)
    {
        if (acknowledgement.IsPending)
            Decide(acknowledgement.InformId, ResponseWithoutDecision());
    }

    /// <summary>The decision timer ran out; false when the inform was decided already.</summary>
    public bool TimedOut(long informId)
    {
        var pending = _pending.ContainsKey(informId);
        Decide(informId, ResponseWithoutDecision());
        return pending;
    }

    /// <summary>A subscriber's decision: a Response with this status and index, or none (null).</summary>
    public void Decide(long informId, (int Status, int Index)? response)
    {
        if (!_pending.Remove(informId, out var pending))
            return;
        timers.Cancel(informId);
        if (response is { } r)
        {
            respond(pending.Reply, pending.From, r.Status, r.Index);
            _recent.Answered(pending.Key, r.Status, r.Index);
            if (pending.Shared is { } answered)
                usm!.Informs.Answered(answered, r.Status, r.Index);
        }
        else
        {
            _recent.Forget(pending.Key);
            if (pending.Shared is { } forgotten)
                usm!.Informs.Forget(forgotten);
        }
    }

    /// <summary>At least the USM time window: a replay older than that fails timeliness instead.</summary>
    private TimeSpan SharedWindow => settings.DuplicateWindow > usm!.Settings.TimeWindow ? settings.DuplicateWindow : usm.Settings.TimeWindow;

    /// <summary>
    /// SNMPv3 informs only: engine and user (the session's key), the sender's contextEngineID, msgID (RFC 3412) and
    /// request-id. Community informs stay per source.
    /// </summary>
    private RecentV3Informs.Key? SharedKey(InformReply reply, SnmpNotification notification, RecentInforms.Key key)
    {
        var messageId = reply switch
        {
            UsmInformReply u => u.Request.MessageId,
            TsmInformReply t => t.Request.MessageId,
            _ => (int?)null,
        };
        if (usm is null || messageId is not { } id)
            return null;
        var security = $"{key.Security}|{Snmp.EngineId.Format(notification.Origin.ContextEngineId.AsSpan())}";
        return new RecentV3Informs.Key(security, id, key.RequestId);
    }

    /// <summary>After-delivery never answers what no subscriber confirmed; by-subscriber follows inform.on-timeout.</summary>
    private (int, int)? ResponseWithoutDecision() =>
        settings.Acknowledge == InformAcknowledgeMode.BySubscriber && settings.OnTimeout == InformTimeoutAction.Respond
            ? (0, 0)
            : null;

    private sealed record Pending(InformReply Reply, IPEndPoint? From, RecentInforms.Key Key, RecentV3Informs.Key? Shared);
}
