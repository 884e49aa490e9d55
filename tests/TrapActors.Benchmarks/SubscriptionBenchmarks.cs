using System.Collections.Immutable;
using System.Net;
using Akka.Actor;
using BenchmarkDotNet.Attributes;
using TrapActors.Snmp.Messages;
using TrapActors.Subscriptions;
using TrapActors.Transport;

namespace TrapActors.Benchmarks;

/// <summary>
/// The delivery step for one trap: <see cref="NotificationDelivery"/> offering it to 1 subscription, and to 1,000
/// subscriptions with distinct trap-OID prefixes and sources of which one selects it (decision 0037). The subscribers
/// are <see cref="ActorRefs.Nobody"/> (no actor system, no mailbox that fills): measured is the selection and the
/// outlet's bookkeeping, not the mailbox's enqueue.
/// </summary>
[MemoryDiagnoser]
public class SubscriptionBenchmarks
{
    private NotificationDelivery _one = null!;
    private NotificationDelivery _thousand = null!;
    private TrapReceived _trap = null!;

    [GlobalSetup]
    public void Setup()
    {
        var origin = new NotificationOrigin(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 50123), "udp", SnmpVersion.V2c, SecurityLevel.NoAuthNoPriv);
        _trap = new TrapReceived(new SnmpNotification(NotificationKind.Trap, Oid.Parse("1.3.6.1.4.1.9999.500.0.1"), 0, [], origin, DateTimeOffset.UnixEpoch));
        _one = Delivery(1, i => 500);
        _thousand = Delivery(1000, i => i);
        DecodeBenchmarks.Check(OneSubscription() == (int)DeliveryOutcome.Delivered && ThousandSubscriptions() == (int)DeliveryOutcome.Delivered, "delivered");
    }

    /// <summary>The outcome as an int: <see cref="DeliveryOutcome"/> is internal.</summary>
    [Benchmark(Baseline = true)]
    public int OneSubscription() => (int)_one.Offer(_trap);

    [Benchmark]
    public int ThousandSubscriptions() => (int)_thousand.Offer(_trap);

    private static NotificationDelivery Delivery(int count, Func<int, int> arc)
    {
        var subscriptions = Enumerable.Range(0, count).Select(i =>
        {
            var filter = TrapFilter.ByTrapOid($"1.3.6.1.4.1.9999.{arc(i)}").AndSource(IPAddress.Parse("192.0.2.10"), IPAddress.Parse($"198.51.100.{i % 250 + 1}"));
            return new Subscription(ActorRefs.Nobody, filter, new SubscriberOutlet(ActorRefs.Nobody, SubscriberQueue.Default));
        }).ToImmutableArray();
        var table = new SubscriptionTable();
        table.Publish(subscriptions);
        return new NotificationDelivery(table, new IngressThrottle());
    }
}
