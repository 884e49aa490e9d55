using System.Net;
using System.Net.Sockets;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.TestKit.Tests.Originator;

/// <summary>
/// The bad cases the originator produces are bad for net-snmp's snmptrapd too: a trap with a wrong digest or malformed
/// bytes is not logged; an inform with a wrong digest, an unknown user or a stale engine time gets the matching
/// usmStats Report; an inform nobody answers times out.
/// </summary>
public sealed class OriginatorBadCasesTests(SnmptrapdFixture fixture) : IClassFixture<SnmptrapdFixture>
{
    private static readonly TimeSpan LogTimeout = TimeSpan.FromSeconds(30);
    private static readonly Oid MarkerOid = Oid.Parse("1.3.6.1.4.1.8072.9999.1.1");

    private static readonly UsmSecurity TrapUser = OriginatorSecurity.AuthPriv(
        SnmptrapdFixture.TrapUser(AuthProtocol.HmacSha256, PrivProtocol.Aes128), AuthProtocol.HmacSha256, SnmptrapdFixture.AuthPassword,
        PrivProtocol.Aes128, SnmptrapdFixture.PrivPassword);

    private static readonly UsmSecurity InformUser = OriginatorSecurity.AuthPriv(SnmptrapdFixture.InformUser, AuthProtocol.HmacSha512,
        SnmptrapdFixture.AuthPassword, PrivProtocol.Aes256, SnmptrapdFixture.PrivPassword);

    private static (string Marker, Notification Notification) Marked()
    {
        var marker = "m" + Guid.NewGuid().ToString("N");
        return (marker, Notification.Of("1.3.6.1.6.3.1.1.5.3", new VarBind(MarkerOid, SnmpValue.OctetString(marker))));
    }

    private NotificationOriginator NewOriginator() => NotificationOriginator.Udp(fixture.Trapd.Endpoint, SnmptrapdFixture.Options);

    /// <summary>Sends the bad trap, then a good one; snmptrapd handles them in order, so the bad one was dropped if the good one comes first.</summary>
    private async Task AssertNotLoggedAsync(OriginatorSecurity security, OriginatorFaults faults)
    {
        using var originator = NewOriginator();
        var (bad, badNotification) = Marked();
        var (good, goodNotification) = Marked();

        await originator.SendTrapAsync(badNotification, security, faults);
        await originator.SendTrapAsync(goodNotification, security);

        var seen = new List<string>();
        await fixture.Trapd.ExpectLineAsync(l => { seen.Add(l); return l.Contains(good, StringComparison.Ordinal); }, LogTimeout);
        Assert.DoesNotContain(seen, l => l.Contains(bad, StringComparison.Ordinal));
    }

    [Fact]
    public Task A_v3_trap_with_a_wrong_digest_is_not_logged() => AssertNotLoggedAsync(TrapUser, OriginatorFaults.WrongDigest);

    [Fact]
    public Task A_v3_trap_from_an_unknown_user_is_not_logged() => AssertNotLoggedAsync(TrapUser, OriginatorFaults.UnknownUser);

    [Fact]
    public Task A_malformed_v2c_trap_is_not_logged() => AssertNotLoggedAsync(OriginatorSecurity.V2c("public"), OriginatorFaults.MalformedBytes);

    [Theory]
    [InlineData(OriginatorFaults.WrongDigest, "1.3.6.1.6.3.15.1.1.5.0")]
    [InlineData(OriginatorFaults.UnknownUser, "1.3.6.1.6.3.15.1.1.3.0")]
    [InlineData(OriginatorFaults.StaleEngineTime, "1.3.6.1.6.3.15.1.1.2.0")]
    public async Task A_bad_v3_inform_gets_the_matching_report_and_is_not_logged(OriginatorFaults fault, string counter)
    {
        using var originator = NewOriginator();
        var (bad, notification) = Marked();

        var outcome = await originator.SendInformAsync(notification, InformUser, fault);

        Assert.Equal(InformOutcomeKind.Report, outcome.Kind);
        Assert.Equal(Oid.Parse(counter), outcome.ReportOid);
        var (good, goodNotification) = Marked();
        Assert.Equal(InformOutcomeKind.Response, (await originator.SendInformAsync(goodNotification, InformUser)).Kind);
        var seen = new List<string>();
        await fixture.Trapd.ExpectLineAsync(l => { seen.Add(l); return l.Contains(good, StringComparison.Ordinal); }, LogTimeout);
        Assert.DoesNotContain(seen, l => l.Contains(bad, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_inform_nobody_answers_times_out()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var originator = NotificationOriginator.Udp((IPEndPoint)silent.LocalEndPoint!,
            new OriginatorOptions { Timeout = TimeSpan.FromMilliseconds(300), Retries = 1 });

        var outcome = await originator.SendInformAsync(Marked().Notification, OriginatorSecurity.V2c("public"));

        Assert.Equal(InformOutcomeKind.Timeout, outcome.Kind);
        Assert.Null(outcome.Pdu);
        Assert.True(silent.Available > 0, "the inform was sent");
    }
}
