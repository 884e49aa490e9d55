using System.Collections.Immutable;
using System.Net;
using TrapActors.Snmp.Messages;
using Xunit;

namespace TrapActors.Snmp.Tests;

/// <summary>Encode → TryDecode gives back an equal message, for every value type and PDU shape; exact BER where it is pinned.</summary>
public class RoundTripTests
{
    private static readonly Oid ValueOid = Oid.Parse("1.3.6.1.4.1.8072.9999.7");

    /// <summary>Each value with the exact TLV it must encode to (minimal INTEGERs and lengths).</summary>
    private static readonly Dictionary<string, (SnmpValue Value, string Tlv)> Values = new()
    {
        ["integer32-min"] = (SnmpValue.Integer32(int.MinValue), "020480000000"),
        ["integer32-minus-129"] = (SnmpValue.Integer32(-129), "0202ff7f"),
        ["integer32-minus-128"] = (SnmpValue.Integer32(-128), "020180"),
        ["integer32-minus-1"] = (SnmpValue.Integer32(-1), "0201ff"),
        ["integer32-0"] = (SnmpValue.Integer32(0), "020100"),
        ["integer32-127"] = (SnmpValue.Integer32(127), "02017f"),
        ["integer32-128"] = (SnmpValue.Integer32(128), "02020080"),
        ["integer32-max"] = (SnmpValue.Integer32(int.MaxValue), "02047fffffff"),
        ["counter32-0"] = (SnmpValue.Counter32(0), "410100"),
        ["counter32-128"] = (SnmpValue.Counter32(128), "41020080"),
        ["counter32-max"] = (SnmpValue.Counter32(uint.MaxValue), "410500ffffffff"),
        ["gauge32-0"] = (SnmpValue.Gauge32(0), "420100"),
        ["gauge32-max"] = (SnmpValue.Gauge32(uint.MaxValue), "420500ffffffff"),
        ["timeticks-0"] = (SnmpValue.TimeTicks(0), "430100"),
        ["timeticks-max"] = (SnmpValue.TimeTicks(uint.MaxValue), "430500ffffffff"),
        ["uinteger32-0"] = (SnmpValue.UInteger32(0), "470100"),
        ["uinteger32-max"] = (SnmpValue.UInteger32(uint.MaxValue), "470500ffffffff"),
        ["counter64-0"] = (SnmpValue.Counter64(0), "460100"),
        ["counter64-high-bit"] = (SnmpValue.Counter64(0x8000000000000000), "4609008000000000000000"),
        ["counter64-long-max"] = (SnmpValue.Counter64(long.MaxValue), "46087fffffffffffffff"),
        ["counter64-max"] = (SnmpValue.Counter64(ulong.MaxValue), "460900ffffffffffffffff"),
        ["oid-1.3.6.1.4.1"] = (SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1")), "06052b06010401"),
        ["oid-0.0"] = (SnmpValue.ObjectIdentifier(Oid.Parse("0.0")), "060100"),
        ["oid-0.39"] = (SnmpValue.ObjectIdentifier(Oid.Parse("0.39")), "060127"),
        ["oid-1.0"] = (SnmpValue.ObjectIdentifier(Oid.Parse("1.0")), "060128"),
        ["oid-1.39"] = (SnmpValue.ObjectIdentifier(Oid.Parse("1.39")), "06014f"),
        ["oid-2.0"] = (SnmpValue.ObjectIdentifier(Oid.Parse("2.0")), "060150"),
        ["oid-2.999.1"] = (SnmpValue.ObjectIdentifier(Oid.Parse("2.999.1")), "0603883701"),
        ["oid-subid-max"] = (SnmpValue.ObjectIdentifier(Oid.Parse("1.3.4294967295.0")), "06072b8fffffff7f00"),
        ["oid-2.4294967215"] = (SnmpValue.ObjectIdentifier(Oid.Parse("2.4294967215")), "06058fffffff7f"), // first sub-id 2^32-1
        ["oid-2.4294967295"] = (SnmpValue.ObjectIdentifier(Oid.Parse("2.4294967295")), "0605908080804f"), // first sub-id 2^32+79
        ["octets-0"] = (SnmpValue.OctetString(ReadOnlyMemory<byte>.Empty), "0400"),
        ["octets-127"] = (SnmpValue.OctetString(Filled(127)), "047f" + Hex(Filled(127))),
        ["octets-128"] = (SnmpValue.OctetString(Filled(128)), "048180" + Hex(Filled(128))),
        ["octets-255"] = (SnmpValue.OctetString(Filled(255)), "0481ff" + Hex(Filled(255))),
        ["octets-256"] = (SnmpValue.OctetString(Filled(256)), "04820100" + Hex(Filled(256))),
        ["octets-1000"] = (SnmpValue.OctetString(Filled(1000)), "048203e8" + Hex(Filled(1000))),
        ["octets-utf8"] = (SnmpValue.OctetString("gr\u00fc\u00dfe"), "04076772c3bcc39f65"),
        ["ipaddress"] = (SnmpValue.IpAddress(IPAddress.Parse("192.0.2.255")), "4004c00002ff"),
        ["opaque"] = (SnmpValue.Opaque(Convert.FromHexString("9f7b0105")), "44049f7b0105"),
        ["nsapaddress"] = (SnmpValue.NsapAddress(Convert.FromHexString("470005")), "4503470005"),
        ["null"] = (SnmpValue.Null, "0500"),
        ["nosuchobject"] = (SnmpValue.NoSuchObject, "8000"),
        ["nosuchinstance"] = (SnmpValue.NoSuchInstance, "8100"),
        ["endofmibview"] = (SnmpValue.EndOfMibView, "8200"),
    };

    public static TheoryData<string> ValueNames => new(Values.Keys);

    [Fact]
    public void Value_table_covers_every_snmp_type()
    {
        var covered = Values.Values.Select(v => v.Value.Type).Distinct().Order().ToArray();
        Assert.Equal(Enum.GetValues<SnmpType>().Order().ToArray(), covered);
    }

    [Theory]
    [MemberData(nameof(ValueNames))]
    public void Value_encodes_to_its_exact_tlv_and_round_trips(string name)
    {
        var (value, tlv) = Values[name];
        var message = V2cTrap(123, [new VarBind(ValueOid, value)]);

        var encoded = SnmpMessageEncoder.Encode(message);

        // The value is the last TLV of the message.
        Assert.EndsWith(tlv, Convert.ToHexStringLower(encoded), StringComparison.Ordinal);
        var decoded = Decode<CommunityMessage>(encoded);
        MessageAssert.Equal(message, decoded);
        Assert.Equal(value, decoded.Pdu.VarBinds[^1].Value);
    }

    [Theory]
    [MemberData(nameof(ValueNames))]
    public void Value_round_trips_in_a_v1_trap_and_in_a_v3_scoped_pdu(string name)
    {
        var value = Values[name].Value;
        VarBind[] vbs = [new VarBind(ValueOid, value)];

        var v1 = new CommunityMessage(SnmpVersion.V1, "public"u8.ToArray(),
            Pdu.V1Trap(new TrapV1Header(Oid.Parse("1.3.6.1.4.1.8072"), new byte[] { 10, 0, 0, 1 }, 6, 1, 42), [.. vbs]));
        MessageAssert.Equal(v1, Decode<CommunityMessage>(SnmpMessageEncoder.Encode(v1)));

        var scoped = new ScopedPdu("ctx-engine"u8.ToArray(), "ctx"u8.ToArray(), new Pdu(PduType.TrapV2, 7, 0, 0, [.. vbs]));
        Assert.True(SnmpMessageDecoder.TryDecodeScopedPdu(SnmpMessageEncoder.EncodeScopedPdu(scoped), DecodeLimits.Default, out var decoded, out var error), error.ToString());
        MessageAssert.Equal(scoped, decoded);
    }

    [Fact]
    public void All_values_together_round_trip()
    {
        var vbs = Values.Values.Select((v, i) => new VarBind(ValueOid.Append((uint)i), v.Value)).ToImmutableArray();
        var message = V2cTrap(-1, vbs);

        MessageAssert.Equal(message, Decode<CommunityMessage>(SnmpMessageEncoder.Encode(message)));
    }

    [Theory]
    [InlineData(PduType.GetRequest)]
    [InlineData(PduType.GetNextRequest)]
    [InlineData(PduType.Response)]
    [InlineData(PduType.SetRequest)]
    [InlineData(PduType.GetBulkRequest)]
    [InlineData(PduType.InformRequest)]
    [InlineData(PduType.TrapV2)]
    [InlineData(PduType.Report)]
    public void Every_pdu_type_round_trips_with_its_tag(PduType type)
    {
        var message = new CommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(),
            new Pdu(type, int.MinValue, 18, 3, [new VarBind(WellKnownOids.SysUpTime0, SnmpValue.Null)]));

        var encoded = SnmpMessageEncoder.Encode(message);

        // 30 len 02 01 01 04 06 public <PDU tag>
        Assert.Equal((byte)type, encoded[13]);
        MessageAssert.Equal(message, Decode<CommunityMessage>(encoded));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Request_id_round_trips(int requestId)
    {
        var message = V2cTrap(requestId, []);

        MessageAssert.Equal(message, Decode<CommunityMessage>(SnmpMessageEncoder.Encode(message)));
    }

    [Fact]
    public void Community_of_any_bytes_round_trips()
    {
        foreach (var community in new[] { Array.Empty<byte>(), new byte[] { 0x00, 0xff, 0x80, 0xc3 }, Filled(200) })
        {
            var message = new CommunityMessage(SnmpVersion.V1, community, new Pdu(PduType.GetRequest, 5, 0, 0, []));
            MessageAssert.Equal(message, Decode<CommunityMessage>(SnmpMessageEncoder.Encode(message)));
        }
    }

    [Fact]
    public void V1_trap_header_extremes_round_trip()
    {
        var message = new CommunityMessage(SnmpVersion.V1, "public"u8.ToArray(),
            Pdu.V1Trap(new TrapV1Header(Oid.Parse("1.3.6.1.4.1.4294967295"), new byte[] { 255, 255, 255, 255 }, 6, int.MaxValue, uint.MaxValue), []));

        var encoded = SnmpMessageEncoder.Encode(message);

        Assert.EndsWith("430500ffffffff3000", Convert.ToHexStringLower(encoded), StringComparison.Ordinal);
        MessageAssert.Equal(message, Decode<CommunityMessage>(encoded));
    }

    [Fact]
    public void Varbind_list_at_the_limit_round_trips()
    {
        // sysUpTime.0 and snmpTrapOID.0 plus 1022 more: exactly MaxVarBinds (1024).
        var vbs = Enumerable.Range(0, DecodeLimits.Default.MaxVarBinds - 2)
            .Select(i => new VarBind(ValueOid.Append((uint)i), SnmpValue.Integer32(i)))
            .ToImmutableArray();
        var message = V2cTrap(9, vbs);

        var encoded = SnmpMessageEncoder.Encode(message);

        MessageAssert.Equal(message, Decode<CommunityMessage>(encoded));
        Assert.False(SnmpMessageDecoder.TryDecode(encoded, DecodeLimits.Default with { MaxVarBinds = DecodeLimits.Default.MaxVarBinds - 1 }, out _, out var error));
        Assert.Equal(SnmpDecodeError.TooManyVarBinds, error.Code);
    }

    [Fact]
    public void Hand_built_v1_trap_encodes_to_the_net_snmp_bytes()
    {
        const string e = "1.3.6.1.4.1.8072.2.3";
        var message = new CommunityMessage(SnmpVersion.V1, "public"u8.ToArray(), Pdu.V1Trap(
            new TrapV1Header(Oid.Parse(e), IPAddress.Parse("192.0.2.7").GetAddressBytes(), 6, 17, 12345),
            [
                new VarBind(Oid.Parse(e + ".1.1"), SnmpValue.Integer32(-1)),
                new VarBind(Oid.Parse(e + ".1.2"), SnmpValue.OctetString("v1 text")),
                new VarBind(Oid.Parse(e + ".1.3"), SnmpValue.IpAddress(IPAddress.Parse("10.0.0.1"))),
                new VarBind(Oid.Parse(e + ".1.4"), SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.8072"))),
                new VarBind(Oid.Parse(e + ".1.5"), SnmpValue.Counter32(100)),
                new VarBind(Oid.Parse(e + ".1.6"), SnmpValue.Gauge32(200)),
                new VarBind(Oid.Parse(e + ".1.7"), SnmpValue.TimeTicks(300)),
                new VarBind(Oid.Parse(e + ".1.8"), SnmpValue.OctetString(Convert.FromHexString("deadbeef"))),
            ]));

        Assert.Equal(Hex(Vectors.Load("v1-enterprise-specific")), Hex(SnmpMessageEncoder.Encode(message)));
    }

    [Fact]
    public void Hand_built_v2c_trap_encodes_to_the_net_snmp_bytes()
    {
        var message = new CommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(), new Pdu(PduType.TrapV2, 0x01a412da, 0, 0, LinkDownVarBinds(withStatus: true)));

        Assert.Equal(Hex(Vectors.Load("v2c-linkdown")), Hex(SnmpMessageEncoder.Encode(message)));
    }

    [Fact]
    public void Hand_built_v3_noauth_trap_encodes_to_the_net_snmp_bytes()
    {
        var captured = Vectors.Load("v3-noauth");
        var usm = new UsmSecurityParameters(Convert.FromHexString("8000000001020304"), 1, 0x8359, "noauthuser"u8.ToArray(), ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);
        var scoped = new ScopedPdu(Convert.FromHexString("80001f8880bec455530c44096b00000000"), ReadOnlyMemory<byte>.Empty,
            new Pdu(PduType.TrapV2, 0x15da634b, 0, 0, LinkDownVarBinds(withStatus: false)));
        var message = new V3Message(0x215d4fae, 65507, V3MessageFlags.None, SecurityModels.Usm, UsmBytes(usm), usm, scoped, ReadOnlyMemory<byte>.Empty);

        var encoded = SnmpMessageEncoder.Encode(message, out var authOffset);

        Assert.Equal(Hex(captured), Hex(encoded));
        Assert.Equal(-1, authOffset);
        Assert.Equal(Hex(captured.AsSpan(27, 36).ToArray()), Hex(UsmBytes(usm))); // the test's own USM encoder agrees with net-snmp
    }

    [Fact]
    public void V3_plaintext_with_auth_round_trips_and_reports_the_auth_offset()
    {
        var auth = Enumerable.Range(0xa0, 12).Select(i => (byte)i).ToArray();
        var usm = new UsmSecurityParameters(Convert.FromHexString("80001f888056"), int.MaxValue, 123456, "alice"u8.ToArray(), auth, ReadOnlyMemory<byte>.Empty);
        var scoped = new ScopedPdu(Convert.FromHexString("80001f888056"), "ctx"u8.ToArray(),
            new Pdu(PduType.InformRequest, 77, 0, 0, LinkDownVarBinds(withStatus: true)));
        var message = new V3Message(int.MaxValue, 1472, V3MessageFlags.Auth | V3MessageFlags.Reportable, SecurityModels.Usm, UsmBytes(usm), usm, scoped, ReadOnlyMemory<byte>.Empty);

        var encoded = SnmpMessageEncoder.Encode(message, out var authOffset);

        Assert.InRange(authOffset, 0, encoded.Length - 12);
        Assert.Equal(Hex(auth), Hex(encoded.AsSpan(authOffset, 12).ToArray()));
        Assert.Equal(0x0c, encoded[authOffset - 1]); // the OCTET STRING length byte right before
        Assert.Equal(0x04, encoded[authOffset - 2]);
        var decoded = Decode<V3Message>(encoded);
        MessageAssert.Equal(message, decoded);
        Assert.Equal(authOffset, decoded.AuthParametersOffset);
        Assert.Equal(Hex(encoded), Hex(decoded.WholeMessage.ToArray()));
        Assert.False(decoded.IsEncrypted);
    }

    [Fact]
    public void V3_encrypted_blob_round_trips()
    {
        var random = new Random(1234);
        var blob = new byte[100];
        random.NextBytes(blob);
        var auth = new byte[12];
        random.NextBytes(auth);
        var salt = new byte[8];
        random.NextBytes(salt);
        var usm = new UsmSecurityParameters(Convert.FromHexString("8000000001020304"), 3, 999, "privuser"u8.ToArray(), auth, salt);
        var message = new V3Message(42, 65507, V3MessageFlags.Auth | V3MessageFlags.Priv, SecurityModels.Usm, UsmBytes(usm), usm, null, blob);

        var encoded = SnmpMessageEncoder.Encode(message, out var authOffset);

        var decoded = Decode<V3Message>(encoded);
        MessageAssert.Equal(message, decoded);
        Assert.True(decoded.IsEncrypted);
        Assert.Null(decoded.ScopedPdu);
        Assert.Equal(Hex(blob), Hex(decoded.EncryptedPdu.ToArray()));
        Assert.EndsWith("0464" + Hex(blob), Hex(encoded), StringComparison.Ordinal); // msgData is an OCTET STRING of the ciphertext
        Assert.Equal(authOffset, decoded.AuthParametersOffset);
        Assert.Equal(Hex(auth), Hex(encoded.AsSpan(authOffset, 12).ToArray()));
    }

    [Fact]
    public void V3_without_auth_has_no_auth_offset()
    {
        var usm = new UsmSecurityParameters(ReadOnlyMemory<byte>.Empty, 0, 0, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);
        var scoped = new ScopedPdu(ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, new Pdu(PduType.GetRequest, 1, 0, 0, []));
        var message = new V3Message(1, 65507, V3MessageFlags.Reportable, SecurityModels.Usm, UsmBytes(usm), usm, scoped, ReadOnlyMemory<byte>.Empty);

        var encoded = SnmpMessageEncoder.Encode(message, out var authOffset);

        Assert.Equal(-1, authOffset);
        MessageAssert.Equal(message, Decode<V3Message>(encoded));
    }

    [Fact]
    public void V3_tsm_frame_round_trips_without_usm()
    {
        // RFC 5591: TSM's msgSecurityParameters is an empty OCTET STRING.
        var scoped = new ScopedPdu("engine"u8.ToArray(), ReadOnlyMemory<byte>.Empty, new Pdu(PduType.TrapV2, 5, 0, 0, LinkDownVarBinds(withStatus: false)));
        var message = new V3Message(5, 65507, V3MessageFlags.Auth | V3MessageFlags.Priv, SecurityModels.Tsm, ReadOnlyMemory<byte>.Empty, null, scoped, ReadOnlyMemory<byte>.Empty);

        var encoded = SnmpMessageEncoder.Encode(message, out var authOffset);

        Assert.Equal(-1, authOffset);
        var decoded = Decode<V3Message>(encoded);
        MessageAssert.Equal(message, decoded);
        Assert.Null(decoded.Usm);
    }

    [Fact]
    public void Scoped_pdu_round_trips_with_and_without_trailing_padding()
    {
        var scoped = new ScopedPdu(Convert.FromHexString("8000000001020304"), "context"u8.ToArray(),
            new Pdu(PduType.TrapV2, 1234, 0, 0, LinkDownVarBinds(withStatus: true)));

        var encoded = SnmpMessageEncoder.EncodeScopedPdu(scoped);

        Assert.Equal(0x30, encoded[0]);
        foreach (var padding in new[] { 0, 1, 7, 15 })
        {
            var input = encoded.Concat(Enumerable.Repeat((byte)padding, padding)).ToArray();
            Assert.True(SnmpMessageDecoder.TryDecodeScopedPdu(input, DecodeLimits.Default, out var decoded, out var error), $"padding {padding}: {error}");
            MessageAssert.Equal(scoped, decoded);
        }
    }

    private static CommunityMessage V2cTrap(int requestId, ImmutableArray<VarBind> extra) =>
        new(SnmpVersion.V2c, "public"u8.ToArray(), new Pdu(PduType.TrapV2, requestId, 0, 0,
        [
            new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(4242)),
            new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.6.3.1.1.5.3"))),
            .. extra,
        ]));

