using System.Net;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Decoding;

/// <summary>Datagrams that are not SNMP notifications are counted, reported with the reference's code, and harm nothing.</summary>
public class MalformedDatagramTests : ReceiverSpec
{
    private static byte[] Truncated() => Packets.V2Trap(requestId: 1)[..^5];

    private static byte[] WithTrailingByte() => [.. Packets.V2Trap(requestId: 1), 0x00];

    private static byte[] WrongOuterTag()
    {
        var packet = Packets.V2Trap(requestId: 1);
        packet[0] = 0x31; // SET instead of SEQUENCE
        return packet;
    }

    private static readonly string[] Names = ["garbage", "truncated", "trailing", "outer-tag", "huge-length", "empty", "integer-community", "lone-sequence"];

    public static TheoryData<string> Malformed => new(Names);

    private static byte[] Build(string name) => name switch
    {
        "garbage" => [0xDE, 0xAD, 0xBE, 0xEF],
        "truncated" => Truncated(),
        "trailing" => WithTrailingByte(),
        "outer-tag" => WrongOuterTag(),
        "huge-length" => [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x02, 0x01, 0x01],
        "empty" => [],
        "integer-community" => [0x30, 0x0B, 0x02, 0x01, 0x01, 0x02, 0x01, 0x05, 0xA7, 0x03, 0x02, 0x01, 0x01],
        "lone-sequence" => [0x30, 0x00],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_datagram_is_counted_reported_and_the_receiver_keeps_delivering(string name)
    {
        var packet = Build(name);
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var bad = CreateTestProbe();
        Sys.EventStream.Subscribe(bad.Ref, typeof(BadPacketReceived));
        var client = NewClient();

        await SendAsync(client, packet, target);

        var report = await bad.ExpectMsgAsync<BadPacketReceived>();
        Assert.Equal(TrapReceiverErrorCodes.DefectivePacket, report.ErrorCode);
        Assert.Equal(317, report.ErrorCode);
        Assert.Equal(DropReason.Malformed, report.Reason);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, PortOf(client)), report.Source);
        Assert.Equal(packet, report.Packet.ToArray());
        var stats = await AwaitStatsAsync(s => s.Dropped[DropReason.Malformed] == 1, "counted as malformed");
        Assert.Equal(0, stats.Decoded);

