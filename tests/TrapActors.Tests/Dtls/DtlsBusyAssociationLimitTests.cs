using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// Only a finished handshake takes a place among dtls.max-associations (decision 0029): at the cap, with the one
/// association busy (an inform waiting for the subscriber), a new client's association is closed as association-limit
/// once its handshake finished, and the busy association is kept.
/// </summary>
public sealed class DtlsBusyAssociationLimitTests() : DtlsReceiverSpec(_ => """
    trap-actors.dtls.max-associations = 1
    trap-actors.inform { acknowledge = after-delivery, decision-timeout = 30s }
    """)
{
    [Fact]
    public async Task A_finished_handshake_at_the_cap_with_every_association_busy_is_refused_and_the_busy_one_kept()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await DtlsPortAsync();
        await SubscribeAsync(TestActor);
        var refusals = EventProbe(typeof(DtlsAssociationRefused));
        var run = NetSnmpDtls.InformAsync(StoreFor(), port, retries: 0, timeoutSeconds: 20);
        var inform = await this.InformAsync(TimeSpan.FromSeconds(10));
        Assert.True(inform.Acknowledgement.IsPending);

        await NetSnmpDtls.TrapAsync(StoreFor(), port);

        var refused = await refusals.ExpectMsgAsync<DtlsAssociationRefused>(TimeSpan.FromSeconds(10));
        Assert.Equal(DtlsRefusal.AssociationLimit, refused.Reason);
        Assert.NotEqual(inform.Notification.Origin.Source, refused.Peer);
        var stats = await AwaitDtlsAsync(s => s.Established == 2 && s.Closed == 1, "the second association closed");
        Assert.Equal(1, Refused(stats, DtlsRefusal.AssociationLimit));
        Assert.Equal(0, stats.Evicted);
        Assert.False(run.IsCompleted, "snmpinform finished before the confirmation");

        inform.Confirm();

        var result = await run;
        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        Assert.Equal(1, (await StatsAsync()).InformsAnswered);
    }
}
