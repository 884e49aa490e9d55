using System.Collections.Immutable;
using System.Net;
using System.Threading.Channels;
using TrapActors.Snmp.Messages;
using TrapActors.Subscriptions;
using TrapActors.Transport;
using Xunit;
using Xunit.Abstractions;

namespace TrapActors.Tests.Subscriptions;

/// <summary>
/// <see cref="NotificationDelivery"/> on its own, over a <see cref="SubscriptionTable"/> published by the test and
/// real subscriber actors: the outcome of an offer, and the <see cref="IngressThrottle"/> a back-pressure subscriber
/// closes at capacity and opens again at half. A gated subscriber takes one message per permit, so its mailbox
/// length is set by the test, never by timing.
/// </summary>
public sealed class NotificationDeliveryTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(Config, output: output)
{
    private const string Config = """
        gated-subscriber-dispatcher {
          type = PinnedDispatcher
        }
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private const string LinkDown = "1.3.6.1.6.3.1.1.5.3";

    private readonly List<Gate> _gates = [];
    private readonly SubscriptionTable _table = new();
    private readonly IngressThrottle _throttle = new();

    private static SnmpNotification Notification(int requestId, NotificationKind kind = NotificationKind.Trap) =>
        new(kind, Oid.Parse(LinkDown), 100, [],
            new NotificationOrigin(new IPEndPoint(IPAddress.Loopback, 40000), "udp", SnmpVersion.V2c, SecurityLevel.NoAuthNoPriv) { Community = "public" },
            DateTimeOffset.UnixEpoch)
        { RequestId = requestId };

    private static TrapReceived Trap(int requestId) => new(Notification(requestId));

    private NotificationDelivery Delivery(params Subscription[] subscriptions)
    {
        _table.Publish([.. subscriptions]);
        return new NotificationDelivery(_table, _throttle);
    }

    private static Subscription Subscription(IActorRef subscriber, TrapFilter filter, SubscriberQueue queue) =>
        new(subscriber, filter, new SubscriberOutlet(subscriber, queue));

    /// <summary>A subscriber that is busy (its mailbox empty) and takes the next message only when given a permit.</summary>
    private async Task<Gate> HeldSubscriberAsync()
    {
        var gate = new Gate();
        _gates.Add(gate);
        gate.Subscriber = Sys.ActorOf(Props.Create(() => new GatedSubscriber(gate)).WithDispatcher("gated-subscriber-dispatcher"));
        gate.Subscriber.Tell("hold");
        Assert.Equal("hold", await gate.NextTakenAsync());
        return gate;
    }

    private static Task OnOwnThread(Action action) =>
        Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>True when the task completes within the time (a task timeout, not a sleep).</summary>
    private static async Task<bool> Within(Task task, TimeSpan time) => await Task.WhenAny(task, Task.Delay(time)) == task;

    protected override void Dispose(bool disposing)
    {
        foreach (var gate in _gates)
            gate.Dispose();
        base.Dispose(disposing);
    }

    // ---------------------------------------------------------------- outcomes

    [Fact]
    public void Without_subscriptions_the_outcome_is_no_subscriber()
    {
        var delivery = Delivery();

        Assert.Equal(DeliveryOutcome.NoSubscriber, delivery.Offer(Trap(1)));
        Assert.False(_throttle.IsClosed);
    }

    [Fact]
    public void When_no_filter_selects_it_the_outcome_is_no_subscriber_and_nobody_gets_it()
    {
        var probe = CreateTestProbe();
        var byOid = Subscription(probe.Ref, TrapFilter.ByTrapOid("1.3.6.1.4.1.9"), SubscriberQueue.Default);
        var byKind = Subscription(probe.Ref, TrapFilter.ByKind(NotificationKind.Inform), SubscriberQueue.Default);
        var delivery = Delivery(byOid, byKind);

        Assert.Equal(DeliveryOutcome.NoSubscriber, delivery.Offer(Trap(1)));

        Assert.Equal(0, byOid.Outlet.Delivered);
        Assert.Equal(0, byKind.Outlet.Delivered);
        Assert.Equal(0, byOid.Outlet.Dropped + byKind.Outlet.Dropped);
    }

    [Fact]
    public void A_selected_trap_is_delivered_to_the_subscriber()
    {
        var probe = CreateTestProbe();
        var subscription = Subscription(probe.Ref, TrapFilter.ByTrapOid(LinkDown), SubscriberQueue.Default);
        var delivery = Delivery(subscription);
        var trap = Trap(7);

        Assert.Equal(DeliveryOutcome.Delivered, delivery.Offer(trap));

        Assert.Same(trap, probe.ExpectMsg<TrapReceived>());
        Assert.Equal(1, subscription.Outlet.Delivered);
    }

    [Fact]
    public void An_inform_is_delivered_as_inform_received_only_to_the_subscribers_that_select_it()
    {
        var traps = CreateTestProbe();
        var informs = CreateTestProbe();
        var trapOnly = Subscription(traps.Ref, TrapFilter.ByKind(NotificationKind.Trap), SubscriberQueue.Default);
        var informOnly = Subscription(informs.Ref, TrapFilter.ByKind(NotificationKind.Inform), SubscriberQueue.Default);
        var delivery = Delivery(trapOnly, informOnly);
        var inform = new InformReceived(Notification(9, NotificationKind.Inform), InformAcknowledgement.AlreadySent);

        Assert.Equal(DeliveryOutcome.Delivered, delivery.Offer(inform));

        Assert.Same(inform, informs.ExpectMsg<InformReceived>());
        Assert.Equal(0, trapOnly.Outlet.Delivered);
        Assert.Equal(1, informOnly.Outlet.Delivered);
    }

    [Fact]
    public void Every_subscriber_that_selects_it_gets_it()
    {
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        var delivery = Delivery(
            Subscription(first.Ref, TrapFilter.All, SubscriberQueue.Default),
            Subscription(second.Ref, TrapFilter.ByTrapOid(LinkDown), SubscriberQueue.Default));
        var trap = Trap(3);

        Assert.Equal(DeliveryOutcome.Delivered, delivery.Offer(trap));

        Assert.Same(trap, first.ExpectMsg<TrapReceived>());
        Assert.Same(trap, second.ExpectMsg<TrapReceived>());
    }

    [Fact]
    public async Task A_drop_newest_subscriber_at_capacity_drops_the_new_one_and_the_outcome_is_queue_full()
    {
        var held = await HeldSubscriberAsync();
        var subscription = Subscription(held.Subscriber, TrapFilter.All, new SubscriberQueue(3, SubscriberOverflow.DropNewest));
        var delivery = Delivery(subscription);

        for (var id = 1; id <= 3; id++)
            Assert.Equal(DeliveryOutcome.Delivered, delivery.Offer(Trap(id)));
        Assert.Equal(DeliveryOutcome.QueueFull, delivery.Offer(Trap(4)));
        Assert.Equal(DeliveryOutcome.QueueFull, delivery.Offer(Trap(5)));

        Assert.Equal(3, subscription.Outlet.Delivered);
        Assert.Equal(2, subscription.Outlet.Dropped);
        Assert.Equal(3, subscription.Outlet.Queued);
        Assert.False(_throttle.IsClosed);
        held.Permit(4);
        var taken = new List<int>();
        for (var i = 0; i < 3; i++)
            taken.Add(((TrapReceived)await held.NextTakenAsync()).Notification.RequestId);
        Assert.Equal([1, 2, 3], taken);   // the newest were dropped, the oldest kept in order
    }

    [Fact]
    public async Task While_another_selected_subscriber_takes_it_the_outcome_is_delivered()
    {
        var held = await HeldSubscriberAsync();
        var probe = CreateTestProbe();
        var full = Subscription(held.Subscriber, TrapFilter.All, new SubscriberQueue(1, SubscriberOverflow.DropNewest));
        var open = Subscription(probe.Ref, TrapFilter.All, SubscriberQueue.Default);
        var delivery = Delivery(full, open);
        Assert.Equal(DeliveryOutcome.Delivered, delivery.Offer(Trap(1)));

        Assert.Equal(DeliveryOutcome.Delivered, delivery.Offer(Trap(2)));

        Assert.Equal(1, full.Outlet.Dropped);
        Assert.Equal(2, open.Outlet.Delivered);
    }

    // ---------------------------------------------------------------- back-pressure

    [Fact]
    public async Task A_back_pressure_subscriber_at_capacity_closes_the_throttle_and_it_opens_once_the_subscriber_is_down_to_half()
    {
        var held = await HeldSubscriberAsync();
        var subscription = Subscription(held.Subscriber, TrapFilter.All, new SubscriberQueue(4, SubscriberOverflow.BackPressure));
        var delivery = Delivery(subscription);

        for (var id = 1; id <= 3; id++)
            Assert.Equal(DeliveryOutcome.Delivered, delivery.Offer(Trap(id)));
        Assert.False(_throttle.IsClosed);
        Assert.Equal(DeliveryOutcome.Delivered, delivery.Offer(Trap(4)));   // back-pressure never drops
        Assert.True(_throttle.IsClosed);

        var stop = false;
        var receiveThread = OnOwnThread(() => _throttle.WaitWhileClosed(() => Volatile.Read(ref stop)));
        Assert.False(await Within(receiveThread, TimeSpan.FromMilliseconds(200)));

        held.Permit(1);   // "hold" ends; trap 1 is taken: 3 of 4 queued, more than half
        Assert.Equal(1, ((TrapReceived)await held.NextTakenAsync()).Notification.RequestId);
        Assert.False(await Within(receiveThread, TimeSpan.FromMilliseconds(200)));
        Assert.True(_throttle.IsClosed);
        Assert.Equal(3, subscription.Outlet.Queued);

        held.Permit(1);   // trap 2 is taken: 2 of 4 queued, half
        Assert.Equal(2, ((TrapReceived)await held.NextTakenAsync()).Notification.RequestId);

        Assert.True(await Within(receiveThread, Patience), "the waiting receive thread was released");
        Assert.False(_throttle.IsClosed);
        Assert.Equal(2, subscription.Outlet.Queued);   // opened at half, not when empty
        Assert.Equal(0, subscription.Outlet.Dropped);
        Volatile.Write(ref stop, true);
    }

    [Fact]
    public async Task The_throttle_opens_only_when_every_back_pressure_subscriber_is_down_to_half()
    {
        var fast = await HeldSubscriberAsync();
        var slow = await HeldSubscriberAsync();
        var fastSubscription = Subscription(fast.Subscriber, TrapFilter.All, new SubscriberQueue(2, SubscriberOverflow.BackPressure));
        var slowSubscription = Subscription(slow.Subscriber, TrapFilter.All, new SubscriberQueue(2, SubscriberOverflow.BackPressure));
        var delivery = Delivery(fastSubscription, slowSubscription);
        Assert.Equal(DeliveryOutcome.Delivered, delivery.Offer(Trap(1)));
        Assert.Equal(DeliveryOutcome.Delivered, delivery.Offer(Trap(2)));
        Assert.True(_throttle.IsClosed);

        fast.Permit(3);   // "hold", trap 1 and trap 2 taken: nothing queued
        await fast.NextTakenAsync();
        await fast.NextTakenAsync();
        await AwaitConditionAsync(() => Task.FromResult(fastSubscription.Outlet.Queued == 0), Patience);
        var receiveThread = OnOwnThread(() => _throttle.WaitWhileClosed(() => false));
        Assert.False(await Within(receiveThread, TimeSpan.FromMilliseconds(200)));
        Assert.True(_throttle.IsClosed);

        slow.Permit(1);   // trap 1 taken: 1 of 2 queued

        Assert.True(await Within(receiveThread, Patience), "the waiting receive thread was released");
        Assert.False(_throttle.IsClosed);
    }

    [Fact]
    public async Task A_drop_newest_subscriber_at_capacity_never_closes_the_throttle()
    {
        var held = await HeldSubscriberAsync();
        var subscription = Subscription(held.Subscriber, TrapFilter.All, new SubscriberQueue(2, SubscriberOverflow.DropNewest));
        var delivery = Delivery(subscription);

        for (var id = 1; id <= 4; id++)
            delivery.Offer(Trap(id));

        Assert.Equal(2, subscription.Outlet.Dropped);
        Assert.False(_throttle.IsClosed);
    }

    [Fact]
    public async Task The_throttle_closes_again_when_the_subscriber_fills_up_again()
    {
        var held = await HeldSubscriberAsync();
        var subscription = Subscription(held.Subscriber, TrapFilter.All, new SubscriberQueue(2, SubscriberOverflow.BackPressure));
        var delivery = Delivery(subscription);
        delivery.Offer(Trap(1));
        delivery.Offer(Trap(2));
        Assert.True(_throttle.IsClosed);
        held.Permit(1);
        await held.NextTakenAsync();
        Assert.True(await Within(OnOwnThread(() => _throttle.WaitWhileClosed(() => false)), Patience), "a waiting receive thread opened it");
        Assert.False(_throttle.IsClosed);

        delivery.Offer(Trap(3));

        Assert.True(_throttle.IsClosed);
        held.Permit(1);
        await held.NextTakenAsync();
        Assert.True(await Within(OnOwnThread(() => _throttle.WaitWhileClosed(() => false)), Patience), "a waiting receive thread opened it");
        Assert.False(_throttle.IsClosed);
    }

    /// <summary>The test's hold on one subscriber: permits to take messages, and what it took, in order.</summary>
    private sealed class Gate : IDisposable
    {
        private readonly SemaphoreSlim _permits = new(0);
        private readonly CancellationTokenSource _released = new();
        private readonly Channel<object> _taken = Channel.CreateUnbounded<object>();

        public IActorRef Subscriber { get; set; } = ActorRefs.Nobody;

        public void Permit(int count) => _permits.Release(count);

        /// <summary>On the subscriber's thread: reports the message, then waits for a permit (or the end of the test).</summary>
        public void Take(object message)
        {
            _taken.Writer.TryWrite(message);
            try
            {
                _permits.Wait(_released.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async Task<object> NextTakenAsync()
        {
            using var timeout = new CancellationTokenSource(Patience);
            return await _taken.Reader.ReadAsync(timeout.Token);
        }

        public void Dispose() => _released.Cancel();
    }

    private sealed class GatedSubscriber : ReceiveActor
    {
        public GatedSubscriber(Gate gate) => ReceiveAny(gate.Take);
    }
}
