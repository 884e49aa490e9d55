using System.Net;
using System.Security.Cryptography;
using System.Text;
using TrapActors.Snmp.Messages;
using Oid = TrapActors.Snmp.Messages.Oid;
using Xunit;

namespace TrapActors.Snmp.Tests;

/// <summary>
/// Decodes the datagrams that real net-snmp 5.9.3 tools sent (tests/tools/capture-vectors.sh,
/// Vectors/README.md), checks every field, and re-encodes them byte for byte. net-snmp writes
/// minimal definite lengths and minimal INTEGERs in all of these, so every vector must round-trip
/// exactly. Values such as request-ids, msgIDs, engine times and HMACs were random at capture time
/// and are pinned here as captured.
/// </summary>
public class VectorDecodeTests
{
    private const string Enterprise = "1.3.6.1.4.1.8072.2.3";
    private const string AllTypes = "1.3.6.1.4.1.8072.9999.1";
    private const string IfIndex3 = "1.3.6.1.2.1.2.2.1.1.3";
    private const string LinkDown = "1.3.6.1.6.3.1.1.5.3";
    private static readonly byte[] UsmEngineId = Convert.FromHexString("8000000001020304");

    public static TheoryData<string> CommunityVectors => new()
    {
        "v1-generic-coldstart", "v1-generic-linkdown", "v1-enterprise-specific",
        "v2c-all-types", "v2c-linkdown", "v2c-inform",
    };

    public static TheoryData<string> V3Vectors => new() { "v3-noauth", "v3-sha", "v3-sha-aes", "v3-discovery-probe" };

