using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Interop;

/// <summary>net-snmp's real snmpinform: it exits 0 only when it got our Response.</summary>
public class NetSnmpInformTests : ReceiverSpec
{
    private async Task<string> TargetAsync() => $"127.0.0.1:{(await ReceiverEndPointAsync()).Port}";

    [Fact]
    public async Task Snmpinform_gets_a_Response_and_the_inform_is_delivered()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var target = await TargetAsync();
        await SubscribeAsync(TestActor);

        var result = await NetSnmpTools.SnmpInformAsync("-v", "2c", "-c", "public", "-r", "0", "-t", "3", target, "555", "1.3.6.1.4.1.8072.2.3.0.2",
            "1.3.6.1.4.1.8072.9999.4.1", "s", "inform text");

        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        var inform = await this.InformAsync();
        Assert.Equal(NotificationKind.Inform, inform.Notification.Kind);
        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.2", inform.Notification.TrapOid.ToString());
        Assert.Equal(555u, inform.Notification.Uptime);
        Assert.Equal("inform text", inform.Notification.ValueOf(Snmp.Messages.Oid.Parse("1.3.6.1.4.1.8072.9999.4.1"))!.Value.Text());
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100)); // one inform, no retransmission
        Assert.Equal(1, (await StatsAsync()).InformsAnswered);
    }

    [Fact]
    public async Task Snmpinform_with_a_wrong_community_times_out_and_nothing_is_delivered()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var target = await TargetAsync();
        await SubscribeAsync(TestActor);

        var result = await NetSnmpTools.SnmpInformAsync("-v", "2c", "-c", "wrong", "-r", "0", "-t", "1", target, "1", "1.3.6.1.4.1.8072.2.3.0.2");

        Assert.True(result.ExitCode != 0, $"snmpinform should have timed out: {result}");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        var stats = await StatsAsync();
        Assert.Equal(1, stats.Dropped[DropReason.UnknownCommunity]);
        Assert.Equal(0, stats.InformsAnswered);
    }
}

/// <summary>snmpinform against inform.acknowledge = by-subscriber: it gets its Response when the subscriber responds.</summary>
public class NetSnmpInformBySubscriberTests() : ReceiverSpec("trap-actors.inform { acknowledge = by-subscriber, decision-timeout = 10s }")
{
    [Fact]
    public async Task Snmpinform_succeeds_once_the_subscriber_responds()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var port = (await ReceiverEndPointAsync()).Port;
        await SubscribeAsync(TestActor);

        var run = NetSnmpTools.SnmpInformAsync("-v", "2c", "-c", "public", "-r", "0", "-t", "5", $"127.0.0.1:{port}", "1", "1.3.6.1.4.1.8072.2.3.0.3");
        var inform = await this.InformAsync(TimeSpan.FromSeconds(5));
        Assert.False(run.IsCompleted);
        inform.Respond();

        var result = await run;
        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
    }
}
