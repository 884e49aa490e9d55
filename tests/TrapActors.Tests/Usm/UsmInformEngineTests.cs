using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>Informs name this receiver as the authoritative engine (RFC 3414 §3.2 step 7a).</summary>
public sealed class UsmInformEngineTests() : UsmSpec("", new TrapReceiverSetup { Users = [User.ToUsmUser(), Lena.ToUsmUser(), Homebody.ToUsmUser(UsmTestData.LocalEngine)] })
{
    private static readonly V3User User = new("kate", "SHA", "kate-auth-1", "AES", "kate-priv-1");
    private static readonly V3User Lena = new("lena", "SHA", "lena-auth-1");
    private static readonly V3User Homebody = new("homebody", "SHA-224", "homebody-auth-1", "AES-192-C", "homebody-priv-1");

    [Theory]
    [InlineData("1,100000")]
    [InlineData("2,0")]
    public async Task A_stale_clock_gets_an_authenticated_notInTimeWindow_Report_and_net_snmp_resynchronizes(string bootsTime)
    {
        var subscriber = await SubscriberAsync();

        var result = await SendInformAsync(User, "stale", "1", "2", "1.3.6.1.4.1.8072.9999.0.8",
            "-e", "0x" + UsmTestData.LocalEngineHex, "-Z", bootsTime);

        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        var inform = await subscriber.ExpectMsgAsync<InformReceived>(TimeSpan.FromSeconds(5));
        Assert.Equal("stale", ValueText(inform.Notification));
        var stats = await StatsAsync();
        Assert.Equal(UsmStats.Empty with { NotInTimeWindows = 1 }, Rejections(stats));
        Assert.Equal(1, stats.Usm.ReportsSent);
        Assert.Equal(1, stats.InformsAnswered);
    }

    [Fact]
    public async Task A_user_bound_to_our_engine_sends_informs_but_no_traps_from_its_own_engine()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        var result = await SendInformAsync(Homebody, "inform to us");
        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        Assert.Equal("homebody", (await subscriber.ExpectMsgAsync<InformReceived>(TimeSpan.FromSeconds(5))).Notification.Origin.User);

        await SendTrapAsync(Homebody, "0x80000000010203040a0b", "trap from elsewhere");
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadUserName, DropReason.UnknownUser);
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task An_inform_to_another_engine_is_refused_as_unknown_engine()
    {
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        var result = await SendInformAsync(User, "elsewhere", "0", "1", "1.3.6.1.4.1.8072.9999.0.8", "-e", "0x80000000010203040999");

        Assert.True(result.ExitCode != 0, $"snmpinform should have failed: {result}");
        await ExpectBadPacketAsync(TrapReceiverErrorCodes.BadEngineId, DropReason.UnknownEngine);
        var stats = await AwaitDroppedAsync(DropReason.UnknownEngine, 1);
        AssertOnlyDropped(stats, (DropReason.UnknownEngine, 1));
        Assert.Equal(0, stats.InformsAnswered);
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        // DropReason.UnknownEngine is documented as usmStatsUnknownEngineIDs: the counters must agree.
        Assert.Equal(UsmStats.Empty with { UnknownEngineIds = 1 }, Rejections(stats));
    }

    [Fact]
    public async Task An_inform_to_another_engine_gets_an_unknownEngineIDs_Report()
    {
        var endpoint = await ReceiverEndPointAsync();
        var subscriber = await SubscriberAsync();
        var client = NewClient();

        // Control: the same signing makes a valid trap from a (sender-authoritative) remote engine.
        await SendAsync(client, SignedByLena(UsmTestData.Engine("80000000010203040997"), 76, V3MessageFlags.Auth, PduType.TrapV2), endpoint);
        Assert.Equal("lena", (await subscriber.ExpectMsgAsync<TrapReceived>(TimeSpan.FromSeconds(5))).Notification.Origin.User);

        // A correctly signed authNoPriv inform (reportable, as every inform is) naming another authoritative engine.
        await SendAsync(client, SignedByLena(UsmTestData.Engine("80000000010203040998"), 77, V3MessageFlags.Auth | V3MessageFlags.Reportable,
            PduType.InformRequest), endpoint);

        // RFC 3414 §3.2 step 3: an unknown msgAuthoritativeEngineID on a message this engine must be authoritative
        // for is usmStatsUnknownEngineIDs, reported to a reportable sender (usm.report-errors = on).
        var reply = await TryReceiveAsync(client, TimeSpan.FromSeconds(1));
        Assert.True(reply is not null, "no Report for an inform sent to another engine ID");
        var report = UsmTestData.DecodeV3(reply);
        Assert.Equal(PduType.Report, report.ScopedPdu!.Pdu.Type);
        Assert.Equal(UsmTestData.UsmStatsUnknownEngineIds, Assert.Single(report.ScopedPdu.Pdu.VarBinds).Oid);
        Assert.Equal(UsmTestData.LocalEngineHex, Convert.ToHexStringLower(report.Usm!.EngineId.Span));
    }

    private static byte[] SignedByLena(System.Collections.Immutable.ImmutableArray<byte> engine, int id, V3MessageFlags flags, PduType type)
    {
        var datagram = UsmTestData.V3Packet("lena", engine, id, flags, type);
        var key = UsmKeys.Localize(AuthProtocol.HmacSha1, UsmKeys.PasswordToKey(AuthProtocol.HmacSha1, Lena.AuthPassword!), engine.AsSpan());
        Assert.True(SnmpMessageDecoder.TryDecode(datagram, DecodeLimits.Default, out var decoded, out _));
        UsmAuthentication.Sign(AuthProtocol.HmacSha1, key, datagram, ((V3Message)decoded).AuthParametersOffset);
        return datagram;
    }
}

/// <summary>inform.acknowledge = by-subscriber with SNMPv3: the subscriber's Response is encrypted and authenticated like an immediate one.</summary>
public sealed class UsmInformBySubscriberTests() : UsmSpec("trap-actors.inform { acknowledge = by-subscriber, decision-timeout = 10s, on-timeout = suppress }",
    new TrapReceiverSetup { Users = [User.ToUsmUser()] })
{
    private static readonly V3User User = new("max", "SHA-256", "max-auth-1", "AES-256-C", "max-priv-1");

    [Fact]
    public async Task Snmpinform_succeeds_once_the_subscriber_responds()
    {
        var subscriber = await SubscriberAsync();

        var run = SendInformAsync(User, "decide", "0", "5");
        var inform = await subscriber.ExpectMsgAsync<InformReceived>(TimeSpan.FromSeconds(5));
        Assert.True(inform.Acknowledgement.IsPending);
        Assert.False(run.IsCompleted);
        inform.Respond();

        var result = await run;
        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        Assert.Equal(1, (await StatsAsync()).InformsAnswered);
    }

    [Fact]
    public async Task Snmpinform_fails_when_the_subscriber_suppresses_the_Response()
    {
        var subscriber = await SubscriberAsync();

        var run = SendInformAsync(User, "suppress", "0", "1");
        var inform = await subscriber.ExpectMsgAsync<InformReceived>(TimeSpan.FromSeconds(5));
        inform.Suppress();

        var result = await run;
        Assert.True(result.ExitCode != 0, $"snmpinform should have timed out: {result}");
        Assert.Equal(0, (await StatsAsync()).InformsAnswered);
    }
}
