using System.Collections.Immutable;
using System.Net;
using TrapActors.Security;
using TrapActors.Sessions;
using TrapActors.Snmp.Messages;
using Xunit;

namespace TrapActors.Tests.Sessions;

/// <summary>
/// <see cref="InformLedger"/> on its own: when an inform is answered, with what, how often, and which copy of a
/// retransmitted inform is delivered. No actor system: the timers are a recording fake, the Responses a list.
/// </summary>
public sealed class InformLedgerTests
{
    private static readonly IActorRef Session = ActorRefs.Nobody;
    private static readonly TimeSpan DecisionTimeout = TimeSpan.FromSeconds(7);

    private readonly RecordingTimers _timers = new();
    private readonly List<(InformReply Reply, int Status, int Index)> _responses = [];
    private readonly List<IPEndPoint?> _sentFrom = [];

    private InformLedger Ledger(InformAcknowledgeMode mode, InformTimeoutAction onTimeout = InformTimeoutAction.Respond) =>
        new(new InformSettings { Acknowledge = mode, OnTimeout = onTimeout, DecisionTimeout = DecisionTimeout },
            _timers, (reply, from, status, index) =>
            {
                _responses.Add((reply, status, index));
                _sentFrom.Add(from);
            });

    private static SnmpNotification V2cInform(int requestId, string community = "public", IPEndPoint? local = null) =>
        Inform(requestId, new NotificationOrigin(new IPEndPoint(IPAddress.Loopback, 40000), "udp", SnmpVersion.V2c, SecurityLevel.NoAuthNoPriv)
        {
            Community = community,
            LocalEndPoint = local,
        });

    private static readonly IPEndPoint LocalA = new(IPAddress.Parse("127.0.0.1"), 162);
    private static readonly IPEndPoint LocalB = new(IPAddress.Parse("127.0.0.2"), 162);

    private static SnmpNotification V3Inform(int requestId, byte[] engineId, string user) =>
        Inform(requestId, new NotificationOrigin(new IPEndPoint(IPAddress.Loopback, 40000), "udp", SnmpVersion.V3, SecurityLevel.AuthPriv)
        {
            User = user,
            EngineId = [.. engineId],
        });

    private static SnmpNotification Inform(int requestId, NotificationOrigin origin) =>
        new(NotificationKind.Inform, Oid.Parse("1.3.6.1.6.3.1.1.5.3"), 100, [], origin, DateTimeOffset.UnixEpoch) { RequestId = requestId };

    private static readonly byte[] EngineA = [0x80, 0x00, 0x1F, 0x88, 0x80, 0x01, 0x02, 0x03];
    private static readonly byte[] EngineB = [0x80, 0x00, 0x1F, 0x88, 0x80, 0x01, 0x02, 0x04];

    // ---------------------------------------------------------------- on-receipt

    [Fact]
    public void On_receipt_an_inform_is_answered_at_once_with_success_and_admitted()
    {
        var ledger = Ledger(InformAcknowledgeMode.OnReceipt);
        var reply = new FakeReply("first");

        Assert.True(ledger.TryAdmit(reply, V2cInform(1), Session, out var ack));

        Assert.Same(InformAcknowledgement.AlreadySent, ack);
        Assert.False(ack.IsPending);
        var only = Assert.Single(_responses);
        Assert.Same(reply, only.Reply);
        Assert.Equal((0, 0), (only.Status, only.Index));
        Assert.Empty(_timers.Started);
        Assert.Equal(0, ledger.PendingCount);
    }

    [Fact]
    public void On_receipt_a_retransmission_is_answered_again_through_its_own_reply_and_not_admitted()
    {
        var ledger = Ledger(InformAcknowledgeMode.OnReceipt);
        Assert.True(ledger.TryAdmit(new FakeReply("first"), V2cInform(7), Session, out _));
        var again = new FakeReply("retransmission");

        Assert.False(ledger.TryAdmit(again, V2cInform(7), Session, out var ack));

        Assert.Same(InformAcknowledgement.AlreadySent, ack);
        Assert.Equal(2, _responses.Count);
        Assert.Same(again, _responses[1].Reply);
        Assert.Equal((0, 0), (_responses[1].Status, _responses[1].Index));
    }

