using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.TestKit.Tests.Originator;

/// <summary>
/// The originator against TrapActors' own receiver over loopback UDP, for what net-snmp 5.9 cannot check: 3DES (it has
/// no 3DES), and SNMPv3 informs answered by this receiver after the originator's discovery and time sync.
/// </summary>
public sealed class OriginatorToReceiverTests : Akka.TestKit.Xunit2.TestKit
{
    private const string AuthPassword = "receiver-auth-pass";
    private const string PrivPassword = "receiver-priv-pass";
    private static readonly byte[] OriginatorEngineId = OriginatorOptions.NewEngineId();
    private static readonly Oid MarkerOid = Oid.Parse("1.3.6.1.4.1.8072.9999.1.1");

    private static readonly UsmSecurity TrapUser =
        OriginatorSecurity.AuthPriv("trap-3des", AuthProtocol.HmacSha256, AuthPassword, PrivProtocol.TripleDes, PrivPassword);

    private static readonly UsmSecurity InformUser =
        OriginatorSecurity.AuthPriv("inform-3des", AuthProtocol.HmacSha1, AuthPassword, PrivProtocol.TripleDes, PrivPassword);

    public OriginatorToReceiverTests()
        : base(ActorSystemSetup.Create(
            BootstrapSetup.Create().WithConfig(ConfigurationFactory.ParseString("""
                akka.loglevel = WARNING
                trap-actors {
                  auto-activate = on
                  listener.endpoints = ["udp:127.0.0.1:0"]
                }
                """)),
            new TrapReceiverSetup
            {
                Users =
                [
                    new UsmUser(TrapUser.UserName, TrapUser.Auth, UsmSecret.Password(AuthPassword), TrapUser.Priv, UsmSecret.Password(PrivPassword),
                        [.. OriginatorEngineId]),
                    new UsmUser(InformUser.UserName, InformUser.Auth, UsmSecret.Password(AuthPassword), InformUser.Priv, UsmSecret.Password(PrivPassword)),
                ],
            }))
    {
    }

    private async Task<NotificationOriginator> OriginatorAsync()
    {
        var receiver = TrapReceiverExtension.Get(Sys).Receiver;
        var bound = await receiver.Ask<BoundEndpoints>(Activate.Instance, TimeSpan.FromSeconds(10));
        Assert.True(bound.AllBound, $"bind failures: {string.Join("; ", bound.Failures)}");
        await receiver.Ask<Subscribed>(new Subscribe(TestActor, TrapFilter.All), TimeSpan.FromSeconds(10));
        return NotificationOriginator.Udp(bound.Endpoints[0].LocalEndPoint,
            new OriginatorOptions { EngineId = OriginatorEngineId, Timeout = TimeSpan.FromSeconds(10) });
    }

    private static Notification Marked(string marker) =>
        Notification.Of("1.3.6.1.6.3.1.1.5.4", new VarBind(MarkerOid, SnmpValue.OctetString(marker)));

    [Fact]
    public async Task A_3des_trap_is_decrypted_and_delivered()
    {
        using var originator = await OriginatorAsync();

        await originator.SendTrapAsync(Marked("3des-trap"), TrapUser);

        var trap = ExpectMsg<TrapReceived>(TimeSpan.FromSeconds(30));
        Assert.Equal(SnmpValue.OctetString("3des-trap"), trap.Notification.ValueOf(MarkerOid));
    }

    [Fact]
    public async Task A_3des_inform_is_delivered_and_answered_after_discovery_and_time_sync()
    {
        using var originator = await OriginatorAsync();

        var outcome = await originator.SendInformAsync(Marked("3des-inform"), InformUser);

        Assert.Equal(InformOutcomeKind.Response, outcome.Kind);
        Assert.True(originator.ReceiverTimeSynchronised);
        Assert.Contains(outcome.VarBinds, vb => vb.Oid == MarkerOid);
        var inform = ExpectMsg<InformReceived>(TimeSpan.FromSeconds(30));
        Assert.Equal(SnmpValue.OctetString("3des-inform"), inform.Notification.ValueOf(MarkerOid));
    }

    [Theory]
    [InlineData(OriginatorFaults.StaleEngineTime)]
    [InlineData(OriginatorFaults.WrongDigest)]
    [InlineData(OriginatorFaults.UnknownUser)]
    public async Task A_bad_trap_after_a_good_one_is_dropped(OriginatorFaults fault)
    {
        using var originator = await OriginatorAsync();
        await originator.SendTrapAsync(Marked("first"), TrapUser);
        Assert.Equal(SnmpValue.OctetString("first"), ExpectMsg<TrapReceived>(TimeSpan.FromSeconds(30)).Notification.ValueOf(MarkerOid));

        await originator.SendTrapAsync(Marked("bad"), TrapUser, fault);
        await originator.SendTrapAsync(Marked("after"), TrapUser);

        Assert.Equal(SnmpValue.OctetString("after"), ExpectMsg<TrapReceived>(TimeSpan.FromSeconds(30)).Notification.ValueOf(MarkerOid));
    }
}
