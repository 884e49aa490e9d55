using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Diagnostics;

/// <summary>
/// The receiver's meter (docs/metrics.md) read with a <see cref="System.Diagnostics.Metrics.MeterListener"/> while
/// net-snmp's snmptrap and snmpinform send to it: the figures move with what arrives, per receiver, and end with the system.
/// </summary>
public sealed class MetricsTests() : ReceiverSpec()
{
    private const string LinkDown = "1.3.6.1.6.3.1.1.5.3";
    private const string LinkUp = "1.3.6.1.6.3.1.1.5.4";
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    private async Task<string> TargetAsync() => $"127.0.0.1:{(await ReceiverEndPointAsync()).Port}";

    private static async Task SnmpTrapAsync(string target, string community = "public", string trapOid = LinkDown)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var result = await NetSnmpTools.SnmpTrapAsync("-v", "2c", "-c", community, target, "42", trapOid);
        Assert.True(result.ExitCode == 0, $"snmptrap: {result}");
    }

    private async Task AwaitValueAsync(MetricsCapture metrics, string name, long expected, string? reason = null) =>
        await AwaitAssertAsync(() =>
        {
            metrics.Collect();
            Assert.Equal(expected, metrics.Value(name, reason));
        }, Max, TimeSpan.FromMilliseconds(50));

    [Fact]
    public async Task A_trap_from_snmptrap_is_received_and_delivered()
    {
        using var metrics = MetricsCapture.Of(Sys);
        var target = await TargetAsync();
        await SubscribeAsync(TestActor);

        await SnmpTrapAsync(target);
        await this.TrapAsync();

        await AwaitValueAsync(metrics, "trapactors.datagrams.received", 1);
        await AwaitValueAsync(metrics, "trapactors.notifications.delivered", 1);
        Assert.Equal(0, metrics.Value("trapactors.datagrams.dropped", "unknown-community"));
        Assert.Equal(1, metrics.Series($"trapactors.subscriber.notifications.delivered{{subscriber={TestActor.Path}}}"));
        Assert.Equal([Sys.Name], metrics.Receivers);
    }

    [Fact]
    public async Task A_trap_with_an_unknown_community_is_dropped_as_unknown_community()
    {
        using var metrics = MetricsCapture.Of(Sys);
        var target = await TargetAsync();
        await SubscribeAsync(TestActor);

        await SnmpTrapAsync(target, community: "not-a-community");

        await AwaitValueAsync(metrics, "trapactors.datagrams.dropped", 1, reason: "unknown-community");
        Assert.Equal(1, metrics.Value("trapactors.datagrams.received"));
        Assert.Equal(0, metrics.Value("trapactors.notifications.delivered"));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task An_inform_from_snmpinform_is_answered()
    {
        using var metrics = MetricsCapture.Of(Sys);
        var target = await TargetAsync();
        await SubscribeAsync(TestActor);

        var result = await NetSnmpTools.SnmpInformAsync("-v", "2c", "-c", "public", "-r", "3", "-t", "2", target, "42", LinkDown);

        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        await AwaitValueAsync(metrics, "trapactors.informs.answered", 1);
        await AwaitValueAsync(metrics, "trapactors.notifications.delivered", 1);
    }

    [Fact]
    public async Task The_histogram_records_one_time_per_delivered_notification_and_none_for_a_dropped_one()
    {
        using var metrics = MetricsCapture.Of(Sys);
        var target = await TargetAsync();
        await SubscribeAsync(TestActor, TrapFilter.ByTrapOid(LinkDown));

        for (var i = 0; i < 3; i++)
            await SnmpTrapAsync(target);
        await SnmpTrapAsync(target, trapOid: LinkUp);   // no subscriber selects it
        for (var i = 0; i < 3; i++)
            await this.TrapAsync();

        await AwaitValueAsync(metrics, "trapactors.datagrams.dropped", 1, reason: "no-subscriber");
        Assert.Equal(3, metrics.Value("trapactors.notifications.delivered"));
        Assert.Equal(3, metrics.Latencies.Count);
        Assert.All(metrics.Latencies, seconds => Assert.InRange(seconds, 0, Max.TotalSeconds));
        Assert.Equal([Sys.Name], metrics.Receivers);
    }

    [Fact]
    public async Task Two_actor_systems_report_apart()
    {
        using var other = Track(new ExtraSystem(""));
        Assert.True((await other.ActivateAsync()).AllBound);
        // As an application listens: by the meter's name, telling receivers apart by their attribute.
        using var all = new MetricsCapture(i => i.Meter.Name == TrapReceiverMetrics.MeterName);
        using var mine = MetricsCapture.Of(Sys);
        using var theirs = MetricsCapture.Of(other.System);
        var target = await TargetAsync();
        await SubscribeAsync(TestActor);

        await SnmpTrapAsync(target);
        await this.TrapAsync();

        await AwaitValueAsync(mine, "trapactors.datagrams.received", 1);
        theirs.Collect();
        Assert.Equal(0, theirs.Value("trapactors.datagrams.received"));
        Assert.Equal(0, theirs.Value("trapactors.notifications.delivered"));
        Assert.Equal([other.System.Name], theirs.Receivers);
        all.Collect();
        Assert.Contains(Sys.Name, all.Receivers);
        Assert.Contains(other.System.Name, all.Receivers);
    }

    [Fact]
    public async Task Terminating_the_actor_system_ends_its_instruments_and_not_another_systems()
    {
        var other = Track(new ExtraSystem(""));
        Assert.True((await other.ActivateAsync()).AllBound);
        using var theirs = MetricsCapture.Of(other.System);
        using var mine = MetricsCapture.Of(Sys);
        Assert.Contains(theirs.Enabled, i => i.Name == "trapactors.datagrams.received");
        theirs.Collect();
        var before = theirs.Recorded;
        Assert.True(before > 0);

        other.Dispose();

        await AwaitConditionAsync(() => Task.FromResult(theirs.Completed.Count == theirs.Enabled.Count), Max);
        theirs.Collect();
        Assert.Equal(before, theirs.Recorded);
        Assert.Empty(mine.Completed);
        mine.Collect();
        Assert.Equal(0, mine.Value("trapactors.datagrams.received"));
    }
}
