using TrapActors.Snmp.Messages;
using Xunit;

namespace TrapActors.Snmp.Tests;

/// <summary>
/// Hostile and broken datagrams: each must be rejected with the documented error code and the byte
/// offset of the offending TLV's tag (or, for Truncated, the offset where the input ran out), and
/// no input may make the decoder throw.
/// </summary>
public class MalformedInputTests
{
    // A valid v2c trap every table entry below is derived from (83 bytes):
    //   @0  30 51                 Message
    //   @2  02 01 01              version v2c
    //   @5  04 06 "public"        community
    //   @13 a7 44                 SNMPv2-Trap-PDU
    //   @15 02 01 01              request-id 1
    //   @18 02 01 00 / @21 02 01 00  error-status, error-index
    //   @24 30 39                 varbind list
    //   @26 30 0d ...             sysUpTime.0 = TimeTicks 0 (value TLV @38)
    //   @41 30 17 ...             snmpTrapOID.0 = linkDown
    //   @66 30 0f                 third varbind; name @68 (ifIndex.3), value @80 (02 01 03)
    private const string Valid =
        "305102010104067075626c6963a7440201010201000201003039300d06082b060102010103004301003017060a2b06010603010104010006092b0601060301010503300f060a2b060102010202010103020103";

    // The same shape with a third varbind of 4 values (OID @68 and value @80 unchanged).
    private const string Prefix3 = "0201010201000201003017060a2b06010603010104010006092b0601060301010503";

    // A valid v3 noAuthNoPriv message (85 bytes): header @5 (msgID @7, maxSize @10, flags @15,
    // securityModel @18), msgSecurityParameters @21 (its USM SEQUENCE @23), scopedPDU @53.
    private const string V3Valid =
        "3053020103300e020107020300ffe3040100020103041c301a0408800000000102030402010102010504047573657204000400302004000400a71a020101020100020100300f300d06082b06010201010300430100";