    [Fact]
    public void Another_request_id_or_community_is_a_new_inform()
    {
        var ledger = Ledger(InformAcknowledgeMode.OnReceipt);
        Assert.True(ledger.TryAdmit(new FakeReply("a"), V2cInform(7), Session, out _));

        Assert.True(ledger.TryAdmit(new FakeReply("b"), V2cInform(8), Session, out _));
        Assert.True(ledger.TryAdmit(new FakeReply("c"), V2cInform(7, community: "other"), Session, out _));
        Assert.False(ledger.TryAdmit(new FakeReply("d"), V2cInform(8), Session, out _));

        Assert.Equal(4, _responses.Count);
    }

    [Fact]
    public void Under_v3_the_key_is_engine_user_and_request_id()
    {
        var ledger = Ledger(InformAcknowledgeMode.OnReceipt);
        Assert.True(ledger.TryAdmit(new FakeReply("a"), V3Inform(3, EngineA, "noc"), Session, out _));

        Assert.True(ledger.TryAdmit(new FakeReply("b"), V3Inform(3, EngineB, "noc"), Session, out _));
        Assert.True(ledger.TryAdmit(new FakeReply("c"), V3Inform(3, EngineA, "ops"), Session, out _));
        Assert.False(ledger.TryAdmit(new FakeReply("d"), V3Inform(3, [.. EngineA], "noc"), Session, out _));
    }

    [Fact]
    public void Undelivered_after_an_answer_on_receipt_answers_nothing_more()
    {
        var ledger = Ledger(InformAcknowledgeMode.OnReceipt);
        Assert.True(ledger.TryAdmit(new FakeReply("a"), V2cInform(1), Session, out var ack));

        ledger.Undelivered(ack);

        Assert.Single(_responses);
    }

    // ---------------------------------------------------------------- by-subscriber

    [Fact]
    public void By_subscriber_an_inform_waits_under_an_id_with_its_decision_timer_and_nothing_is_answered()
    {
        var ledger = Ledger(InformAcknowledgeMode.BySubscriber);

        Assert.True(ledger.TryAdmit(new FakeReply("a"), V2cInform(1), Session, out var ack));

        Assert.True(ack.IsPending);
        Assert.Same(Session, ack.ReplyTo);
        Assert.NotEqual(0, ack.InformId);
        Assert.Empty(_responses);
        Assert.Equal(1, ledger.PendingCount);
        var timer = Assert.Single(_timers.Started);
        Assert.Equal(ack.InformId, timer.Key);
        Assert.Equal(new InformDecisionTimedOut(ack.InformId), timer.Message);
        Assert.Equal(DecisionTimeout, timer.Delay);
    }

    [Fact]
    public void Two_pending_informs_get_two_ids_and_two_timers()
    {
        var ledger = Ledger(InformAcknowledgeMode.BySubscriber);

        Assert.True(ledger.TryAdmit(new FakeReply("a"), V2cInform(1), Session, out var first));
        Assert.True(ledger.TryAdmit(new FakeReply("b"), V2cInform(2), Session, out var second));

        Assert.NotEqual(first.InformId, second.InformId);
        Assert.Equal(2, ledger.PendingCount);
        Assert.Equal([first.InformId, second.InformId], _timers.Started.Select(t => t.Key));
    }

    [Fact]
    public void A_decision_answers_once_with_its_status_and_index_and_cancels_the_timer()
    {
        var ledger = Ledger(InformAcknowledgeMode.BySubscriber);
        var reply = new FakeReply("a");
        Assert.True(ledger.TryAdmit(reply, V2cInform(1), Session, out var ack));

        ledger.Decide(ack.InformId, (5, 2));

        var only = Assert.Single(_responses);
        Assert.Same(reply, only.Reply);
        Assert.Equal((5, 2), (only.Status, only.Index));
        Assert.Contains(ack.InformId, _timers.Cancelled);
        Assert.False(_timers.IsTimerActive(ack.InformId));
        Assert.Equal(0, ledger.PendingCount);
    }

