using TrapActors.Tests.Usm;
using Xunit;

namespace TrapActors.Tests.Diagnostics;

/// <summary>The USM figures of the receiver's meter move when net-snmp's snmptrap sends with a wrong password.</summary>
public sealed class UsmMetricsTests() : UsmSpec("", new TrapReceiverSetup { Users = [User.ToUsmUser()] })
{
    private const string Engine = "0x80000000010203040b";
    private static readonly V3User User = new("frank", "SHA-256", "frank-auth-1", "AES", "frank-priv-1");

    [Fact]
    public async Task A_v3_trap_with_a_wrong_authentication_password_counts_as_a_wrong_digest()
    {
        using var metrics = MetricsCapture.Of(Sys);
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(User with { AuthPassword = "not-franks-password" }, Engine, "wrong auth");

        await AwaitAssertAsync(() =>
        {
            metrics.Collect();
            Assert.Equal(1, metrics.Value("trapactors.usm.messages.rejected", "wrong-digest"));
            Assert.Equal(1, metrics.Value("trapactors.datagrams.dropped", "wrong-digest"));
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        Assert.Equal(0, metrics.Value("trapactors.usm.messages.rejected", "decryption-error"));
        Assert.Equal(0, metrics.Value("trapactors.notifications.delivered"));
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        // The right password gets through, and the delivery shows.
        await SendTrapAsync(User, Engine, "right auth");
        await ExpectTrapAsync(subscriber, "frank", "right auth");
        await AwaitAssertAsync(() =>
        {
            metrics.Collect();
            Assert.Equal(1, metrics.Value("trapactors.notifications.delivered"));
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        Assert.Equal(1, metrics.Value("trapactors.usm.messages.rejected", "wrong-digest"));
    }
}