    public static TheoryData<string, string, SnmpDecodeError, int> Cases => new()
    {
        { "empty input", "", SnmpDecodeError.Truncated, 0 },
        { "only a tag byte", "30", SnmpDecodeError.Truncated, 1 },
        { "wrong outer tag (SET)", "31" + Valid[2..], SnmpDecodeError.InvalidTag, 0 },
        { "wrong outer tag (INTEGER)", "020101", SnmpDecodeError.InvalidTag, 0 },
        { "indefinite length", "3080" + Valid[4..] + "0000", SnmpDecodeError.InvalidLength, 0 },
        { "five length bytes", "30850000000051" + Valid[4..], SnmpDecodeError.InvalidLength, 0 },
        { "outer length beyond end", "3010020101", SnmpDecodeError.Truncated, 5 },
        {
            "inner INTEGER length beyond end of input",
            "305102010104067075626c6963a7440201010201000201003039300d06082b060102010103004301003017060a2b06010603010104010006092b0601060301010503300f060a2b060102010202010103020503",
            SnmpDecodeError.Truncated, 83
        },
        {
            "TimeTicks length runs past its varbind into the next",
            "305102010104067075626c6963a7440201010201000201003039300d06082b060102010103004302003017060a2b06010603010104010006092b0601060301010503300f060a2b060102010202010103020103",
            SnmpDecodeError.LengthMismatch, 38
        },
        {
            "varbind with a third element",
            "305302010104067075626c6963a746020101020100020100303b300d06082b060102010103004301003017060a2b06010603010104010006092b06010603010105033011060a2b0601020102020101030201030500",
            SnmpDecodeError.LengthMismatch, 83
        },
        { "trailing byte after the message", Valid + "00", SnmpDecodeError.TrailingData, 83 },
        { "trailing second message", Valid + Valid, SnmpDecodeError.TrailingData, 83 },
        { "version 2", "3051020102" + Valid[10..], SnmpDecodeError.UnsupportedVersion, 2 },
        { "version -1", "30510201ff" + Valid[10..], SnmpDecodeError.UnsupportedVersion, 2 },
        { "version as OCTET STRING", "3051040101" + Valid[10..], SnmpDecodeError.InvalidTag, 2 },
        { "community as INTEGER", Valid[..10] + "0206" + Valid[14..], SnmpDecodeError.InvalidTag, 5 },
        { "unknown PDU tag 0xAF", Valid[..26] + "af" + Valid[28..], SnmpDecodeError.UnsupportedPduType, 13 },
        { "SNMPv2-Trap-PDU in a v1 message", "3051020100" + Valid[10..], SnmpDecodeError.UnsupportedPduType, 13 },
        { "GetBulkRequest-PDU in a v1 message", "3051020100" + Valid[10..26] + "a5" + Valid[28..], SnmpDecodeError.UnsupportedPduType, 13 },
        {
            "v1 Trap-PDU in a v2c message",
            "302a02010104067075626c6963a41d06082b0601040103010140040a01020302010002010043030082e53000",
            SnmpDecodeError.UnsupportedPduType, 13
        },
        {
            "request-id INTEGER of 6 bytes",
            "305602010104067075626c6963a74902067fffffffffff0201000201003039300d06082b060102010103004301003017060a2b06010603010104010006092b0601060301010503300f060a2b060102010202010103020103",
            SnmpDecodeError.IntegerOverflow, 15
        },
        // Value-level errors in the third varbind's value at offset 80.
        { "Integer32 of 5 bytes (zero padded)", Vb3("02050000000001"), SnmpDecodeError.IntegerOverflow, 80 },
        // An empty INTEGER is read as 0 in a varbind value (LenientInputTests), never in the message's own fields.
        { "empty request-id", "305002010104067075626c6963a74302000201000201003039300d06082b060102010103004301003017060a2b06010603010104010006092b0601060301010503300f060a2b060102010202010103020103", SnmpDecodeError.InvalidValue, 15 },
        { "Counter32 of 5 bytes without leading zero", Vb3("41050100000000"), SnmpDecodeError.IntegerOverflow, 80 },
        { "Counter32 of 6 bytes", Vb3("4106000000000001"), SnmpDecodeError.IntegerOverflow, 80 },
        { "Gauge32 of 5 bytes without leading zero", Vb3("4205ff00000000"), SnmpDecodeError.IntegerOverflow, 80 },
        { "TimeTicks of 5 bytes without leading zero", Vb3("4305ff00000000"), SnmpDecodeError.IntegerOverflow, 80 },
        { "Counter64 of 9 bytes without leading zero", Vb3("4609010000000000000000"), SnmpDecodeError.IntegerOverflow, 80 },
        { "Counter64 of 10 bytes", Vb3("460a00010000000000000000"), SnmpDecodeError.IntegerOverflow, 80 },
        { "OID value whose last byte has the high bit", Vb3("06032b0681"), SnmpDecodeError.InvalidOid, 80 },
        { "OID value with sub-identifier 2^32", Vb3("06062b9080808000"), SnmpDecodeError.InvalidOid, 80 },
        { "empty OID value", Vb3("0600"), SnmpDecodeError.InvalidOid, 80 },
        { "OID value with 0x80 padding byte", Vb3("06042b068001"), SnmpDecodeError.InvalidOid, 80 },
        { "IpAddress of 3 bytes", Vb3("4003c00002"), SnmpDecodeError.InvalidValue, 80 },
        { "IpAddress of 5 bytes", Vb3("4005c000020101"), SnmpDecodeError.InvalidValue, 80 },
        { "NULL with content", Vb3("050100"), SnmpDecodeError.InvalidValue, 80 },
        { "multi-byte tag as value", Vb3("5f81000100"), SnmpDecodeError.InvalidTag, 80 },
        { "SEQUENCE as value", Vb3("3000"), SnmpDecodeError.InvalidTag, 80 },
        {
            "varbind name OID whose last byte has the high bit",
            "304a02010104067075626c6963a73d0201010201000201003032300d06082b060102010103004301003017060a2b06010603010104010006092b0601060301010503300806032b0681020103",
            SnmpDecodeError.InvalidOid, 68
        },
        {
            "v1 agent-addr of 3 bytes",
            "302902010004067075626c6963a41c06082b0601040103010140030a010202010002010043030082e53000",
            SnmpDecodeError.InvalidValue, 25
        },
        { "v3 security model 99", V3Valid[..36] + "020163" + V3Valid[42..], SnmpDecodeError.UnsupportedSecurityModel, 18 },
        // Every USM decoding failure is reported at the msgSecurityParameters OCTET STRING (offset 21),
        // not at the TLV inside it that broke (here the OCTET STRING at 23 where a SEQUENCE belongs).
        {
            "v3 USM parameters that are not a SEQUENCE",
            "3039020103300e020107020300ffe304010002010304020400302004000400a71a020101020100020100300f300d06082b06010201010300430100",
            SnmpDecodeError.MalformedSecurityParameters, 21
        },
        {
            "v3 msgFlags of 2 bytes",
            "3054020103300f020107020300ffe304020000020103041c301a0408800000000102030402010102010504047573657204000400302004000400a71a020101020100020100300f300d06082b06010201010300430100",
            SnmpDecodeError.InvalidValue, 15
        },
    };