    [Fact]
    public void A_second_decision_is_ignored()
    {
        var ledger = Ledger(InformAcknowledgeMode.BySubscriber);
        Assert.True(ledger.TryAdmit(new FakeReply("a"), V2cInform(1), Session, out var ack));
        ledger.Decide(ack.InformId, (5, 2));

        ledger.Decide(ack.InformId, (0, 0));
        ledger.Decide(ack.InformId, null);

        var only = Assert.Single(_responses);
        Assert.Equal((5, 2), (only.Status, only.Index));
    }

    [Fact]
    public void A_decision_for_an_unknown_id_does_nothing()
    {
        var ledger = Ledger(InformAcknowledgeMode.BySubscriber);
        Assert.True(ledger.TryAdmit(new FakeReply("a"), V2cInform(1), Session, out var ack));

        ledger.Decide(ack.InformId + 100, (0, 0));

        Assert.Empty(_responses);
        Assert.Equal(1, ledger.PendingCount);
        Assert.Empty(_timers.Cancelled);
    }

    [Fact]
    public void A_retransmission_after_the_decision_is_answered_with_the_decided_status_and_not_admitted()
    {
        var ledger = Ledger(InformAcknowledgeMode.BySubscriber);
        Assert.True(ledger.TryAdmit(new FakeReply("a"), V2cInform(1), Session, out var ack));
        ledger.Decide(ack.InformId, (5, 2));
        var again = new FakeReply("retransmission");

        Assert.False(ledger.TryAdmit(again, V2cInform(1), Session, out var second));

        Assert.False(second.IsPending);
        Assert.Equal(2, _responses.Count);
        Assert.Same(again, _responses[1].Reply);
        Assert.Equal((5, 2), (_responses[1].Status, _responses[1].Index));
        Assert.Single(_timers.Started);
    }

    [Fact]
    public void Suppress_answers_nothing_and_forgets_so_a_retransmission_is_admitted_again()
    {
        var ledger = Ledger(InformAcknowledgeMode.BySubscriber);
        Assert.True(ledger.TryAdmit(new FakeReply("a"), V2cInform(1), Session, out var ack));

        ledger.Decide(ack.InformId, null);

        Assert.Empty(_responses);
        Assert.Equal(0, ledger.PendingCount);
        Assert.Contains(ack.InformId, _timers.Cancelled);
        Assert.True(ledger.TryAdmit(new FakeReply("b"), V2cInform(1), Session, out var again));
        Assert.True(again.IsPending);
        Assert.NotEqual(ack.InformId, again.InformId);
        Assert.Equal(1, ledger.PendingCount);
    }

    [Fact]
    public void A_retransmission_while_pending_is_not_admitted_and_the_decision_answers_the_latest_copy()
    {
        var ledger = Ledger(InformAcknowledgeMode.BySubscriber);
        var first = new FakeReply("first");
        var latest = new FakeReply("latest");
        Assert.True(ledger.TryAdmit(first, V2cInform(1), Session, out var ack));

        Assert.False(ledger.TryAdmit(new FakeReply("middle"), V2cInform(1), Session, out var middleAck));
        Assert.False(ledger.TryAdmit(latest, V2cInform(1), Session, out var latestAck));

        Assert.False(middleAck.IsPending);
        Assert.False(latestAck.IsPending);
        Assert.Empty(_responses);
        Assert.Equal(1, ledger.PendingCount);
        Assert.Single(_timers.Started);

        ledger.Decide(ack.InformId, (0, 0));

        var only = Assert.Single(_responses);
        Assert.Same(latest, only.Reply);
    }