    [Fact]
    public void Vector_directory_holds_exactly_the_tested_vectors_as_one_line_of_lowercase_hex()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Vectors");
        var onDisk = Directory.GetFiles(dir, "*.hex").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Vectors.All.Order(StringComparer.Ordinal).ToArray(), onDisk);
        foreach (var name in Vectors.All)
        {
            var text = File.ReadAllText(Path.Combine(dir, name + ".hex"));
            Assert.Matches("^([0-9a-f]{2})+\n$", text);
        }
    }

    [Theory]
    [MemberData(nameof(CommunityVectors))]
    public void Community_vector_reencodes_to_the_captured_bytes(string name)
    {
        var bytes = Vectors.Load(name);
        var message = Vectors.DecodeCommunity(bytes);

        var encoded = SnmpMessageEncoder.Encode(message);

        Assert.Equal(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(encoded));
    }

    [Theory]
    [MemberData(nameof(CommunityVectors))]
    public void Community_vector_decoded_as_a_frame_gives_the_same_message_and_reencodes_to_the_captured_bytes(string name)
    {
        var bytes = Vectors.Load(name);
        var message = Vectors.DecodeCommunity(bytes);

        Assert.True(SnmpMessageDecoder.TryDecodeFrame(bytes, DecodeLimits.Default, out var frame, out var v3, out var error), error.ToString());

        Assert.Null(v3);
        var fromFrame = frame.ToMessage();
        Assert.Equal(message.Version, fromFrame.Version);
        Assert.Equal(message.Community.ToArray(), fromFrame.Community.ToArray());
        Assert.Equal(message.Pdu.Type, frame.Pdu.Type);
        Assert.Equal(message.Pdu.RequestId, frame.Pdu.RequestId);
        Assert.Equal(message.Pdu.TrapV1, frame.Pdu.TrapV1);
        Assert.Equal(message.Pdu.VarBinds.Length, frame.Pdu.VarBinds.Length);
        Assert.Equal(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(SnmpMessageEncoder.Encode(fromFrame)));
    }

    [Theory]
    [MemberData(nameof(V3Vectors))]
    public void V3_vector_decoded_as_a_frame_comes_back_as_the_v3_message(string name)
    {
        var bytes = Vectors.Load(name);

        Assert.True(SnmpMessageDecoder.TryDecodeFrame(bytes, DecodeLimits.Default, out var frame, out var v3, out var error), error.ToString());

        Assert.NotNull(v3);
        Assert.Equal(default, frame);
        Assert.Equal(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(SnmpMessageEncoder.Encode(v3, out _)));
    }

    [Theory]
    [MemberData(nameof(V3Vectors))]
    public void V3_vector_reencodes_to_the_captured_bytes_with_the_same_auth_offset(string name)
    {
        var bytes = Vectors.Load(name);
        var message = Vectors.DecodeV3(bytes);

        var encoded = SnmpMessageEncoder.Encode(message, out var authOffset);

        Assert.Equal(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(encoded));
        if (message.Usm!.AuthParameters.Length > 0)
            Assert.Equal(message.AuthParametersOffset, authOffset);
        else
            Assert.Equal(-1, authOffset);
    }

    [Theory]
    [MemberData(nameof(CommunityVectors))]
    [MemberData(nameof(V3Vectors))]
    public void Vector_decodes_without_error(string name)
    {
        var ok = SnmpMessageDecoder.TryDecode(Vectors.Load(name), DecodeLimits.Default, out var message, out var error);

        Assert.True(ok, $"{name}: {error}");
        Assert.NotNull(message);
        Assert.Equal(DecodeError.None, error);
        Assert.False(error.IsError);
    }

    [Fact]
    public void V1_generic_coldstart()
    {
        var message = Vectors.DecodeCommunity(Vectors.Load("v1-generic-coldstart"));

        Assert.Equal(SnmpVersion.V1, message.Version);
        Assert.Equal("public", Encoding.ASCII.GetString(message.Community.Span));
        var pdu = message.Pdu;
        Assert.Equal(PduType.TrapV1, pdu.Type);
        Assert.Equal(0, pdu.RequestId);
        Assert.Equal(0, pdu.ErrorStatus);
        Assert.Equal(0, pdu.ErrorIndex);
        var trap = Assert.IsType<TrapV1Header>(pdu.TrapV1);
        Assert.Equal(Oid.Parse("1.3.6.1.4.1.3.1.1"), trap.Enterprise); // snmptrap's default for ''
        Assert.Equal("0a010203", Convert.ToHexStringLower(trap.AgentAddress.Span));
        Assert.Equal(IPAddress.Parse("10.1.2.3"), trap.AgentIPAddress);
        Assert.Equal(0, trap.GenericTrap);
        Assert.Equal(0, trap.SpecificTrap);
        Assert.Equal(0x82e5u, trap.TimeStamp); // host uptime at capture; 43 03 00 82 e5 (leading zero byte)
        Assert.Empty(pdu.VarBinds);
    }

    [Fact]
    public void V1_generic_linkdown()
    {
        var message = Vectors.DecodeCommunity(Vectors.Load("v1-generic-linkdown"));

        Assert.Equal(SnmpVersion.V1, message.Version);
        Assert.Equal("public", Encoding.ASCII.GetString(message.Community.Span));
        Assert.Equal(PduType.TrapV1, message.Pdu.Type);
        var trap = Assert.IsType<TrapV1Header>(message.Pdu.TrapV1);
        Assert.Equal(Oid.Parse("1.3.6.1.4.1.3.1.1"), trap.Enterprise);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), trap.AgentIPAddress);
        Assert.Equal(2, trap.GenericTrap);
        Assert.Equal(0, trap.SpecificTrap);
        Assert.Equal(0x82e7u, trap.TimeStamp);
        var vb = Assert.Single(message.Pdu.VarBinds);
        Vectors.AssertVarBind(vb, IfIndex3, SnmpValue.Integer32(3));
    }

    [Fact]
    public void V1_enterprise_specific_with_varbinds_of_several_types()
    {
        var message = Vectors.DecodeCommunity(Vectors.Load("v1-enterprise-specific"));

        Assert.Equal(SnmpVersion.V1, message.Version);
        Assert.Equal("public", Encoding.ASCII.GetString(message.Community.Span));
        Assert.Equal(PduType.TrapV1, message.Pdu.Type);
        Assert.Equal(0, message.Pdu.RequestId);
        var trap = Assert.IsType<TrapV1Header>(message.Pdu.TrapV1);
        Assert.Equal(Oid.Parse(Enterprise), trap.Enterprise);
        Assert.Equal(IPAddress.Parse("192.0.2.7"), trap.AgentIPAddress);
        Assert.Equal(TrapV1Header.EnterpriseSpecific, trap.GenericTrap);
        Assert.Equal(17, trap.SpecificTrap);
        Assert.Equal(12345u, trap.TimeStamp);

        var vbs = message.Pdu.VarBinds;
        Assert.Equal(8, vbs.Length);
        Vectors.AssertVarBind(vbs[0], Enterprise + ".1.1", SnmpValue.Integer32(-1));
        Vectors.AssertVarBind(vbs[1], Enterprise + ".1.2", SnmpValue.OctetString("v1 text"));
        Vectors.AssertVarBind(vbs[2], Enterprise + ".1.3", SnmpValue.IpAddress(IPAddress.Parse("10.0.0.1")));
        Vectors.AssertVarBind(vbs[3], Enterprise + ".1.4", SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.8072")));
        Vectors.AssertVarBind(vbs[4], Enterprise + ".1.5", SnmpValue.Counter32(100));
        Vectors.AssertVarBind(vbs[5], Enterprise + ".1.6", SnmpValue.Gauge32(200)); // 'u' is Gauge32 (42 02 00 c8)
        Vectors.AssertVarBind(vbs[6], Enterprise + ".1.7", SnmpValue.TimeTicks(300));
        Vectors.AssertVarBind(vbs[7], Enterprise + ".1.8", SnmpValue.OctetString(Convert.FromHexString("deadbeef")));
        Assert.Equal(-1, vbs[0].Value.AsInt32());
        Assert.Equal(200u, vbs[5].Value.AsUInt32());
    }

    [Fact]
    public void V2c_all_types()
    {
        var message = Vectors.DecodeCommunity(Vectors.Load("v2c-all-types"));

        Assert.Equal(SnmpVersion.V2c, message.Version);
        Assert.Equal("public", Encoding.ASCII.GetString(message.Community.Span));
        var pdu = message.Pdu;
        Assert.Equal(PduType.TrapV2, pdu.Type);
        Assert.Equal(0x1d4d5c9b, pdu.RequestId);
        Assert.Equal(0, pdu.ErrorStatus);
        Assert.Equal(0, pdu.ErrorIndex);
        Assert.Null(pdu.TrapV1);

        var vbs = pdu.VarBinds;
        Assert.Equal(25, vbs.Length);
        Vectors.AssertVarBind(vbs[0], "1.3.6.1.2.1.1.3.0", SnmpValue.TimeTicks(4242));
        Vectors.AssertVarBind(vbs[1], "1.3.6.1.6.3.1.1.4.1.0", SnmpValue.ObjectIdentifier(Oid.Parse(LinkDown)));
        Assert.Equal(WellKnownOids.SysUpTime0, vbs[0].Oid);
        Assert.Equal(WellKnownOids.SnmpTrapOid0, vbs[1].Oid);
        Vectors.AssertVarBind(vbs[2], AllTypes + ".1", SnmpValue.Integer32(-5));
        Vectors.AssertVarBind(vbs[3], AllTypes + ".2", SnmpValue.Integer32(int.MaxValue));
        Vectors.AssertVarBind(vbs[4], AllTypes + ".3", SnmpValue.Integer32(int.MinValue));
        Vectors.AssertVarBind(vbs[5], AllTypes + ".4", SnmpValue.Gauge32(uint.MaxValue));
        Vectors.AssertVarBind(vbs[6], AllTypes + ".5", SnmpValue.Counter32(uint.MaxValue));
        Vectors.AssertVarBind(vbs[7], AllTypes + ".6", SnmpValue.Counter64(ulong.MaxValue));
        Vectors.AssertVarBind(vbs[8], AllTypes + ".7", SnmpValue.TimeTicks(123456));
        Vectors.AssertVarBind(vbs[9], AllTypes + ".8", SnmpValue.IpAddress(IPAddress.Parse("192.0.2.1")));
        Vectors.AssertVarBind(vbs[10], AllTypes + ".9", SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.4294967295.0")));
        Vectors.AssertVarBind(vbs[11], AllTypes + ".10", SnmpValue.OctetString("hello, world"));
        Vectors.AssertVarBind(vbs[12], AllTypes + ".11", SnmpValue.OctetString(Convert.FromHexString("00ffc32880fe")));
        Vectors.AssertVarBind(vbs[13], AllTypes + ".12", SnmpValue.OctetString(new byte[] { 1, 2, 3, 250 })); // 'd' 1.2.3.250
        Vectors.AssertVarBind(vbs[14], AllTypes + ".13", SnmpValue.Null);
        Vectors.AssertVarBind(vbs[15], AllTypes + ".14", SnmpValue.OctetString(Convert.FromHexString("9040"))); // 'b' bits 0 3 9
        // U, I, F, D: net-snmp's opaque-wrapped uint64 / int64 / float / double (inner tags 9f7b, 9f7a, 9f78, 9f79).
        Vectors.AssertVarBind(vbs[16], AllTypes + ".15", SnmpValue.Opaque(Convert.FromHexString("9f7b0105")));
        Vectors.AssertVarBind(vbs[17], AllTypes + ".16", SnmpValue.Opaque(Convert.FromHexString("9f7a01fb")));
        Vectors.AssertVarBind(vbs[18], AllTypes + ".17", SnmpValue.Opaque(Convert.FromHexString("9f78043fc00000")));
        Vectors.AssertVarBind(vbs[19], AllTypes + ".18", SnmpValue.Opaque(Convert.FromHexString("9f79084004000000000000")));
        Vectors.AssertVarBind(vbs[20], AllTypes + ".19", SnmpValue.OctetString(new string('A', 200)));
        Vectors.AssertVarBind(vbs[21], AllTypes + ".20", SnmpValue.OctetString(string.Concat(Enumerable.Repeat("abcdefghij", 30))));
        Vectors.AssertVarBind(vbs[22], "1.3.6.1.4.1.8072.9999.4294967295.1", SnmpValue.OctetString("large sub-identifier"));
        Vectors.AssertVarBind(vbs[23], AllTypes + ".21", SnmpValue.Gauge32(0));
        Vectors.AssertVarBind(vbs[24], AllTypes + ".22", SnmpValue.Integer32(0));

        Assert.Equal(-5, vbs[2].Value.AsInt32());
        Assert.Equal(-5L, vbs[2].Value.AsInt64());
        Assert.Equal(int.MinValue, vbs[4].Value.AsInt32());
        Assert.Equal(uint.MaxValue, vbs[5].Value.AsUInt32());
        Assert.Equal(ulong.MaxValue, vbs[7].Value.AsUInt64());
        Assert.Equal(4294967295u, vbs[10].Value.AsOid()[6]);
        Assert.Equal(4294967295u, vbs[22].Oid[8]);
        Assert.Equal(200, vbs[20].Value.AsBytes().Length);
        Assert.Equal(300, vbs[21].Value.AsBytes().Length);
    }

    [Fact]
    public void V2c_linkdown()
    {
        var message = Vectors.DecodeCommunity(Vectors.Load("v2c-linkdown"));

        Assert.Equal(SnmpVersion.V2c, message.Version);
        Assert.Equal("public", Encoding.ASCII.GetString(message.Community.Span));
        Assert.Equal(PduType.TrapV2, message.Pdu.Type);
        Assert.Equal(0x01a412da, message.Pdu.RequestId);
        Assert.Equal(0, message.Pdu.ErrorStatus);
        Assert.Equal(0, message.Pdu.ErrorIndex);
        Vectors.AssertLinkDownVarBinds(message.Pdu.VarBinds, withStatus: true);
    }

    [Fact]
    public void V2c_inform()
    {
        var message = Vectors.DecodeCommunity(Vectors.Load("v2c-inform"));

        Assert.Equal(SnmpVersion.V2c, message.Version);
        Assert.Equal("public", Encoding.ASCII.GetString(message.Community.Span));
        Assert.Equal(PduType.InformRequest, message.Pdu.Type);
        Assert.Equal(0x41419c3b, message.Pdu.RequestId);
        Assert.Equal(0, message.Pdu.ErrorStatus);
        Assert.Equal(0, message.Pdu.ErrorIndex);
        Vectors.AssertLinkDownVarBinds(message.Pdu.VarBinds, withStatus: false);
    }

    [Fact]
    public void V3_noauth_frame_and_plaintext_scoped_pdu()
    {
        var bytes = Vectors.Load("v3-noauth");
        var message = Vectors.DecodeV3(bytes);

        Assert.Equal(SnmpVersion.V3, message.Version);
        Assert.Equal(0x215d4fae, message.MessageId);
        Assert.Equal(65507, message.MaxSize);
        Assert.Equal(V3MessageFlags.None, message.Flags);
        Assert.Equal(SecurityModels.Usm, message.SecurityModel);
        Assert.Equal(Convert.ToHexStringLower(bytes.AsSpan(27, 36)), Convert.ToHexStringLower(message.SecurityParameters.Span));
        var usm = Assert.IsType<UsmSecurityParameters>(message.Usm);
        Assert.Equal(UsmEngineId, usm.EngineId.ToArray());
        Assert.Equal(1, usm.EngineBoots);
        Assert.Equal(0x8359, usm.EngineTime);
        Assert.Equal("noauthuser", Encoding.ASCII.GetString(usm.UserName.Span));
        Assert.True(usm.AuthParameters.IsEmpty);
        Assert.True(usm.PrivParameters.IsEmpty);
        Assert.False(message.IsEncrypted);
        Assert.True(message.EncryptedPdu.IsEmpty);
        Assert.Equal(bytes, message.WholeMessage.ToArray());

        var scoped = Assert.IsType<ScopedPdu>(message.ScopedPdu);
        Assert.Equal("80001f8880bec455530c44096b00000000", Convert.ToHexStringLower(scoped.ContextEngineId.Span));
        Assert.True(scoped.ContextName.IsEmpty);
        Assert.Equal(PduType.TrapV2, scoped.Pdu.Type);
        Assert.Equal(0x15da634b, scoped.Pdu.RequestId);
        Vectors.AssertLinkDownVarBinds(scoped.Pdu.VarBinds, withStatus: false);
    }

    [Fact]
    public void V3_sha_frame_auth_offset_and_plaintext_scoped_pdu()
    {
        var bytes = Vectors.Load("v3-sha");
        var message = Vectors.DecodeV3(bytes);

        Assert.Equal(0x4cd35e2d, message.MessageId);
        Assert.Equal(65507, message.MaxSize);
        Assert.Equal(V3MessageFlags.Auth, message.Flags);
        Assert.Equal(SecurityModels.Usm, message.SecurityModel);
        Assert.Equal(Convert.ToHexStringLower(bytes.AsSpan(27, 46)), Convert.ToHexStringLower(message.SecurityParameters.Span));
        var usm = Assert.IsType<UsmSecurityParameters>(message.Usm);
        Assert.Equal(UsmEngineId, usm.EngineId.ToArray());
        Assert.Equal(1, usm.EngineBoots);
        Assert.Equal(0x835c, usm.EngineTime);
        Assert.Equal("authuser", Encoding.ASCII.GetString(usm.UserName.Span));
        Assert.Equal("6dbd2485670249cf6fa22451", Convert.ToHexStringLower(usm.AuthParameters.Span));
        Assert.Equal(12, usm.AuthParameters.Length); // HMAC-SHA-96
        Assert.True(usm.PrivParameters.IsEmpty);

        // msgAuthenticationParameters: OCTET STRING 04 0c at offset 57, its 12 value bytes at 59.
        Assert.Equal(bytes, message.WholeMessage.ToArray());
        Assert.Equal(59, message.AuthParametersOffset);
        Assert.Equal(usm.AuthParameters.ToArray(), message.WholeMessage.Slice(message.AuthParametersOffset, 12).ToArray());

        Assert.False(message.IsEncrypted);
        var scoped = Assert.IsType<ScopedPdu>(message.ScopedPdu);
        Assert.Equal("80001f8880657b2f460c44096b00000000", Convert.ToHexStringLower(scoped.ContextEngineId.Span));
        Assert.True(scoped.ContextName.IsEmpty);
        Assert.Equal(PduType.TrapV2, scoped.Pdu.Type);
        Assert.Equal(0x360eaae5, scoped.Pdu.RequestId);
        Vectors.AssertLinkDownVarBinds(scoped.Pdu.VarBinds, withStatus: false);
    }

    [Theory]
    [InlineData("v3-sha")]
    [InlineData("v3-sha-aes")]
    public void Auth_parameters_offset_is_what_the_net_snmp_hmac_covers(string name)
    {
        // RFC 3414 §6.3.1: HMAC-SHA-96 over the whole message with the 12 auth bytes zeroed,
        // keyed with the password localized to the authoritative engine id. If the decoder's
        // offset were off by even one byte this would not reproduce net-snmp's MAC.
        var message = Vectors.DecodeV3(Vectors.Load(name));
        var key = Vectors.LocalizedSha1Key("authpass123", UsmEngineId);
        var zeroed = message.WholeMessage.ToArray();
        zeroed.AsSpan(message.AuthParametersOffset, 12).Clear();

        var mac = HMACSHA1.HashData(key, zeroed).AsSpan(0, 12).ToArray();

        Assert.Equal(message.Usm!.AuthParameters.ToArray(), mac);
    }

    [Fact]
    public void V3_sha_aes_frame_keeps_the_scoped_pdu_encrypted()
    {
        var bytes = Vectors.Load("v3-sha-aes");
        var message = Vectors.DecodeV3(bytes);

        Assert.Equal(0x72ebe8ba, message.MessageId);
        Assert.Equal(65507, message.MaxSize);
        Assert.Equal(V3MessageFlags.Auth | V3MessageFlags.Priv, message.Flags);
        Assert.Equal(SecurityModels.Usm, message.SecurityModel);
        Assert.Equal(Convert.ToHexStringLower(bytes.AsSpan(27, 54)), Convert.ToHexStringLower(message.SecurityParameters.Span));
        var usm = Assert.IsType<UsmSecurityParameters>(message.Usm);
        Assert.Equal(UsmEngineId, usm.EngineId.ToArray());
        Assert.Equal(1, usm.EngineBoots);
        Assert.Equal(0x835f, usm.EngineTime);
        Assert.Equal("privuser", Encoding.ASCII.GetString(usm.UserName.Span));
        Assert.Equal("2dc86bd28566130fbfe8a8cb", Convert.ToHexStringLower(usm.AuthParameters.Span));
        Assert.Equal("7062c7b8097c66d3", Convert.ToHexStringLower(usm.PrivParameters.Span)); // AES salt, 8 bytes
        Assert.Equal(8, usm.PrivParameters.Length);
        Assert.Equal(59, message.AuthParametersOffset);
        Assert.Equal(bytes, message.WholeMessage.ToArray());

        Assert.True(message.IsEncrypted);
        Assert.Null(message.ScopedPdu);
        Assert.Equal(97, message.EncryptedPdu.Length);
        Assert.Equal(Convert.ToHexStringLower(bytes.AsSpan(83)), Convert.ToHexStringLower(message.EncryptedPdu.Span));
    }

    [Fact]
    public void V3_sha_aes_decrypted_scoped_pdu_decodes()
    {
        var message = Vectors.DecodeV3(Vectors.Load("v3-sha-aes"));
        var plaintext = Vectors.DecryptAes128Cfb(message, "privpass123", UsmEngineId);
        Assert.Equal(0x30, plaintext[0]);

        var ok = SnmpMessageDecoder.TryDecodeScopedPdu(plaintext, DecodeLimits.Default, out var scoped, out var error);

        Assert.True(ok, error.ToString());
        Assert.NotNull(scoped);
        Assert.Equal("80001f8880ef901e030c44096b00000000", Convert.ToHexStringLower(scoped.ContextEngineId.Span));
        Assert.True(scoped.ContextName.IsEmpty);
        Assert.Equal(PduType.TrapV2, scoped.Pdu.Type);
        Assert.Equal(0x15f73fec, scoped.Pdu.RequestId);
        Vectors.AssertLinkDownVarBinds(scoped.Pdu.VarBinds, withStatus: false);

        // The scoped PDU re-encodes to exactly the plaintext net-snmp encrypted.
        Assert.Equal(Convert.ToHexStringLower(plaintext), Convert.ToHexStringLower(SnmpMessageEncoder.EncodeScopedPdu(scoped)));
    }

    [Fact]
    public void V3_sha_aes_decrypted_scoped_pdu_decodes_with_cipher_padding_after_it()
    {
        // DES-CBC pads the plaintext to 8 bytes; the bytes after the ScopedPDU SEQUENCE are ignored.
        var message = Vectors.DecodeV3(Vectors.Load("v3-sha-aes"));
        var plaintext = Vectors.DecryptAes128Cfb(message, "privpass123", UsmEngineId);
        var padded = plaintext.Concat(new byte[] { 0, 0, 0, 0, 0, 0, 0 }).ToArray();

        var ok = SnmpMessageDecoder.TryDecodeScopedPdu(padded, DecodeLimits.Default, out var scoped, out var error);

        Assert.True(ok, error.ToString());
        Assert.NotNull(scoped);
        Assert.Equal(0x15f73fec, scoped.Pdu.RequestId);
        Assert.Equal(3, scoped.Pdu.VarBinds.Length);
    }

    [Fact]
    public void V3_discovery_probe()
    {
        var bytes = Vectors.Load("v3-discovery-probe");
        var message = Vectors.DecodeV3(bytes);

        Assert.Equal(0x65ec9796, message.MessageId);
        Assert.Equal(65507, message.MaxSize);
        Assert.Equal(V3MessageFlags.Reportable, message.Flags);
        Assert.Equal(SecurityModels.Usm, message.SecurityModel);
        Assert.Equal("300e0400020100020100040004000400", Convert.ToHexStringLower(message.SecurityParameters.Span));
        var usm = Assert.IsType<UsmSecurityParameters>(message.Usm);
        Assert.True(usm.EngineId.IsEmpty);
        Assert.Equal(0, usm.EngineBoots);
        Assert.Equal(0, usm.EngineTime);
        Assert.True(usm.UserName.IsEmpty);
        Assert.True(usm.AuthParameters.IsEmpty);
        Assert.True(usm.PrivParameters.IsEmpty);
        Assert.Equal(bytes, message.WholeMessage.ToArray());

        var scoped = Assert.IsType<ScopedPdu>(message.ScopedPdu);
        Assert.Equal("80001f8880e616232a0c44096b00000000", Convert.ToHexStringLower(scoped.ContextEngineId.Span));
        Assert.True(scoped.ContextName.IsEmpty);
        Assert.Equal(PduType.GetRequest, scoped.Pdu.Type);
        Assert.Equal(0x68ea444a, scoped.Pdu.RequestId);
        Assert.Equal(0, scoped.Pdu.ErrorStatus);
        Assert.Equal(0, scoped.Pdu.ErrorIndex);
        Assert.Empty(scoped.Pdu.VarBinds);
    }
}

/// <summary>Loading of the captured vectors and assertions shared by the codec tests.</summary>
internal static class Vectors
{
    public static readonly string[] All =
    [
        "v1-generic-coldstart", "v1-generic-linkdown", "v1-enterprise-specific",
        "v2c-all-types", "v2c-linkdown", "v2c-inform",
        "v3-noauth", "v3-sha", "v3-sha-aes", "v3-discovery-probe",
    ];

    public static byte[] Load(string name) =>
        Convert.FromHexString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", name + ".hex")).TrimEnd('\n'));

    public static CommunityMessage DecodeCommunity(byte[] bytes)
    {
        Assert.True(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default, out var message, out var error), error.ToString());
        return Assert.IsType<CommunityMessage>(message);
    }

    public static V3Message DecodeV3(byte[] bytes)
    {
        Assert.True(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default, out var message, out var error), error.ToString());
        return Assert.IsType<V3Message>(message);
    }

    public static void AssertVarBind(VarBind actual, string oid, SnmpValue value)
    {
        Assert.Equal(Oid.Parse(oid), actual.Oid);
        Assert.Equal(value.Type, actual.Value.Type);
        Assert.Equal(value, actual.Value);
    }

    /// <summary>sysUpTime.0 = 4242, snmpTrapOID.0 = linkDown, ifIndex.3 = 3 (and admin up, oper down).</summary>
    public static void AssertLinkDownVarBinds(IReadOnlyList<VarBind> vbs, bool withStatus)
    {
        Assert.Equal(withStatus ? 5 : 3, vbs.Count);
        AssertVarBind(vbs[0], "1.3.6.1.2.1.1.3.0", SnmpValue.TimeTicks(4242));
        AssertVarBind(vbs[1], "1.3.6.1.6.3.1.1.4.1.0", SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.6.3.1.1.5.3")));
        AssertVarBind(vbs[2], "1.3.6.1.2.1.2.2.1.1.3", SnmpValue.Integer32(3));
        if (withStatus)
        {
            AssertVarBind(vbs[3], "1.3.6.1.2.1.2.2.1.7.3", SnmpValue.Integer32(1));
            AssertVarBind(vbs[4], "1.3.6.1.2.1.2.2.1.8.3", SnmpValue.Integer32(2));
        }
    }

    /// <summary>RFC 3414 §A.2.2 password-to-key with SHA-1, localized to <paramref name="engineId"/>.</summary>
    public static byte[] LocalizedSha1Key(string password, byte[] engineId)
    {
        var pw = Encoding.ASCII.GetBytes(password);
        var stretched = new byte[1_048_576];
        for (var i = 0; i < stretched.Length; i++)
            stretched[i] = pw[i % pw.Length];
        var ku = SHA1.HashData(stretched);
        return SHA1.HashData([.. ku, .. engineId, .. ku]);
    }

    /// <summary>RFC 3826 CFB128-AES-128 decryption of a captured authPriv message.</summary>
    public static byte[] DecryptAes128Cfb(V3Message message, string privPassword, byte[] engineId)
    {
        var usm = message.Usm!;
        var key = LocalizedSha1Key(privPassword, engineId).AsSpan(0, 16).ToArray();
        var iv = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(iv.AsSpan(0), usm.EngineBoots);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(iv.AsSpan(4), usm.EngineTime);
        usm.PrivParameters.Span.CopyTo(iv.AsSpan(8));

        // CFB is a stream mode: pad to whole blocks for the one-shot API and cut back afterwards.
        var cipher = message.EncryptedPdu.ToArray();
        var padded = new byte[(cipher.Length + 15) / 16 * 16];
        cipher.CopyTo(padded, 0);
        using var aes = Aes.Create();
        aes.Key = key;
        return aes.DecryptCfb(padded, iv, PaddingMode.None, feedbackSizeInBits: 128).AsSpan(0, cipher.Length).ToArray();
    }
}