    /// <summary>The valid message with the third varbind's value replaced (lengths fixed up, value still at offset 80).</summary>
    internal static string Vb3(string valueTlv)
    {
        var vb3Content = "060a2b060102010202010103" + valueTlv;
        var vb3 = "30" + Len(vb3Content) + vb3Content;
        var vbl = "300d06082b06010201010300430100" + "3017060a2b06010603010104010006092b0601060301010503" + vb3;
        var pduContent = "020101020100020100" + "30" + Len(vbl) + vbl;
        var content = "020101" + "04067075626c6963" + "a7" + Len(pduContent) + pduContent;
        var message = "30" + Len(content) + content;
        Assert.Equal(valueTlv, message.Substring(160, valueTlv.Length));
        return message;
    }

    private static string Len(string hexContent)
    {
        var n = hexContent.Length / 2;
        Assert.True(n < 0x80, "test helper only builds short-form lengths");
        return n.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_input_is_rejected_with_code_and_offset(string name, string hex, SnmpDecodeError code, int offset)
    {
        var ok = SnmpMessageDecoder.TryDecode(Convert.FromHexString(hex), DecodeLimits.Default, out var message, out var error);

        Assert.False(ok, $"{name}: decoded to {message}");
        Assert.Null(message);
        Assert.True(error.IsError, name);
        Assert.Equal((code, offset), (error.Code, error.Offset));
    }

    [Fact]
    public void The_table_base_messages_are_valid()
    {
        Assert.True(SnmpMessageDecoder.TryDecode(Convert.FromHexString(Valid), DecodeLimits.Default, out var v2, out var e2), e2.ToString());
        Assert.Equal(3, Assert.IsType<CommunityMessage>(v2).Pdu.VarBinds.Length);
        Assert.True(SnmpMessageDecoder.TryDecode(Convert.FromHexString(V3Valid), DecodeLimits.Default, out var v3, out var e3), e3.ToString());
        Assert.Equal("user", System.Text.Encoding.ASCII.GetString(Assert.IsType<V3Message>(v3).Usm!.UserName.Span));
        Assert.Equal(Valid, Vb3("020103"));
    }

    public static TheoryData<string, string> LenientInputs => new()
    {
        // net-snmp and Cisco send non-minimal long-form lengths; they are accepted.
        { "0x82 long form for a short outer length", "30820051" + Valid[4..] },
        { "0x84 long form for the outer length", "3084" + "00000051" + Valid[4..] },
        { "0x81 long form for a short community length", "3052020101048106" + Valid[14..] },
        { "0x82 0x00 long form inside a varbind", NonMinimalInnerLength },
        // An unsigned value with its leading zero byte is not an overflow.
        { "Counter32 with leading zero", Vb3("410500ffffffff") },
        { "Counter64 with leading zero", Vb3("460900ffffffffffffffff") },
    };

    [Theory]
    [MemberData(nameof(LenientInputs))]
    public void Lenient_inputs_decode(string name, string hex)
    {
        var ok = SnmpMessageDecoder.TryDecode(Convert.FromHexString(hex), DecodeLimits.Default, out var message, out var error);

        Assert.True(ok, $"{name}: {error}");
        var community = Assert.IsType<CommunityMessage>(message);
        Assert.Equal(3, community.Pdu.VarBinds.Length);
        Assert.Equal(WellKnownOids.SnmpTrapOid0, community.Pdu.VarBinds[1].Oid);
    }

    // The valid message with the third value written as "02 82 00 01 03": INTEGER 3 with a 3-byte length.
    private const string NonMinimalInnerLength =
        "305302010104067075626c6963a746020101020100020100303b300d06082b060102010103004301003017060a2b06010603010104010006092b06010603010105033011060a2b0601020102020101030282000103";

    [Fact]
    public void Non_minimal_length_inside_a_varbind_value_is_read_correctly()
    {
        Assert.True(SnmpMessageDecoder.TryDecode(Convert.FromHexString(NonMinimalInnerLength), DecodeLimits.Default, out var message, out var error), error.ToString());
        Assert.Equal(SnmpValue.Integer32(3), Assert.IsType<CommunityMessage>(message).Pdu.VarBinds[2].Value);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected_at_the_first_too_deep_value()
    {
        // Message (1) > PDU (2) > varbind list (3) > varbind (4): four levels.
        var bytes = Convert.FromHexString(Valid);

        Assert.True(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default with { MaxNestingDepth = 4 }, out _, out var okError), okError.ToString());
        var ok = SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default with { MaxNestingDepth = 3 }, out var message, out var error);

        Assert.False(ok);
        Assert.Null(message);
        Assert.Equal((SnmpDecodeError.NestingTooDeep, 26), (error.Code, error.Offset));
    }

