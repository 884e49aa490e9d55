using TrapActors.Snmp.Messages;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Subscriptions;

/// <summary>TrapFilter.ByVersion (v1 vs v2c) and ByKind (trap vs inform).</summary>
public class VersionAndKindFilterTests : ReceiverSpec
{
    [Fact]
    public async Task Version_and_kind_filters_select_their_notifications_only()
    {
        var target = await ReceiverEndPointAsync();
        var v1 = CreateTestProbe();
        var v2c = CreateTestProbe();
        var traps = CreateTestProbe();
        var informs = CreateTestProbe();
        var v2cTraps = CreateTestProbe();
        await SubscribeAsync(v1.Ref, TrapFilter.ByVersion(SnmpVersion.V1));
        await SubscribeAsync(v2c.Ref, TrapFilter.ByVersion(SnmpVersion.V2c));
        await SubscribeAsync(traps.Ref, TrapFilter.ByKind(NotificationKind.Trap));
        await SubscribeAsync(informs.Ref, TrapFilter.ByKind(NotificationKind.Inform));
        await SubscribeAsync(v2cTraps.Ref, TrapFilter.ByVersion(SnmpVersion.V2c).AndKind(NotificationKind.Trap));
        var client = NewClient();

        await SendAsync(client, Packets.V1Trap(specific: 17), target);
        await SendAsync(client, Packets.V2Trap(requestId: 2), target);
        await SendAsync(client, Packets.Inform(requestId: 3), target);

        var gotV1 = await v1.TrapAsync();
        Assert.Equal(SnmpVersion.V1, gotV1.Origin.Version);
        Assert.Equal(17, gotV1.V1!.SpecificTrap);

        await v2c.TrapWithIdAsync(2);
        var inform = await v2c.InformAsync();
        Assert.Equal(3, inform.Notification.RequestId);
        Assert.Equal(NotificationKind.Inform, inform.Notification.Kind);

        Assert.Equal(SnmpVersion.V1, (await traps.TrapAsync()).Origin.Version);
        await traps.TrapWithIdAsync(2);

        Assert.Equal(3, (await informs.InformAsync()).Notification.RequestId);

        var v2cTrap = await v2cTraps.TrapWithIdAsync(2);
        Assert.Equal(NotificationKind.Trap, v2cTrap.Kind);

        foreach (var probe in new[] { v1, v2c, traps, informs, v2cTraps })
            await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}
