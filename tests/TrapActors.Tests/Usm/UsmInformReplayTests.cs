using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// A v3 inform sent by net-snmp's snmpinform is captured and replayed from other source ports (other sessions): each copy
/// is answered, none is delivered twice, each is counted as a duplicate — also 90 s later, past a session's own 60 s
/// inform.duplicate-window but within the 150 s time window (the shared window follows the setup's clock).
/// </summary>
public sealed class UsmInformReplayTests() : UsmSpec("", new TrapReceiverSetup { Users = [User.ToUsmUser()], TimeProvider = Clock })
{
    private static readonly V3User User = new("ines", "SHA", "ines-auth-1", "AES", "ines-priv-1");
    private static readonly AdvancingClock Clock = new();

    [Fact]
    public async Task A_replayed_inform_is_answered_from_any_port_but_delivered_once()
    {
        var subscriber = await SubscriberAsync();
        var target = await ReceiverEndPointAsync();
        // snmpinform discovers this engine and its clock through the relay, then sends the inform that is answered.
        var (result, sent) = await UsmCapture.RelayAsync("snmpinform", ["-v", "3", "-r", "3", "-t", "2", .. User.Args()], target,
            "4242", "1.3.6.1.4.1.8072.9999.0.8", UsmTestData.ValueOid, "s", "inform");
        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        var delivered = await subscriber.ExpectMsgAsync<InformReceived>(TimeSpan.FromSeconds(5));
        Assert.Equal("inform", ValueText(delivered.Notification));
        var captured = sent[^1];

        var second = NewClient();
        await SendAsync(second, captured, target);
        await ReceiveAsync(second);
        await AwaitDroppedAsync(DropReason.DuplicateInform, 1);

        Clock.Advance(TimeSpan.FromSeconds(90));
        var third = NewClient();
        await SendAsync(third, captured, target);
        await ReceiveAsync(third);
        var stats = await AwaitDroppedAsync(DropReason.DuplicateInform, 2);
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, stats.Delivered);
        Assert.Equal(3, stats.InformsAnswered);
    }
}
