using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Subscriptions;

/// <summary>TrapFilter.ByTrapOid: a trap OID equal to or below a prefix, compared arc by arc.</summary>
public class TrapOidFilterTests : ReceiverSpec
{
    [Fact]
    public async Task Delivers_only_trap_oids_equal_to_or_below_the_prefix()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor, TrapFilter.ByTrapOid("1.3.6.1.4.1.9999.1"));
        var client = NewClient();

        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.9999.1", requestId: 1), target);
        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.9999.1.5.3", requestId: 2), target);
        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.9999.10", requestId: 3), target); // a string prefix, not an arc prefix
        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.9999.2", requestId: 4), target);
        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.9999", requestId: 5), target); // shorter than the prefix
        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.9999.1.7", requestId: 6), target);

        Assert.Equal("1.3.6.1.4.1.9999.1", (await this.TrapWithIdAsync(1)).TrapOid.ToString());
        Assert.Equal("1.3.6.1.4.1.9999.1.5.3", (await this.TrapWithIdAsync(2)).TrapOid.ToString());
        await this.TrapWithIdAsync(6);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        var stats = await AwaitStatsAsync(s => s.Delivered + s.Dropped[DropReason.NoSubscriber] == 6, "6 traps handled");
        Assert.Equal(3, stats.Delivered);
        Assert.Equal(3, stats.Dropped[DropReason.NoSubscriber]);
    }

    [Fact]
    public async Task Several_prefixes_match_when_any_does()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor, TrapFilter.ByTrapOid("1.3.6.1.4.1.1", "1.3.6.1.4.1.2"));
        var client = NewClient();

        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.1.0.1", requestId: 1), target);
        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.3.0.1", requestId: 2), target);
        await SendAsync(client, Packets.V2Trap("1.3.6.1.4.1.2.0.1", requestId: 3), target);

        await this.TrapWithIdAsync(1);
        await this.TrapWithIdAsync(3);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_v1_trap_is_filtered_by_its_translated_trap_oid()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor, TrapFilter.ByTrapOid("1.3.6.1.6.3.1.1.5")); // snmpTraps: the generic traps
        var client = NewClient();

        await SendAsync(client, Packets.V1Trap("1.3.6.1.4.1.8072.3.2.10", generic: 6, specific: 9), target); // enterprise-specific
        await SendAsync(client, Packets.V1Trap("1.3.6.1.4.1.8072.3.2.10", generic: 3, specific: 0), target); // linkUp

        var n = await this.TrapAsync();
        Assert.Equal("1.3.6.1.6.3.1.1.5.4", n.TrapOid.ToString());
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }
}
