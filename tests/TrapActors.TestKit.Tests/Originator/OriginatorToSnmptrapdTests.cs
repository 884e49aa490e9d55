using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.TestKit.Tests.Originator;

/// <summary>
/// The originator is a real peer: net-snmp's snmptrapd logs its v1, v2c and v3 traps (every auth × priv pair net-snmp
/// knows) and acknowledges its v2c and v3 informs, the v3 ones after the originator's own discovery and time sync.
/// </summary>
public sealed class OriginatorToSnmptrapdTests(SnmptrapdFixture fixture) : IClassFixture<SnmptrapdFixture>
{
    private static readonly TimeSpan LogTimeout = TimeSpan.FromSeconds(30);
    private static readonly Oid MarkerOid = Oid.Parse("1.3.6.1.4.1.8072.9999.1.1");

    public static TheoryData<AuthProtocol, PrivProtocol> AuthPrivPairs()
    {
        var data = new TheoryData<AuthProtocol, PrivProtocol>();
        foreach (var auth in SnmptrapdFixture.Auths)
            foreach (var priv in SnmptrapdFixture.Privs)
                data.Add(auth, priv);
        return data;
    }

    private static (string Marker, Notification Notification) Marked(string trapOid = "1.3.6.1.6.3.1.1.5.3")
    {
        var marker = "m" + Guid.NewGuid().ToString("N");
        return (marker, Notification.Of(trapOid, new VarBind(MarkerOid, SnmpValue.OctetString(marker))));
    }

    private Task<string> LoggedAsync(string marker) =>
        fixture.Trapd.ExpectLineAsync(l => l.Contains(marker, StringComparison.Ordinal), LogTimeout);

    private NotificationOriginator NewOriginator() => NotificationOriginator.Udp(fixture.Trapd.Endpoint, SnmptrapdFixture.Options);

    [Fact]
    public async Task A_v1_trap_is_logged_with_its_enterprise_and_specific_trap()
    {
        using var originator = NewOriginator();
        var marker = "m" + Guid.NewGuid().ToString("N");
        var notification = Notification.V1(Oid.Parse("1.3.6.1.4.1.8072.9999"), TrapV1Header.EnterpriseSpecific, 42,
            new VarBind(MarkerOid, SnmpValue.OctetString(marker)));

        await originator.SendTrapAsync(notification, OriginatorSecurity.V1("public"));

        var header = await fixture.Trapd.ExpectLineAsync(l => l.Contains("Enterprise Specific Trap (42)", StringComparison.Ordinal), LogTimeout);
        Assert.Contains("3.6.1.4.1.8072.9999 ", header, StringComparison.Ordinal);
        await LoggedAsync(marker);
    }

    [Fact]
    public async Task A_v2c_trap_is_logged()
    {
        using var originator = NewOriginator();
        var (marker, notification) = Marked();

        await originator.SendTrapAsync(notification, OriginatorSecurity.V2c("public"));

        var line = await LoggedAsync(marker);
        Assert.Contains("= OID: iso.3.6.1.6.3.1.1.5.3", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_v2c_inform_is_logged_and_acknowledged()
    {
        using var originator = NewOriginator();
        var (marker, notification) = Marked();

        var outcome = await originator.SendInformAsync(notification, OriginatorSecurity.V2c("public"));

        Assert.Equal(InformOutcomeKind.Response, outcome.Kind);
        Assert.Equal(0, outcome.ErrorStatus);
        Assert.Contains(outcome.VarBinds, vb => vb.Oid == MarkerOid);
        await LoggedAsync(marker);
    }

    [Theory]
    [MemberData(nameof(AuthPrivPairs))]
    public async Task A_v3_authPriv_trap_is_decrypted_and_logged(AuthProtocol auth, PrivProtocol priv)
    {
        using var originator = NewOriginator();
        var (marker, notification) = Marked();
        var user = OriginatorSecurity.AuthPriv(SnmptrapdFixture.TrapUser(auth, priv), auth, SnmptrapdFixture.AuthPassword, priv, SnmptrapdFixture.PrivPassword);

        await originator.SendTrapAsync(notification, user);

        await LoggedAsync(marker);
    }

    [Fact]
    public async Task A_v3_authNoPriv_trap_is_logged()
    {
        using var originator = NewOriginator();
        var (marker, notification) = Marked();
        var user = OriginatorSecurity.AuthNoPriv(SnmptrapdFixture.TrapUser(AuthProtocol.HmacSha256, PrivProtocol.None), AuthProtocol.HmacSha256, SnmptrapdFixture.AuthPassword);

        await originator.SendTrapAsync(notification, user);

        await LoggedAsync(marker);
    }

    [Fact]
    public async Task A_v3_noAuthNoPriv_trap_is_logged()
    {
        using var originator = NewOriginator();
        var (marker, notification) = Marked();

        await originator.SendTrapAsync(notification, OriginatorSecurity.NoAuthNoPriv(SnmptrapdFixture.TrapNoAuthUser));

        await LoggedAsync(marker);
    }

    [Fact]
    public async Task A_v3_authPriv_inform_is_acknowledged_after_discovery_and_time_sync()
    {
        using var originator = NewOriginator();
        var (marker, notification) = Marked();
        var user = OriginatorSecurity.AuthPriv(SnmptrapdFixture.InformUser, AuthProtocol.HmacSha512, SnmptrapdFixture.AuthPassword,
            PrivProtocol.Aes256, SnmptrapdFixture.PrivPassword);

        var outcome = await originator.SendInformAsync(notification, user);

        Assert.Equal(InformOutcomeKind.Response, outcome.Kind);
        Assert.Equal(0, outcome.ErrorStatus);
        Assert.Contains(outcome.VarBinds, vb => vb.Oid == MarkerOid);
        Assert.True(originator.ReceiverTimeSynchronised, "the originator synchronised with snmptrapd's engine time");
        Assert.NotNull(originator.ReceiverEngineId);
        Assert.NotEqual(SnmptrapdFixture.EngineId, originator.ReceiverEngineId!.Value.ToArray());
        await LoggedAsync(marker);
    }

    [Fact]
    public async Task A_v3_noAuthNoPriv_inform_is_acknowledged()
    {
        using var originator = NewOriginator();
        var (marker, notification) = Marked();

        var outcome = await originator.SendInformAsync(notification, OriginatorSecurity.NoAuthNoPriv(SnmptrapdFixture.InformNoAuthUser));

        Assert.Equal(InformOutcomeKind.Response, outcome.Kind);
        await LoggedAsync(marker);
    }
}