        await SendAsync(client, Packets.V2Trap(requestId: 42), target);
        await this.TrapWithIdAsync(42);
    }

    [Fact]
    public async Task A_burst_of_malformed_datagrams_from_many_sources_does_not_stop_delivery()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var names = Names;
        foreach (var name in names)
            await SendAsync(NewClient(), Build(name), target);
        var good = NewClient();

        await SendAsync(good, Packets.V2Trap(requestId: 7), target);

        await this.TrapWithIdAsync(7);
        var stats = await AwaitStatsAsync(s => s.Dropped[DropReason.Malformed] == names.Length, "all counted");
        Assert.Equal(1, stats.Delivered);
    }

    [Fact]
    public async Task A_GetRequest_is_UnsupportedPdu_306()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var bad = CreateTestProbe();
        Sys.EventStream.Subscribe(bad.Ref, typeof(BadPacketReceived));
        var client = NewClient();

        await SendAsync(client, Packets.GetRequest(), target);

        var report = await bad.ExpectMsgAsync<BadPacketReceived>();
        Assert.Equal(TrapReceiverErrorCodes.UnknownPduType, report.ErrorCode);
        Assert.Equal(306, report.ErrorCode);
        Assert.Equal(DropReason.UnsupportedPdu, report.Reason);
        var stats = await AwaitStatsAsync(s => s.Dropped[DropReason.UnsupportedPdu] == 1, "counted");
        Assert.Equal(1, stats.Decoded);
        Assert.Null(await TryReceiveAsync(client, TimeSpan.FromMilliseconds(200))); // a Get is not answered
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }

    [Theory]
    [InlineData(PduType.Response)]
    [InlineData(PduType.SetRequest)]
    [InlineData(PduType.GetBulkRequest)]
    [InlineData(PduType.Report)]
    public async Task Other_non_notification_pdus_are_UnsupportedPdu(PduType type)
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);

        await SendAsync(NewClient(), SnmpMessageEncoder.Encode(Packets.V2Message(type, "1.3.6.1.4.1.1", 5)), target);

        await AwaitStatsAsync(s => s.Dropped[DropReason.UnsupportedPdu] == 1, "counted");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_v2_pdu_in_a_v1_message_is_UnsupportedPdu()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var message = Packets.V2Message(PduType.TrapV2, "1.3.6.1.4.1.1", 5) with { Version = SnmpVersion.V1 };
        var bad = CreateTestProbe();
        Sys.EventStream.Subscribe(bad.Ref, typeof(BadPacketReceived));

        await SendAsync(NewClient(), SnmpMessageEncoder.Encode(message), target);

        Assert.Equal(306, (await bad.ExpectMsgAsync<BadPacketReceived>()).ErrorCode);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task An_unknown_msgVersion_is_UnsupportedVersion_305()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var bad = CreateTestProbe();
        Sys.EventStream.Subscribe(bad.Ref, typeof(BadPacketReceived));
        var packet = Packets.V2Trap(requestId: 1);
        Assert.Equal(new byte[] { 0x02, 0x01, 0x01 }, packet[2..5]); // version INTEGER 1 right after the outer header
        packet[4] = 2; // SNMPv2u/v2* : not supported

        await SendAsync(NewClient(), packet, target);

        var report = await bad.ExpectMsgAsync<BadPacketReceived>();
        Assert.Equal(305, report.ErrorCode);
        Assert.Equal(DropReason.UnsupportedVersion, report.Reason);
        await AwaitStatsAsync(s => s.Dropped[DropReason.UnsupportedVersion] == 1, "counted");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task An_snmpv3_message_of_the_transport_security_model_is_UnsupportedSecurity_316()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var bad = CreateTestProbe();
        Sys.EventStream.Subscribe(bad.Ref, typeof(BadPacketReceived));
        var pdu = Packets.V2Message(PduType.TrapV2, "1.3.6.1.4.1.1", 5).Pdu;
        var tsm = new V3Message(1, 65507, V3MessageFlags.None, SecurityModels.Tsm, ReadOnlyMemory<byte>.Empty, null,
            new ScopedPdu(ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, pdu), ReadOnlyMemory<byte>.Empty);

        await SendAsync(NewClient(), SnmpMessageEncoder.Encode(tsm, out _), target);

        var report = await bad.ExpectMsgAsync<BadPacketReceived>();
        Assert.Equal(316, report.ErrorCode);
        Assert.Equal(DropReason.UnsupportedSecurity, report.Reason);
        await AwaitStatsAsync(s => s.Dropped[DropReason.UnsupportedSecurity] == 1, "counted");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}

/// <summary>listener.max-packet-size: longer datagrams are dropped as TooLarge (118).</summary>
public class TooLargeDatagramTests() : ReceiverSpec("trap-actors.listener.max-packet-size = 200")
{
    [Fact]
    public async Task A_datagram_longer_than_max_packet_size_is_TooLarge_118()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var bad = CreateTestProbe();
        Sys.EventStream.Subscribe(bad.Ref, typeof(BadPacketReceived));
        var client = NewClient();
        var big = Packets.V2Trap(requestId: 1, extra: Packets.Text(new string('x', 300)));
        var small = Packets.V2Trap(requestId: 2);
        Assert.True(big.Length > 200 && small.Length <= 200);

        await SendAsync(client, big, target);
        await SendAsync(client, small, target);

        var report = await bad.ExpectMsgAsync<BadPacketReceived>();
        Assert.Equal(118, report.ErrorCode);
        Assert.Equal(DropReason.TooLarge, report.Reason);
        Assert.Equal(big.Length, report.Packet.Length);
        await this.TrapWithIdAsync(2);
        var stats = await AwaitStatsAsync(s => s.Dropped[DropReason.TooLarge] == 1, "counted");
        Assert.Equal(1, stats.Delivered);
    }
}

/// <summary>codec.max-var-binds: more varbinds than allowed is a malformed datagram.</summary>
public class CodecLimitTests() : ReceiverSpec("trap-actors.codec.max-var-binds = 4")
{
    [Fact]
    public async Task Too_many_varbinds_are_rejected()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var client = NewClient();
        var extra = Enumerable.Range(0, 3).Select(i => Packets.Int(i, $"1.3.6.1.4.1.5.{i}")).ToArray();

        await SendAsync(client, Packets.V2Trap(requestId: 1, extra: extra), target); // 5 varbinds
        await SendAsync(client, Packets.V2Trap(requestId: 2, extra: extra[..2]), target); // 4 varbinds

        await this.TrapWithIdAsync(2);
        await AwaitStatsAsync(s => s.Dropped[DropReason.Malformed] == 1, "5 varbinds refused");
    }
}