    [Fact]
    public void Each_answer_on_receipt_leaves_from_the_local_endpoint_its_copy_arrived_on()
    {
        var ledger = Ledger(InformAcknowledgeMode.OnReceipt);

        Assert.True(ledger.TryAdmit(new FakeReply("first"), V2cInform(1, local: LocalA), Session, out _));
        Assert.False(ledger.TryAdmit(new FakeReply("again"), V2cInform(1, local: LocalB), Session, out _));

        Assert.Equal([LocalA, LocalB], _sentFrom);
    }

    [Fact]
    public void A_decision_answers_the_latest_copy_from_the_local_endpoint_it_arrived_on()
    {
        var ledger = Ledger(InformAcknowledgeMode.BySubscriber);
        Assert.True(ledger.TryAdmit(new FakeReply("first"), V2cInform(1, local: LocalA), Session, out var ack));
        Assert.False(ledger.TryAdmit(new FakeReply("latest"), V2cInform(1, local: LocalB), Session, out _));

        ledger.Decide(ack.InformId, (0, 0));

        Assert.Equal(LocalB, Assert.Single(_sentFrom));
    }

    [Fact]
    public void Timed_out_with_on_timeout_respond_answers_success_once()
    {
        var ledger = Ledger(InformAcknowledgeMode.BySubscriber, InformTimeoutAction.Respond);
        var reply = new FakeReply("a");
        Assert.True(ledger.TryAdmit(reply, V2cInform(1), Session, out var ack));

        Assert.True(ledger.TimedOut(ack.InformId));

        var only = Assert.Single(_responses);
        Assert.Same(reply, only.Reply);
        Assert.Equal((0, 0), (only.Status, only.Index));
        Assert.Equal(0, ledger.PendingCount);
        Assert.False(ledger.TimedOut(ack.InformId));
        Assert.Single(_responses);
        Assert.False(ledger.TryAdmit(new FakeReply("b"), V2cInform(1), Session, out _));
        Assert.Equal(2, _responses.Count);
    }

    /// <summary>By-subscriber with on-timeout suppress, and after-delivery whatever on-timeout says.</summary>
    [Theory]
    [InlineData(InformAcknowledgeMode.BySubscriber, InformTimeoutAction.Suppress)]
    [InlineData(InformAcknowledgeMode.AfterDelivery, InformTimeoutAction.Respond)]
    public void A_timeout_that_must_not_answer_answers_nothing_and_forgets(InformAcknowledgeMode mode, InformTimeoutAction onTimeout)
    {
        var ledger = Ledger(mode, onTimeout);
        Assert.True(ledger.TryAdmit(new FakeReply("a"), V2cInform(1), Session, out var ack));

        Assert.True(ledger.TimedOut(ack.InformId));

        Assert.Empty(_responses);
        Assert.Equal(0, ledger.PendingCount);
        Assert.True(ledger.TryAdmit(new FakeReply("b"), V2cInform(1), Session, out var again));
        Assert.True(again.IsPending);
    }

    [Fact]
    public void A_decision_after_the_timeout_is_ignored_and_a_timeout_after_the_decision_too()
    {
        var ledger = Ledger(InformAcknowledgeMode.BySubscriber, InformTimeoutAction.Respond);
        Assert.True(ledger.TryAdmit(new FakeReply("a"), V2cInform(1), Session, out var timedOut));
        Assert.True(ledger.TryAdmit(new FakeReply("b"), V2cInform(2), Session, out var decided));

        Assert.True(ledger.TimedOut(timedOut.InformId));
        ledger.Decide(timedOut.InformId, (5, 1));
        ledger.Decide(decided.InformId, (3, 1));
        Assert.False(ledger.TimedOut(decided.InformId));

        Assert.Equal([(0, 0), (3, 1)], _responses.Select(r => (r.Status, r.Index)));
    }

