using Akka.TestKit;
using TrapActors.Snmp.Messages;

namespace TrapActors.Tests.Infrastructure;

/// <summary>Expectation helpers for delivered notifications (work on the TestKit itself and on TestProbes).</summary>
public static class Expect
{
    public static readonly TimeSpan Delivery = TimeSpan.FromSeconds(3);

    /// <summary>The next message must be a TrapReceived; returns its notification.</summary>
    public static async Task<SnmpNotification> TrapAsync(this TestKitBase probe, TimeSpan? max = null) =>
        (await probe.ExpectMsgAsync<TrapReceived>(max ?? Delivery)).Notification;

    /// <summary>The next message must be a trap with request-id <paramref name="requestId"/>.</summary>
    public static async Task<SnmpNotification> TrapWithIdAsync(this TestKitBase probe, int requestId, TimeSpan? max = null)
    {
        var n = await probe.TrapAsync(max);
        Xunit.Assert.Equal(requestId, n.RequestId);
        return n;
    }

    public static async Task<InformReceived> InformAsync(this TestKitBase probe, TimeSpan? max = null) =>
        await probe.ExpectMsgAsync<InformReceived>(max ?? Delivery);

    public static string Text(this SnmpValue value) => System.Text.Encoding.UTF8.GetString(value.AsBytes().Span);
}
