using System.Collections.Immutable;
using System.Net;
using TrapActors.Snmp.Messages;
using TrapActors.Subscriptions;
using Xunit;

namespace TrapActors.Tests.Subscriptions;

/// <summary>
/// The trap-OID index yields, after <see cref="TrapFilter.Matches"/>, exactly the subscriptions a linear scan selects,
/// in the same order, for many random filters (nested, shared and empty prefixes, sources, versions, kinds) and notifications.
/// </summary>
public class SubscriptionIndexTests
{
    private static readonly IPAddress[] Sources = [IPAddress.Parse("127.0.0.1"), IPAddress.Parse("127.0.0.2"), IPAddress.IPv6Loopback];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Indexed_candidates_that_match_equal_the_linear_scan(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 20; round++)
        {
            var subscriptions = Enumerable.Range(0, random.Next(0, 60)).Select(_ => new Subscription(null!, RandomFilter(random), null!)).ToArray();
            var index = new SubscriptionIndex(subscriptions);
            for (var n = 0; n < 200; n++)
            {
                var notification = RandomNotification(random);
                var expected = subscriptions.Where(s => s.Filter.Matches(notification)).ToList();
                var actual = new List<Subscription>();
                foreach (var candidate in index.CandidatesFor(notification.TrapOid))
                {
                    if (candidate.Filter.Matches(notification))
                        actual.Add(candidate);
                }
                Assert.Equal(expected, actual, ReferenceEqualityComparer.Instance);
            }
        }
    }

    [Fact]
    public void Leaves_out_subscriptions_whose_prefixes_cannot_match()
    {
        var a = new Subscription(null!, TrapFilter.ByTrapOid("1.3.6.1.4.1.1"), null!);
        var b = new Subscription(null!, TrapFilter.ByTrapOid("1.3.6.1.4.1.2", "1.3.6.1.4.1"), null!);
        var c = new Subscription(null!, TrapFilter.BySource(IPAddress.Loopback), null!);
        var others = Enumerable.Range(0, 8).Select(i => new Subscription(null!, TrapFilter.ByTrapOid($"1.3.6.1.4.1.7.{i}"), null!));
        var index = new SubscriptionIndex([a, b, c, .. others]);   // more than a table small enough to be scanned whole
        var candidates = new List<Subscription>();
        foreach (var candidate in index.CandidatesFor(Oid.Parse("1.3.6.1.4.1.2.0.1")))
            candidates.Add(candidate);
        Assert.Equal([b, c], candidates);
    }

    private static TrapFilter RandomFilter(Random random)
    {
        var filter = TrapFilter.All;
        var prefixes = random.Next(0, 4);
        for (var i = 0; i < prefixes; i++)
            filter = filter with { TrapOidPrefixes = filter.TrapOidPrefixes.Add(RandomOid(random, random.Next(0, 5))) };
        if (random.Next(4) == 0)
            filter = filter.AndSource(Sources[random.Next(Sources.Length)]);
        if (random.Next(4) == 0)
            filter = filter.AndVersion(random.Next(2) == 0 ? SnmpVersion.V2c : SnmpVersion.V3);
        if (random.Next(4) == 0)
            filter = filter.AndKind(random.Next(2) == 0 ? NotificationKind.Trap : NotificationKind.Inform);
        return filter;
    }

    /// <summary>Arcs from a small alphabet so that prefixes nest, repeat and match often.</summary>
    private static Oid RandomOid(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => (uint)random.Next(1, 4))]);

    private static SnmpNotification RandomNotification(Random random)
    {
        var origin = new NotificationOrigin(new IPEndPoint(Sources[random.Next(Sources.Length)], 1024), "udp",
            random.Next(2) == 0 ? SnmpVersion.V2c : SnmpVersion.V3, SecurityLevel.NoAuthNoPriv);
        var kind = random.Next(2) == 0 ? NotificationKind.Trap : NotificationKind.Inform;
        return new SnmpNotification(kind, RandomOid(random, random.Next(0, 7)), 0, ImmutableArray<VarBind>.Empty, origin, DateTimeOffset.UnixEpoch);
    }
}