/// <summary>Structural equality of decoded messages (the records hold ReadOnlyMemory, which compares by reference).</summary>
internal static class MessageAssert
{
    /// <param name="rawSecurityParameters">
    /// Also compare the raw msgSecurityParameters bytes. Off when the expected message was decoded from
    /// non-canonical BER: the encoder writes the USM fields minimally, so only the decoded fields must agree.
    /// </param>
    public static void Equal(SnmpMessage expected, SnmpMessage actual, bool rawSecurityParameters = true)
    {
        Assert.Equal(expected.Version, actual.Version);
        switch (expected)
        {
            case CommunityMessage e:
                var a = Assert.IsType<CommunityMessage>(actual);
                Bytes(e.Community, a.Community);
                Equal(e.Pdu, a.Pdu);
                break;
            case V3Message e3:
                var a3 = Assert.IsType<V3Message>(actual);
                Assert.Equal(e3.MessageId, a3.MessageId);
                Assert.Equal(e3.MaxSize, a3.MaxSize);
                Assert.Equal(e3.Flags, a3.Flags);
                Assert.Equal(e3.SecurityModel, a3.SecurityModel);
                if (rawSecurityParameters || e3.Usm is null)
                    Bytes(e3.SecurityParameters, a3.SecurityParameters);
                Equal(e3.Usm, a3.Usm);
                Assert.Equal(e3.IsEncrypted, a3.IsEncrypted);
                if (e3.ScopedPdu is not null)
                    Equal(e3.ScopedPdu, Assert.IsType<ScopedPdu>(a3.ScopedPdu));
                Bytes(e3.EncryptedPdu, a3.EncryptedPdu);
                break;
            default:
                Assert.Fail($"unexpected message type {expected.GetType()}");
                break;
        }
    }