    private static ImmutableArray<VarBind> LinkDownVarBinds(bool withStatus)
    {
        var vbs = ImmutableArray.CreateBuilder<VarBind>();
        vbs.Add(new VarBind(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(4242)));
        vbs.Add(new VarBind(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.6.3.1.1.5.3"))));
        vbs.Add(new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.1.3"), SnmpValue.Integer32(3)));
        if (withStatus)
        {
            vbs.Add(new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.7.3"), SnmpValue.Integer32(1)));
            vbs.Add(new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.8.3"), SnmpValue.Integer32(2)));
        }
        return vbs.ToImmutable();
    }

    private static T Decode<T>(byte[] bytes) where T : SnmpMessage
    {
        Assert.True(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default, out var message, out var error), $"{error} in {Hex(bytes)}");
        return Assert.IsType<T>(message);
    }

    /// <summary>UsmSecurityParameters as BER (the bytes msgSecurityParameters carries), built independently of the codec.</summary>
    private static byte[] UsmBytes(UsmSecurityParameters usm) =>
        Tlv(0x30,
            Tlv(0x04, usm.EngineId.ToArray()),
            Integer(usm.EngineBoots),
            Integer(usm.EngineTime),
            Tlv(0x04, usm.UserName.ToArray()),
            Tlv(0x04, usm.AuthParameters.ToArray()),
            Tlv(0x04, usm.PrivParameters.ToArray()));

    private static byte[] Integer(long value)
    {
        var bytes = new List<byte>();
        do
        {
            bytes.Insert(0, (byte)value);
            value >>= 8;
        }
        while (!((value == 0 && bytes[0] < 0x80) || (value == -1 && bytes[0] >= 0x80)));
        return Tlv(0x02, [.. bytes]);
    }

    private static byte[] Tlv(byte tag, params byte[][] parts)
    {
        var content = parts.SelectMany(p => p).ToArray();
        var n = content.Length;
        byte[] header = n < 0x80 ? [tag, (byte)n] : n < 0x100 ? [tag, 0x81, (byte)n] : [tag, 0x82, (byte)(n >> 8), (byte)n];
        return [.. header, .. content];
    }

    private static byte[] Filled(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 1)).ToArray();

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
