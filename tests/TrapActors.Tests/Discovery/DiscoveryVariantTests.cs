using System.Collections.Immutable;
using System.Net;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Discovery;

/// <summary>
/// The ways senders discover the receiver's engine before an SNMPv3 inform (RFC 3414 §4): each exchange must end
/// with the inform acknowledged by an authenticated, encrypted Response.
/// </summary>
public sealed class DiscoveryVariantTests() : ReceiverSpec(Setup("trap-actors.usm.local-engine-id = \"80000000050a0b0c0d0e0f1011\"",
    new TrapReceiverSetup { Users = [UsmUser.AuthPriv("disco", AuthProtocol.HmacSha256, "disco-auth-pw", PrivProtocol.Aes256, "disco-priv-pw")] }))
{
    private static readonly Oid UnknownEngineIds = Oid.Parse("1.3.6.1.6.3.15.1.1.4.0");
    private static readonly Oid NotInTimeWindows = Oid.Parse("1.3.6.1.6.3.15.1.1.2.0");
    private static readonly byte[] LocalEngine = Convert.FromHexString("80000000050a0b0c0d0e0f1011");

    private readonly V3TestSender _sender = new("disco", AuthProtocol.HmacSha256, "disco-auth-pw", PrivProtocol.Aes256, "disco-priv-pw");

    private static Pdu Inform(int requestId, params VarBind[] extra) => new(PduType.InformRequest, requestId, 0, 0,
    [
        new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(500)),
        new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.99.0.1"))),
        .. extra,
    ]);

    public static TheoryData<string> Probes => ["get-request", "empty-inform"];

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task A_probe_gets_the_engine_and_the_inform_that_follows_is_acknowledged(string probe)
    {
        var (client, target) = await PrepareAsync();
        var datagram = probe == "get-request"
            ? _sender.Probe(PduType.GetRequest, [new VarBind(Oid.Parse("1.3.6.1.2.1.1.1.0"), SnmpValue.Null)])
            : _sender.Probe(PduType.InformRequest, []);
        await SendAsync(client, datagram, target);
        var (report, scoped) = _sender.Read(await ReceiveAsync(client));
        Assert.Equal(PduType.Report, scoped.Pdu.Type);
        Assert.Equal(UnknownEngineIds, scoped.Pdu.VarBinds[0].Oid);
        Assert.Equal(LocalEngine, report.Usm!.EngineId.ToArray());
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        await AcknowledgedAsync(client, target, report.Usm.EngineBoots, report.Usm.EngineTime);
    }

    [Fact]
    public async Task An_authenticated_time_synchronization_request_gets_an_authenticated_notInTimeWindow_report()
    {
        var (client, target) = await PrepareAsync();
        var sync = _sender.Message(LocalEngine, 0, 0, new Pdu(PduType.GetRequest, 5, 0, 0, []), encrypt: false);
        await SendAsync(client, sync, target);
        var (report, scoped) = _sender.Read(await ReceiveAsync(client));
        Assert.True((report.Flags & V3MessageFlags.Auth) != 0, "a notInTimeWindow report is authenticated");
        Assert.Equal(NotInTimeWindows, scoped.Pdu.VarBinds[0].Oid);
        Assert.True(report.Usm!.EngineBoots >= 1);

        await AcknowledgedAsync(client, target, report.Usm.EngineBoots, report.Usm.EngineTime);
    }

    [Fact]
    public async Task An_inform_with_boots_and_time_zero_is_reported_then_acknowledged_when_resent()
    {
        var (client, target) = await PrepareAsync();
        await SendAsync(client, _sender.Message(LocalEngine, 0, 0, Inform(41), encrypt: true), target);
        var (report, scoped) = _sender.Read(await ReceiveAsync(client));
        Assert.Equal(NotInTimeWindows, scoped.Pdu.VarBinds[0].Oid);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        await AcknowledgedAsync(client, target, report.Usm!.EngineBoots, report.Usm.EngineTime);
        var stats = await StatsAsync();
        Assert.Equal(1, stats.Dropped[DropReason.NotInTimeWindow]);
        Assert.Equal(1, stats.Usm.NotInTimeWindows);
    }

    private async Task<(System.Net.Sockets.UdpClient Client, IPEndPoint Target)> PrepareAsync()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        return (NewClient(), target);
    }

    /// <summary>Sends the real inform with the engine's boots and time, and checks the encrypted Response and the delivery.</summary>
    private async Task AcknowledgedAsync(System.Net.Sockets.UdpClient client, IPEndPoint target, int boots, int time)
    {
        var extra = new VarBind(Oid.Parse("1.3.6.1.4.1.99.1.1.0"), SnmpValue.OctetString("disk full"));
        await SendAsync(client, _sender.Message(LocalEngine, boots, time, Inform(42, extra), encrypt: true), target);
        var (response, scoped) = _sender.Read(await ReceiveAsync(client));
        Assert.Equal(V3MessageFlags.Auth | V3MessageFlags.Priv, response.Flags);
        Assert.Equal(PduType.Response, scoped.Pdu.Type);
        Assert.Equal(42, scoped.Pdu.RequestId);
        Assert.Equal(0, scoped.Pdu.ErrorStatus);
        Assert.Equal(extra, scoped.Pdu.VarBinds[2]);
        var inform = ExpectMsg<InformReceived>(TimeSpan.FromSeconds(3));
        Assert.Equal("disco", inform.Notification.Origin.User);
        Assert.Equal(SecurityLevel.AuthPriv, inform.Notification.Origin.SecurityLevel);
        Assert.Equal(LocalEngine, inform.Notification.Origin.EngineId.ToArray());
    }
}