    public static void Equal(UsmSecurityParameters? expected, UsmSecurityParameters? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Bytes(expected.EngineId, actual.EngineId);
        Assert.Equal(expected.EngineBoots, actual.EngineBoots);
        Assert.Equal(expected.EngineTime, actual.EngineTime);
        Bytes(expected.UserName, actual.UserName);
        Bytes(expected.AuthParameters, actual.AuthParameters);
        Bytes(expected.PrivParameters, actual.PrivParameters);
    }

    public static void Equal(ScopedPdu expected, ScopedPdu actual)
    {
        Bytes(expected.ContextEngineId, actual.ContextEngineId);
        Bytes(expected.ContextName, actual.ContextName);
        Equal(expected.Pdu, actual.Pdu);
    }

    public static void Equal(Pdu expected, Pdu actual)
    {
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.RequestId, actual.RequestId);
        Assert.Equal(expected.ErrorStatus, actual.ErrorStatus);
        Assert.Equal(expected.ErrorIndex, actual.ErrorIndex);
        if (expected.TrapV1 is null)
        {
            Assert.Null(actual.TrapV1);
        }
        else
        {
            var a = Assert.IsType<TrapV1Header>(actual.TrapV1);
            Assert.Equal(expected.TrapV1.Enterprise, a.Enterprise);
            Bytes(expected.TrapV1.AgentAddress, a.AgentAddress);
            Assert.Equal(expected.TrapV1.GenericTrap, a.GenericTrap);
            Assert.Equal(expected.TrapV1.SpecificTrap, a.SpecificTrap);
            Assert.Equal(expected.TrapV1.TimeStamp, a.TimeStamp);
        }
        Assert.Equal(expected.VarBinds.Length, actual.VarBinds.Length);
        for (var i = 0; i < expected.VarBinds.Length; i++)
        {
            Assert.Equal(expected.VarBinds[i].Oid, actual.VarBinds[i].Oid);
            Assert.Equal(expected.VarBinds[i].Value, actual.VarBinds[i].Value);
        }
    }

    public static void Bytes(ReadOnlyMemory<byte> expected, ReadOnlyMemory<byte> actual) =>
        Assert.Equal(Convert.ToHexStringLower(expected.Span), Convert.ToHexStringLower(actual.Span));
}