    [Fact]
    public void Nesting_limit_of_one_rejects_the_pdu()
    {
        var ok = SnmpMessageDecoder.TryDecode(Convert.FromHexString(Valid), DecodeLimits.Default with { MaxNestingDepth = 1 }, out _, out var error);

        Assert.False(ok);
        Assert.Equal((SnmpDecodeError.NestingTooDeep, 13), (error.Code, error.Offset));
    }

    [Fact]
    public void More_varbinds_than_the_limit_are_rejected_at_the_first_excess_varbind()
    {
        // Valid message with a fourth varbind (ifIndex.3 = 4) at offset 83.
        var bytes = Convert.FromHexString(
            "306202010104067075626c6963a755020101020100020100304a300d06082b060102010103004301003017060a2b06010603010104010006092b0601060301010503300f060a2b060102010202010103020103300f060a2b060102010202010103020104");

        Assert.True(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default with { MaxVarBinds = 4 }, out _, out var okError), okError.ToString());
        var ok = SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default with { MaxVarBinds = 3 }, out var message, out var error);

        Assert.False(ok);
        Assert.Null(message);
        Assert.Equal((SnmpDecodeError.TooManyVarBinds, 83), (error.Code, error.Offset));
    }

    [Fact]
    public void More_varbinds_than_the_limit_in_a_captured_vector()
    {
        // v2c-all-types has 25 varbinds; the 25th starts at offset 1077.
        var bytes = Vectors.Load("v2c-all-types");

        Assert.True(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default with { MaxVarBinds = 25 }, out _, out var okError), okError.ToString());
        Assert.False(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default with { MaxVarBinds = 24 }, out _, out var error));

        Assert.Equal((SnmpDecodeError.TooManyVarBinds, 1077), (error.Code, error.Offset));
    }

    [Fact]
    public void Oid_with_more_arcs_than_the_limit_is_rejected()
    {
        // Third varbind name: 1.3 followed by 127 arcs of 1 = 129 arcs (limit 128), at offset 72.
        var oid = "068180" + "2b" + string.Concat(Enumerable.Repeat("01", 127));
        var vb3 = "308186" + oid + "020103";
        var vbl = "3081b1" + "300d06082b06010201010300430100" + "3017060a2b06010603010104010006092b0601060301010503" + vb3;
        var hex = "3081cb02010104067075626c6963a781bd020101020100020100" + vbl;
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(206, bytes.Length);

        Assert.True(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default with { MaxOidArcs = 129 }, out var message, out var okError), okError.ToString());
        Assert.Equal(129, Assert.IsType<CommunityMessage>(message).Pdu.VarBinds[2].Oid.Length);
        Assert.False(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default, out _, out var error));

        Assert.Equal((SnmpDecodeError.InvalidOid, 72), (error.Code, error.Offset));
    }

    [Fact]
    public void Datagram_longer_than_the_limit_is_rejected()
    {
        var bytes = Vectors.Load("v2c-linkdown");
        Assert.Equal(121, bytes.Length);

        Assert.True(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default with { MaxDatagramSize = 121 }, out _, out var okError), okError.ToString());
        var ok = SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default with { MaxDatagramSize = 120 }, out var message, out var error);

        Assert.False(ok);
        Assert.Null(message);
        // The offset is the first byte past the limit.
        Assert.Equal((SnmpDecodeError.DatagramTooLarge, 120), (error.Code, error.Offset));
    }

    [Fact]
    public void Datagram_longer_than_65535_is_rejected_with_default_limits()
    {
        // A well-formed message just over 65535 bytes: one OCTET STRING varbind value of 65,500 bytes.
        var bytes = BuildV2cWithStringOfLength(65_500);
        Assert.InRange(bytes.Length, 65_536, 65_600);
        var fits = BuildV2cWithStringOfLength(65_400);
        Assert.InRange(fits.Length, 65_000, 65_535);
        Assert.True(SnmpMessageDecoder.TryDecode(fits, DecodeLimits.Default, out _, out var fitsError), fitsError.ToString());

        Assert.False(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default, out _, out var error));

        Assert.Equal((SnmpDecodeError.DatagramTooLarge, 65_535), (error.Code, error.Offset));
    }

    private static byte[] BuildV2cWithStringOfLength(int n)
    {
        static byte[] Tlv(byte tag, byte[] content)
        {
            var len = content.Length;
            byte[] header = len < 0x80 ? [tag, (byte)len]
                : len < 0x100 ? [tag, 0x81, (byte)len]
                : len < 0x10000 ? [tag, 0x82, (byte)(len >> 8), (byte)len]
                : [tag, 0x83, (byte)(len >> 16), (byte)(len >> 8), (byte)len];
            return [.. header, .. content];
        }
        var vb = Tlv(0x30, [.. Convert.FromHexString("060a2b060102010202010103"), .. Tlv(0x04, new byte[n])]);
        var pdu = Tlv(0xa7, [.. Convert.FromHexString("020101020100020100"), .. Tlv(0x30, vb)]);
        return Tlv(0x30, [.. Convert.FromHexString("02010104067075626c6963"), .. pdu]);
    }

    public static TheoryData<string> AllVectors => new(Vectors.All);

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void Every_proper_prefix_of_a_vector_fails_as_truncated_and_never_throws(string name)
    {
        var bytes = Vectors.Load(name);
        for (var length = 0; length < bytes.Length; length++)
        {
            var ok = SnmpMessageDecoder.TryDecode(bytes.AsMemory(0, length), DecodeLimits.Default, out var message, out var error);

            Assert.False(ok, $"{name}[..{length}] decoded");
            Assert.Null(message);
            Assert.True(
                error.Code is SnmpDecodeError.Truncated or SnmpDecodeError.LengthMismatch,
                $"{name}[..{length}]: {error}");
            if (error.Code == SnmpDecodeError.Truncated)
                Assert.Equal(length, error.Offset);
            else
                Assert.InRange(error.Offset, 0, length - 1);
        }
    }

    [Fact]
    public void Random_input_never_throws()
    {
        var random = new Random(1234);
        var checkedStructured = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            // Half of the inputs look like a SEQUENCE of the right length so that the decoder goes deeper.
            if (i % 2 == 1 && bytes.Length >= 2 && bytes.Length - 2 < 0x80)
            {
                bytes[0] = 0x30;
                bytes[1] = (byte)(bytes.Length - 2);
                checkedStructured++;
            }
            AssertDecodeIsTotal(bytes, $"random #{i}");
        }
        Assert.True(checkedStructured > 1000);
    }

    [Fact]
    public void Random_single_byte_mutations_of_every_vector_never_throw()
    {
        var random = new Random(1234);
        foreach (var name in Vectors.All)
        {
            var original = Vectors.Load(name);
            for (var i = 0; i < 2_000; i++)
            {
                var bytes = (byte[])original.Clone();
                var position = random.Next(bytes.Length);
                bytes[position] = (byte)random.Next(256);
                AssertDecodeIsTotal(bytes, $"{name} with byte {position} = 0x{bytes[position]:x2}");
            }
        }
    }

    [Fact]
    public void Every_position_of_every_vector_set_to_boundary_bytes_never_throws()
    {
        byte[] specials = [0x00, 0x01, 0x7f, 0x80, 0x81, 0x84, 0x85, 0xff];
        foreach (var name in Vectors.All)
        {
            var original = Vectors.Load(name);
            for (var position = 0; position < original.Length; position++)
            {
                foreach (var value in specials)
                {
                    var bytes = (byte[])original.Clone();
                    bytes[position] = value;
                    AssertDecodeIsTotal(bytes, $"{name} with byte {position} = 0x{value:x2}");
                }
            }
        }
    }

    [Fact]
    public void Mutations_that_still_decode_reencode_to_an_equal_message()
    {
        var random = new Random(1234);
        var decoded = 0;
        foreach (var name in Vectors.All)
        {
            var original = Vectors.Load(name);
            for (var i = 0; i < 2_000; i++)
            {
                var bytes = (byte[])original.Clone();
                var position = random.Next(bytes.Length);
                bytes[position] = (byte)random.Next(256);
                if (!SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default, out var message, out _))
                    continue;
                decoded++;
                var context = $"{name} with byte {position} = 0x{bytes[position]:x2}";
                var encoded = message switch
                {
                    CommunityMessage c => SnmpMessageEncoder.Encode(c),
                    V3Message v3 => SnmpMessageEncoder.Encode(v3, out _),
                    _ => throw new InvalidOperationException(context),
                };
                Assert.True(SnmpMessageDecoder.TryDecode(encoded, DecodeLimits.Default, out var again, out var error), $"{context}: {error}");
                MessageAssert.Equal(message, again, rawSecurityParameters: false);
            }
        }
        Assert.True(decoded > 1000, $"only {decoded} mutations decoded");
    }

    [Fact]
    public void Random_scoped_pdu_input_never_throws()
    {
        var random = new Random(1234);
        var plaintext = Vectors.DecryptAes128Cfb(Vectors.DecodeV3(Vectors.Load("v3-sha-aes")), "privpass123", Convert.FromHexString("8000000001020304"));
        for (var i = 0; i < 5_000; i++)
        {
            byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = new byte[random.Next(0, 200)];
                random.NextBytes(bytes);
            }
            else
            {
                bytes = (byte[])plaintext.Clone();
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            bool ok;
            ScopedPdu? scoped;
            DecodeError error;
            try
            {
                ok = SnmpMessageDecoder.TryDecodeScopedPdu(bytes, DecodeLimits.Default, out scoped, out error);
            }
            catch (Exception ex)
            {
                Assert.Fail($"TryDecodeScopedPdu threw on {Convert.ToHexStringLower(bytes)}: {ex}");
                return;
            }
            Assert.Equal(ok, scoped is not null);
            Assert.Equal(!ok, error.IsError);
            if (!ok)
                Assert.InRange(error.Offset, 0, bytes.Length);
        }
    }

    [Fact]
    public void Scoped_pdu_errors()
    {
        // Not a SEQUENCE.
        Assert.False(SnmpMessageDecoder.TryDecodeScopedPdu(Convert.FromHexString("0400"), DecodeLimits.Default, out var s1, out var e1));
        Assert.Null(s1);
        Assert.Equal((SnmpDecodeError.InvalidTag, 0), (e1.Code, e1.Offset));
        // Empty.
        Assert.False(SnmpMessageDecoder.TryDecodeScopedPdu(ReadOnlyMemory<byte>.Empty, DecodeLimits.Default, out _, out var e2));
        Assert.Equal((SnmpDecodeError.Truncated, 0), (e2.Code, e2.Offset));
        // contextEngineID, contextName, then a PDU with an unknown tag at offset 6.
        Assert.False(SnmpMessageDecoder.TryDecodeScopedPdu(Convert.FromHexString("300f04000400af09020101020100020100"), DecodeLimits.Default, out _, out var e3));
        Assert.Equal((SnmpDecodeError.UnsupportedPduType, 6), (e3.Code, e3.Offset));
    }

    [Fact]
    public void Usm_parameters_missing_fields_are_malformed()
    {
        // USM SEQUENCE holding only msgAuthoritativeEngineID: the USM OCTET STRING is at 21, its SEQUENCE at 23,
        // the missing msgAuthoritativeEngineBoots would start at 28. The error names the OCTET STRING.
        var bytes = Convert.FromHexString("303c020103300e020107020300ffe304010002010304053003040178302004000400a71a020101020100020100300f300d06082b06010201010300430100");

        Assert.False(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default, out var message, out var error));

        Assert.Null(message);
        Assert.Equal(SnmpDecodeError.MalformedSecurityParameters, error.Code);
        Assert.Equal(21, error.Offset);
    }

    [Theory]
    [InlineData(32, 32, true)]
    [InlineData(33, 4, false)]
    [InlineData(5, 33, false)]
    [InlineData(1000, 4, false)]
    public void Usm_engine_ids_and_user_names_longer_than_32_octets_are_malformed(int engineIdLength, int userNameLength, bool decodes)
    {
        var usm = new UsmSecurityParameters(new byte[engineIdLength], 1, 2, new byte[userNameLength], default, default);
        var message = new V3Message(7, 65507, V3MessageFlags.Reportable, SecurityModels.Usm, default, usm,
            new ScopedPdu(default, default, new Pdu(PduType.TrapV2, 1, 0, 0, [])), default);
        var bytes = SnmpMessageEncoder.Encode(message, out _);

        var ok = SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default, out _, out var error);

        Assert.Equal(decodes, ok);
        if (!decodes)
            Assert.Equal(SnmpDecodeError.MalformedSecurityParameters, error.Code);
    }

    private static void AssertDecodeIsTotal(byte[] bytes, string context)
    {
        bool ok;
        SnmpMessage? message;
        DecodeError error;
        try
        {
            ok = SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default, out message, out error);
        }
        catch (Exception ex)
        {
            Assert.Fail($"TryDecode threw on {context}: {Convert.ToHexStringLower(bytes)}: {ex}");
            return;
        }
        Assert.True(ok == (message is not null), context);
        Assert.True(ok != error.IsError, $"{context}: ok={ok}, {error}");
        if (!ok)
            Assert.InRange(error.Offset, 0, bytes.Length);
    }
}