    [Theory]
    [InlineData(InformTimeoutAction.Respond)]
    [InlineData(InformTimeoutAction.Suppress)]
    public void Undelivered_decides_as_the_timeout_would(InformTimeoutAction onTimeout)
    {
        var ledger = Ledger(InformAcknowledgeMode.BySubscriber, onTimeout);
        var reply = new FakeReply("a");
        Assert.True(ledger.TryAdmit(reply, V2cInform(1), Session, out var ack));

        ledger.Undelivered(ack);

        Assert.Equal(0, ledger.PendingCount);
        Assert.Contains(ack.InformId, _timers.Cancelled);
        if (onTimeout == InformTimeoutAction.Respond)
        {
            var only = Assert.Single(_responses);
            Assert.Same(reply, only.Reply);
            Assert.Equal((0, 0), (only.Status, only.Index));
            Assert.False(ledger.TryAdmit(new FakeReply("b"), V2cInform(1), Session, out _));
        }
        else
        {
            Assert.Empty(_responses);
            Assert.True(ledger.TryAdmit(new FakeReply("b"), V2cInform(1), Session, out _));
        }
    }

    // ---------------------------------------------------------------- after-delivery

    [Fact]
    public void After_delivery_waits_for_a_confirmation_and_answers_it()
    {
        var ledger = Ledger(InformAcknowledgeMode.AfterDelivery);
        var reply = new FakeReply("a");
        Assert.True(ledger.TryAdmit(reply, V2cInform(1), Session, out var ack));
        Assert.True(ack.IsPending);
        Assert.Single(_timers.Started);
        Assert.Empty(_responses);

        ledger.Decide(ack.InformId, (0, 0));

        var only = Assert.Single(_responses);
        Assert.Same(reply, only.Reply);
    }

    [Fact]
    public void After_delivery_an_undelivered_inform_is_not_answered_and_is_forgotten()
    {
        var ledger = Ledger(InformAcknowledgeMode.AfterDelivery, InformTimeoutAction.Respond);
        Assert.True(ledger.TryAdmit(new FakeReply("a"), V2cInform(1), Session, out var ack));

        ledger.Undelivered(ack);

        Assert.Empty(_responses);
        Assert.Equal(0, ledger.PendingCount);
        Assert.True(ledger.TryAdmit(new FakeReply("b"), V2cInform(1), Session, out _));
    }

    /// <summary>The ledger never encodes; it only hands the reply back to the session's respond callback.</summary>
    private sealed record FakeReply(string Name) : InformReply
    {
        public override byte[] Encode(TrapActors.Snmp.SnmpErrorStatus errorStatus, int errorIndex, int maxSize) => [];
    }

    /// <summary>Records single timers and cancellations; the ledger uses nothing else.</summary>
    private sealed class RecordingTimers : ITimerScheduler
    {
        private readonly HashSet<object> _active = [];

        public List<(object Key, object Message, TimeSpan Delay)> Started { get; } = [];

        public List<object> Cancelled { get; } = [];

        public IReadOnlyCollection<object> ActiveTimers => _active.ToImmutableArray();

        public void StartSingleTimer(object key, object msg, TimeSpan timeout)
        {
            Started.Add((key, msg, timeout));
            _active.Add(key);
        }

        public void StartSingleTimer(object key, object msg, TimeSpan timeout, IActorRef sender) => StartSingleTimer(key, msg, timeout);

        public void StartPeriodicTimer(object key, object msg, TimeSpan interval) => throw new NotSupportedException();

        public void StartPeriodicTimer(object key, object msg, TimeSpan interval, IActorRef sender) => throw new NotSupportedException();

        public void StartPeriodicTimer(object key, object msg, TimeSpan initialDelay, TimeSpan interval) => throw new NotSupportedException();

        public void StartPeriodicTimer(object key, object msg, TimeSpan initialDelay, TimeSpan interval, IActorRef sender) =>
            throw new NotSupportedException();

        public bool IsTimerActive(object key) => _active.Contains(key);

        public void Cancel(object key)
        {
            Cancelled.Add(key);
            _active.Remove(key);
        }

        public void CancelAll() => _active.Clear();
    }
}
