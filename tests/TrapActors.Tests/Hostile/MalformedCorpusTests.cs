using System.Text;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Hostile;

/// <summary>
/// A corpus of hand-built malformed datagrams, one error class each, sent to a running receiver: each is counted
/// under its drop reason (and, when the decoder refused it, reported with the decoder's error), nothing is
/// delivered, and a valid trap sent right after it from the same source is still delivered.
/// </summary>
public class MalformedCorpusTests : ReceiverSpec
{
    /// <param name="Decoder">The decoder's error for it; null when it decodes and a later stage drops it.</param>
    public sealed record Case(Func<byte[]> Build, DropReason Reason, SnmpDecodeError? Decoder);

    private const string V2Trap = "1.3.6.1.4.1.8072.9999.0.1";

    public static readonly Dictionary<string, Case> Corpus = new()
    {
        ["empty datagram"] = new(() => [], DropReason.Malformed, SnmpDecodeError.Truncated),
        ["a lone tag byte"] = new(() => [0x30], DropReason.Malformed, SnmpDecodeError.Truncated),
        ["two zero bytes"] = new(() => [0x00, 0x00], DropReason.Malformed, SnmpDecodeError.InvalidTag),
        ["text instead of BER"] = new(() => Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n\r\n"), DropReason.Malformed, SnmpDecodeError.Truncated),
        ["outer SET instead of SEQUENCE"] = new(() => WithByte(Valid(), 0, 0x31), DropReason.Malformed, SnmpDecodeError.InvalidTag),
        ["outer high-tag-number identifier"] = new(() => [0x3f, 0x81, 0x00, 0x03, 0x02, 0x01, 0x01], DropReason.Malformed, SnmpDecodeError.InvalidTag),
        ["absurd length 0x84 ffffffff"] = new(() => [0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01, 0x01], DropReason.Malformed, SnmpDecodeError.Truncated),
        ["length of five length bytes"] = new(() => [0x30, 0x85, 0x00, 0x00, 0x00, 0x00, 0x03, 0x02, 0x01, 0x01], DropReason.Malformed, SnmpDecodeError.InvalidLength),
        ["indefinite length"] = new(() => [0x30, 0x80, .. Valid()[2..], 0x00, 0x00], DropReason.Malformed, SnmpDecodeError.InvalidLength),
        ["outer length beyond the datagram"] = new(() => Valid()[..^3], DropReason.Malformed, SnmpDecodeError.Truncated),
        ["inner length runs past its varbind"] = new(() => Seq(Tlv(0x02, 0x01), Community(), V2Pdu(firstVarBind:
            [0x30, 0x0d, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x03, 0x00, 0x43, 0x02, 0x2a])), DropReason.Malformed, SnmpDecodeError.LengthMismatch),
        ["trailing bytes after the message"] = new(() => [.. Valid(), 0x00, 0x00], DropReason.Malformed, SnmpDecodeError.TrailingData),
        ["two messages in one datagram"] = new(() => [.. Valid(), .. Valid()], DropReason.Malformed, SnmpDecodeError.TrailingData),
        ["version INTEGER of five bytes"] = new(() => Seq(Tlv(0x02, 0x00, 0x00, 0x00, 0x00, 0x01), Community(), V2Pdu()), DropReason.Malformed, SnmpDecodeError.IntegerOverflow),
        ["empty version INTEGER"] = new(() => Seq(Tlv(0x02), Community(), V2Pdu()), DropReason.Malformed, SnmpDecodeError.InvalidValue),
        ["version 2 (SNMPv2u)"] = new(() => WithByte(Valid(), 4, 0x02), DropReason.UnsupportedVersion, SnmpDecodeError.UnsupportedVersion),
        ["community as an INTEGER"] = new(() => Seq(Tlv(0x02, 0x01), Tlv(0x02, 0x05), V2Pdu()), DropReason.Malformed, SnmpDecodeError.InvalidTag),
        ["zero-length community"] = new(() => Packets.V2Trap(V2Trap, requestId: 1, community: ""), DropReason.UnknownCommunity, null),
        ["PDU tag 0xa9 (unknown)"] = new(() => WithByte(Valid(), 13, 0xa9), DropReason.UnsupportedPdu, SnmpDecodeError.UnsupportedPduType),
        ["v1 Trap-PDU in a v2c message"] = new(() => WithByte(Packets.V1Trap(), 4, 0x01), DropReason.UnsupportedPdu, SnmpDecodeError.UnsupportedPduType),
        ["InformRequest in a v1 message"] = new(() => WithByte(Packets.Inform(requestId: 1), 4, 0x00), DropReason.UnsupportedPdu, SnmpDecodeError.UnsupportedPduType),
        ["GetRequest (no notification)"] = new(() => Packets.GetRequest(), DropReason.UnsupportedPdu, null),
        ["OID with 0x80 padding"] = new(() => WithValue(Tlv(0x06, 0x2b, 0x06, 0x80, 0x01)), DropReason.Malformed, SnmpDecodeError.InvalidOid),
        ["OID ending inside a sub-identifier"] = new(() => WithValue(Tlv(0x06, 0x2b, 0x06, 0x81)), DropReason.Malformed, SnmpDecodeError.InvalidOid),
        ["OID sub-identifier 2^32"] = new(() => WithValue(Tlv(0x06, 0x2b, 0x90, 0x80, 0x80, 0x80, 0x00)), DropReason.Malformed, SnmpDecodeError.InvalidOid),
        ["OID of 129 arcs"] = new(() => WithValue(Tlv(0x06, [0x2b, .. Enumerable.Repeat((byte)0x01, 128)])), DropReason.Malformed, SnmpDecodeError.InvalidOid),
        ["empty OID"] = new(() => WithValue(Tlv(0x06)), DropReason.Malformed, SnmpDecodeError.InvalidOid),
        ["Integer32 of five bytes"] = new(() => WithValue(Tlv(0x02, 0x01, 0x00, 0x00, 0x00, 0x00)), DropReason.Malformed, SnmpDecodeError.IntegerOverflow),
        ["Counter64 of ten bytes"] = new(() => WithValue(Tlv(0x46, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0)), DropReason.Malformed, SnmpDecodeError.IntegerOverflow),
        ["NULL with content"] = new(() => WithValue(Tlv(0x05, 0x00)), DropReason.Malformed, SnmpDecodeError.InvalidValue),
        ["IpAddress of five bytes"] = new(() => WithValue(Tlv(0x40, 192, 0, 2, 1, 1)), DropReason.Malformed, SnmpDecodeError.InvalidValue),
        ["unknown value tag 0x48"] = new(() => WithValue(Tlv(0x48, 0x01)), DropReason.Malformed, SnmpDecodeError.InvalidTag),
        ["SEQUENCE as a value"] = new(() => WithValue(Tlv(0x30)), DropReason.Malformed, SnmpDecodeError.InvalidTag),
        ["high-tag-number value too large"] = new(() => WithValue([0x5f, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00]), DropReason.Malformed, SnmpDecodeError.InvalidTag),
        ["1025 varbinds (codec.max-var-binds is 1024)"] = new(() => Packets.V2Trap(V2Trap, requestId: 1, extra: [.. Enumerable.Range(0, 1023).Select(i => Packets.Int(i))]), DropReason.Malformed, SnmpDecodeError.TooManyVarBinds),
        ["deep nesting, 1000 levels"] = new(() => Nested(1000), DropReason.Malformed, SnmpDecodeError.InvalidTag),
        ["65507 bytes of garbage in a SEQUENCE"] = new(() => [0x30, 0x82, 0xff, 0xdf, .. new byte[65503]], DropReason.Malformed, SnmpDecodeError.InvalidTag),
        ["v3 msgSecurityModel 99"] = new(() => V3(securityModel: 99), DropReason.UnsupportedSecurity, SnmpDecodeError.UnsupportedSecurityModel),
        ["v3 transport security model without DTLS"] = new(() => V3(securityModel: SecurityModels.Tsm), DropReason.UnsupportedSecurity, null),
        ["v3 truncated USM security parameters"] = new(() => V3(rawSecurityParameters: Convert.FromHexString("301a04088000000001020304020101")), DropReason.Malformed, SnmpDecodeError.MalformedSecurityParameters),
        ["v3 empty USM security parameters"] = new(() => V3(rawSecurityParameters: []), DropReason.Malformed, SnmpDecodeError.MalformedSecurityParameters),
        ["v3 USM user name as an INTEGER"] = new(() => V3(rawSecurityParameters: Convert.FromHexString("30170408800000000102030402010102010502010004000400")), DropReason.Malformed, SnmpDecodeError.MalformedSecurityParameters),
        ["v3 msgFlags of two bytes"] = new(() => Convert.FromHexString(
            "3054020103300f020107020300ffe304020000020103041c301a0408800000000102030402010102010504047573657204000400302004000400a71a020101020100020100300f300d06082b06010201010300430100"),
            DropReason.Malformed, SnmpDecodeError.InvalidValue),
        ["v3 privacy without authentication"] = new(() => V3(flags: V3MessageFlags.Priv | V3MessageFlags.Reportable), DropReason.Malformed, null),
    };

    public static TheoryData<string> Names => new(Corpus.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_malformed_datagram_is_dropped_under_its_reason_and_the_next_trap_is_delivered(string name)
    {
        var (build, reason, decoderError) = Corpus[name];
        var packet = build();
        Assert.True(packet.Length <= 65507, $"{packet.Length} bytes do not fit in one UDP datagram");
        var decoded = SnmpMessageDecoder.TryDecodeFrame(packet, DecodeLimits.Default, out _, out _, out var error);
        Assert.Equal(decoderError ?? SnmpDecodeError.None, error.Code); // the packet is the case it claims to be
        Assert.Equal(decoderError is null, decoded);

        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var bad = CreateTestProbe();
        Sys.EventStream.Subscribe(bad.Ref, typeof(BadPacketReceived));
        var client = NewClient();

        await SendAsync(client, packet, target);

        var report = await bad.ExpectMsgAsync<BadPacketReceived>();
        Assert.Equal(reason, report.Reason);
        Assert.Equal(packet.Length, report.Packet.Length);
        if (decoderError is { } code)
            Assert.Contains(code.ToString(), report.Description);
        var stats = await AwaitStatsAsync(s => s.Dropped[reason] == 1, $"counted as {reason}");
        Assert.Equal(1, stats.Received);
        Assert.Equal(1, stats.TotalDropped);
        Assert.Equal(0, stats.Delivered);

        await SendAsync(client, Packets.V2Trap(V2Trap, requestId: 42), target);

        // Same source, so the same session handles both in order: had the bad one been delivered, it would come first.
        await this.TrapWithIdAsync(42);
        stats = await AwaitStatsAsync(s => s.Delivered == 1, "the valid trap delivered");
        Assert.Equal(1, stats.TotalDropped);
        Assert.Equal(2, stats.Received);
    }

    [Fact]
    public async Task A_valid_trap_of_65507_bytes_is_delivered_whole()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var text = "";
        var big = Packets.V2Trap(V2Trap, requestId: 9, extra: Packets.Text(text));
        for (var i = 0; i < 3 && big.Length != 65507; i++) // the length fields grow with the text: converge in a few steps
        {
            text = new string('x', text.Length + 65507 - big.Length);
            big = Packets.V2Trap(V2Trap, requestId: 9, extra: Packets.Text(text));
        }
        Assert.Equal(65507, big.Length);

        await SendAsync(NewClient(), big, target);

        var n = await this.TrapWithIdAsync(9);
        Assert.Equal(text, n.ValueOf(Packets.ValueOid)!.Value.Text());
    }

    private static byte[] Valid() => Packets.V2Trap(V2Trap, requestId: 1);

    private static byte[] WithByte(byte[] packet, int at, byte value)
    {
        packet[at] = value;
        return packet;
    }

    private static byte[] Tlv(byte tag, params byte[] content)
    {
        if (content.Length < 0x80)
            return [tag, (byte)content.Length, .. content];
        return content.Length < 0x100
            ? [tag, 0x81, (byte)content.Length, .. content]
            : [tag, 0x82, (byte)(content.Length >> 8), (byte)content.Length, .. content];
    }

    private static byte[] Seq(params byte[][] parts) => Tlv(0x30, [.. parts.SelectMany(p => p)]);

    private static byte[] Community() => Tlv(0x04, "public"u8.ToArray());

    /// <summary>
    /// An SNMPv2-Trap PDU: sysUpTime.0 (or <paramref name="firstVarBind"/>), snmpTrapOID.0 and, when given, a third
    /// varbind whose value TLV is <paramref name="value"/>.
    /// </summary>
    private static byte[] V2Pdu(byte[]? value = null, byte[]? firstVarBind = null)
    {
        var sysUpTime = firstVarBind ?? [0x30, 0x0d, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x03, 0x00, 0x43, 0x01, 0x2a];
        byte[] trapOid = Seq(Tlv(0x06, 0x2b, 0x06, 0x01, 0x06, 0x03, 0x01, 0x01, 0x04, 0x01, 0x00), Tlv(0x06, 0x2b, 0x06, 0x01, 0x06, 0x03, 0x01, 0x01, 0x05, 0x03));
        byte[][] varBinds = value is null ? [sysUpTime, trapOid] : [sysUpTime, trapOid, Seq(Tlv(0x06, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x01), value)];
        return Tlv(0xa7, [.. Tlv(0x02, 0x01), .. Tlv(0x02, 0x00), .. Tlv(0x02, 0x00), .. Seq(varBinds)]);
    }

    private static byte[] WithValue(byte[] valueTlv) => Seq(Tlv(0x02, 0x01), Community(), V2Pdu(valueTlv));

    private static byte[] Nested(int levels)
    {
        byte[] inner = [];
        for (var i = 0; i < levels; i++)
            inner = Tlv(0x30, inner);
        return inner;
    }

    private static byte[] V3(int securityModel = SecurityModels.Usm, byte[]? rawSecurityParameters = null, V3MessageFlags flags = V3MessageFlags.Reportable)
    {
        var pdu = Packets.V2Message(PduType.TrapV2, V2Trap, 5).Pdu;
        var scoped = new ScopedPdu(Convert.FromHexString("8000000001020304"), ReadOnlyMemory<byte>.Empty, pdu);
        UsmSecurityParameters? usm = securityModel == SecurityModels.Usm && rawSecurityParameters is null
            ? new UsmSecurityParameters(Convert.FromHexString("8000000001020304"), 1, 5, "user"u8.ToArray(), ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty)
            : null;
        var message = new V3Message(7, 65507, flags, securityModel, rawSecurityParameters ?? [], usm, scoped, ReadOnlyMemory<byte>.Empty);
        return SnmpMessageEncoder.Encode(message, out _);
    }
}

/// <summary>codec.max-nesting-depth: the default (16) is deeper than any structure the decoder enters, so a low limit shows the class.</summary>
public class NestingLimitCorpusTests() : ReceiverSpec("trap-actors.codec.max-nesting-depth = 3")
{
    [Fact]
    public async Task A_trap_nested_deeper_than_the_limit_is_Malformed_NestingTooDeep()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);
        var bad = CreateTestProbe();
        Sys.EventStream.Subscribe(bad.Ref, typeof(BadPacketReceived));
        var client = NewClient();

        await SendAsync(client, Packets.V2Trap(requestId: 1), target); // message, PDU, varbind list, varbind: four levels

        var report = await bad.ExpectMsgAsync<BadPacketReceived>();
        Assert.Equal(DropReason.Malformed, report.Reason);
        Assert.Contains(nameof(SnmpDecodeError.NestingTooDeep), report.Description);
        var stats = await AwaitStatsAsync(s => s.Dropped[DropReason.Malformed] == 1, "counted");
        Assert.Equal(0, stats.Delivered);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}
