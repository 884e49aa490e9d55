using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json;
using TrapActors.Daemon;
using TrapActors.Daemon.Tests.Infrastructure;
using TrapActors.Snmp.Messages;
using Xunit;
using static TrapActors.Daemon.Tests.Infrastructure.Notifications;

namespace TrapActors.Daemon.Tests;

public sealed class NotificationJsonTests
{
    private static JsonElement Json(SnmpNotification n)
    {
        var bytes = NotificationJson.Format(n);
        Assert.DoesNotContain((byte)'\n', bytes);
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    /// <summary>The one extra varbind after sysUpTime.0 and snmpTrapOID.0.</summary>
    private static JsonElement VarBind(SnmpValue value) => Json(V2c(Vb("1.3.6.1.4.1.99.1", value))).GetProperty("varbinds")[2];

    private static void AssertVarBind(SnmpValue value, string type, string expectedJsonValue, string? expectedHex = null)
    {
        var vb = VarBind(value);
        Assert.Equal("1.3.6.1.4.1.99.1", vb.GetProperty("oid").GetString());
        Assert.Equal(type, vb.GetProperty("type").GetString());
        Assert.Equal(expectedJsonValue, vb.GetProperty("value").GetRawText());
        if (expectedHex is null)
            Assert.False(vb.TryGetProperty("hex", out _));
        else
            Assert.Equal(expectedHex, vb.GetProperty("hex").GetString());
    }

    [Fact]
    public void V2c_trap_header_fields()
    {
        var json = Json(V2c());
        Assert.Equal("2026-11-27T08:44:16.123Z", json.GetProperty("receivedAt").GetString());
        Assert.Equal("192.0.2.7:1234", json.GetProperty("source").GetString());
        Assert.Equal("udp", json.GetProperty("transport").GetString());
        Assert.Equal("v2c", json.GetProperty("version").GetString());
        Assert.Equal("trap", json.GetProperty("pdu").GetString());
        Assert.Equal("public", json.GetProperty("community").GetString());
        Assert.Equal(77, json.GetProperty("requestId").GetInt32());
        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.1", json.GetProperty("trapOid").GetString());
        Assert.Equal(4242, json.GetProperty("uptime").GetInt64());
        foreach (var absent in new[] { "enterprise", "agentAddress", "genericTrap", "specificTrap", "user", "securityLevel", "engineId", "contextEngineId", "contextName" })
            Assert.False(json.TryGetProperty(absent, out _), absent);
        var varbinds = json.GetProperty("varbinds");
        Assert.Equal(2, varbinds.GetArrayLength());
        Assert.Equal("1.3.6.1.2.1.1.3.0", varbinds[0].GetProperty("oid").GetString());
        Assert.Equal("TimeTicks", varbinds[0].GetProperty("type").GetString());
        Assert.Equal(4242, varbinds[0].GetProperty("value").GetInt64());
        Assert.Equal("ObjectIdentifier", varbinds[1].GetProperty("type").GetString());
        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.1", varbinds[1].GetProperty("value").GetString());
    }

    [Fact]
    public void Receive_time_is_UTC_with_milliseconds()
    {
        var n = V2c() with { ReceivedAt = new DateTimeOffset(2026, 1, 2, 10, 4, 5, 7, TimeSpan.FromHours(2)) };
        Assert.Equal("2026-01-02T08:04:05.007Z", Json(n).GetProperty("receivedAt").GetString());
    }

    [Fact]
    public void Inform_pdu()
    {
        var n = V2c() with { Kind = NotificationKind.Inform };
        Assert.Equal("inform", Json(n).GetProperty("pdu").GetString());
    }

    [Theory]
    [InlineData("[::1]:40000", "[::1]:40000")]
    [InlineData("[fe80::1]:162", "[fe80::1]:162")]
    [InlineData("[::ffff:127.0.0.1]:5000", "127.0.0.1:5000")]
    [InlineData("10.1.2.3:65535", "10.1.2.3:65535")]
    public void Source_address_forms(string source, string expected) =>
        Assert.Equal(expected, Json(V2c(Origin(source: source))).GetProperty("source").GetString());

    [Fact]
    public void Integer_types_are_numbers()
    {
        AssertVarBind(SnmpValue.Integer32(-2147483648), "Integer32", "-2147483648");
        AssertVarBind(SnmpValue.Integer32(2147483647), "Integer32", "2147483647");
        AssertVarBind(SnmpValue.Counter32(uint.MaxValue), "Counter32", "4294967295");
        AssertVarBind(SnmpValue.Gauge32(0), "Gauge32", "0");
        AssertVarBind(SnmpValue.TimeTicks(123456), "TimeTicks", "123456");
        AssertVarBind(SnmpValue.UInteger32(17), "UInteger32", "17");
        AssertVarBind(SnmpValue.Counter64(ulong.MaxValue), "Counter64", "18446744073709551615");
        AssertVarBind(SnmpValue.Counter64(0), "Counter64", "0");
    }

    [Fact]
    public void Counter64_max_is_an_exact_number()
    {
        var vb = VarBind(SnmpValue.Counter64(ulong.MaxValue));
        Assert.Equal(JsonValueKind.Number, vb.GetProperty("value").ValueKind);
        Assert.Equal(ulong.MaxValue, vb.GetProperty("value").GetUInt64());
    }

    [Fact]
    public void Oids_and_ip_addresses_are_dotted_strings()
    {
        AssertVarBind(SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.4294967295")), "ObjectIdentifier", "\"1.3.6.1.4.1.4294967295\"");
        AssertVarBind(SnmpValue.IpAddress(IPAddress.Parse("10.20.30.40")), "IpAddress", "\"10.20.30.40\"");
    }

    [Fact]
    public void An_ip_address_of_the_wrong_length_shows_its_bytes()
    {
        AssertVarBind(SnmpValue.IpAddress(new byte[] { 1, 2, 3 }), "IpAddress", "null", "010203");
    }

    [Fact]
    public void Null_and_exceptions_have_a_null_value()
    {
        AssertVarBind(SnmpValue.Null, "Null", "null");
        AssertVarBind(SnmpValue.NoSuchObject, "NoSuchObject", "null");
        AssertVarBind(SnmpValue.NoSuchInstance, "NoSuchInstance", "null");
        AssertVarBind(SnmpValue.EndOfMibView, "EndOfMibView", "null");
    }

    [Fact]
    public void Text_octet_strings_carry_value_and_lowercase_hex()
    {
        AssertVarBind(SnmpValue.OctetString("link down"), "OctetString", "\"link down\"", "6c696e6b20646f776e");
        var unicode = VarBind(SnmpValue.OctetString("h\u00e9llo \u2603 \U0001F600"));
        Assert.Equal("h\u00e9llo \u2603 \U0001F600", unicode.GetProperty("value").GetString());
        Assert.Equal(Convert.ToHexStringLower(Encoding.UTF8.GetBytes("h\u00e9llo \u2603 \U0001F600")), unicode.GetProperty("hex").GetString());
        AssertVarBind(SnmpValue.OctetString(""), "OctetString", "\"\"", "");
    }

    [Fact]
    public void Tab_CR_and_LF_are_text_and_escaped_in_the_json()
    {
        var vb = VarBind(SnmpValue.OctetString("a\tb\r\nc"));
        Assert.Equal("a\tb\r\nc", vb.GetProperty("value").GetString());
        Assert.Equal("6109620d0a63", vb.GetProperty("hex").GetString());
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0xff, 0x10 }, "00ff10")] // invalid UTF-8
    [InlineData(new byte[] { 0x41, 0x00 }, "4100")] // NUL
    [InlineData(new byte[] { 0x41, 0x1b, 0x5b }, "411b5b")] // ESC
    [InlineData(new byte[] { 0x7f }, "7f")] // DEL
    [InlineData(new byte[] { 0xc2, 0x85 }, "c285")] // U+0085, a C1 control
    [InlineData(new byte[] { 0xc3, 0x28 }, "c328")] // bad continuation byte
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 }, "eda080")] // UTF-16 surrogate encoded in UTF-8
    [InlineData(new byte[] { 0xc0, 0xaf }, "c0af")] // overlong
    [InlineData(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, "deadbeef")]
    public void Binary_octet_strings_have_a_null_value_and_hex(byte[] bytes, string hex) =>
        AssertVarBind(SnmpValue.OctetString(bytes), "OctetString", "null", hex);

    [Fact]
    public void Opaque_and_NsapAddress_are_byte_strings()
    {
        AssertVarBind(SnmpValue.Opaque(new byte[] { 0x9f, 0x78, 0x04, 0x42, 0xf6, 0x00, 0x00 }), "Opaque", "null", "9f780442f60000");
        AssertVarBind(SnmpValue.Opaque(Encoding.UTF8.GetBytes("opaque text")), "Opaque", "\"opaque text\"", "6f70617175652074657874");
        AssertVarBind(SnmpValue.NsapAddress(new byte[] { 0x47, 0x00, 0x05 }), "NsapAddress", "null", "470005");
    }

    [Fact]
    public void Hex_is_always_lowercase()
    {
        var vb = VarBind(SnmpValue.OctetString(new byte[] { 0xAB, 0xCD, 0xEF, 0x00 }));
        Assert.Equal("abcdef00", vb.GetProperty("hex").GetString());
    }

    [Fact]
    public void Every_SnmpType_has_its_member_name()
    {
        foreach (var type in Enum.GetValues<SnmpType>())
            Assert.Equal(type.ToString(), NotificationJson.TypeName(type));
    }

    [Fact]
    public void V1_trap_fields_and_only_the_pdu_varbinds()
    {
        var enterprise = Oid.Parse("1.3.6.1.4.1.8072.3.2.10");
        ImmutableArray<VarBind> pduVarBinds = [Vb("1.3.6.1.2.1.2.2.1.1.3", SnmpValue.Integer32(3))];
        ImmutableArray<VarBind> translated =
        [
            new(WellKnownOids.SysUpTime0, SnmpValue.TimeTicks(555)),
            new(WellKnownOids.SnmpTrapOid0, SnmpValue.ObjectIdentifier(enterprise.Append(0, 17))),
            .. pduVarBinds,
            new(WellKnownOids.SnmpTrapAddress0, SnmpValue.IpAddress(IPAddress.Parse("127.1.2.3"))),
            new(WellKnownOids.SnmpTrapEnterprise0, SnmpValue.ObjectIdentifier(enterprise)),
        ];
        var n = new SnmpNotification(NotificationKind.Trap, enterprise.Append(0, 17), 555, translated, Origin(SnmpVersion.V1), At)
        {
            PduVarBinds = pduVarBinds,
            V1 = new TrapV1Details(enterprise, IPAddress.Parse("127.1.2.3"), 6, 17, 555),
        };

        var json = Json(n);
        Assert.Equal("v1", json.GetProperty("version").GetString());
        Assert.Equal(0, json.GetProperty("requestId").GetInt32());
        Assert.Equal("1.3.6.1.4.1.8072.3.2.10.0.17", json.GetProperty("trapOid").GetString());
        Assert.Equal(555, json.GetProperty("uptime").GetInt64());
        Assert.Equal("1.3.6.1.4.1.8072.3.2.10", json.GetProperty("enterprise").GetString());
        Assert.Equal("127.1.2.3", json.GetProperty("agentAddress").GetString());
        Assert.Equal(6, json.GetProperty("genericTrap").GetInt32());
        Assert.Equal(17, json.GetProperty("specificTrap").GetInt32());
        var varbind = Assert.Single(json.GetProperty("varbinds").EnumerateArray());
        Assert.Equal("1.3.6.1.2.1.2.2.1.1.3", varbind.GetProperty("oid").GetString());
        Assert.Equal(3, varbind.GetProperty("value").GetInt32());
    }

    [Fact]
    public void V1_agent_address_that_is_not_four_bytes_is_null()
    {
        var n = V2c(Origin(SnmpVersion.V1)) with
        {
            V1 = new TrapV1Details(Oid.Parse("1.3.6.1.4.1.1"), null, 0, 0, 0),
        };
        Assert.Equal(JsonValueKind.Null, Json(n).GetProperty("agentAddress").ValueKind);
    }

    [Fact]
    public void V3_fields_replace_the_community()
    {
        var origin = new NotificationOrigin(IPEndPoint.Parse("[::1]:50000"), "udp", SnmpVersion.V3, SecurityLevel.AuthPriv)
        {
            User = "alice",
            EngineId = [0x80, 0x00, 0x1F, 0x88, 0x04],
            ContextEngineId = [0x80, 0x00, 0xAB],
            ContextName = "ctx",
        };
        var json = Json(V2c(origin));
        Assert.Equal("v3", json.GetProperty("version").GetString());
        Assert.Equal("[::1]:50000", json.GetProperty("source").GetString());
        Assert.Equal("alice", json.GetProperty("user").GetString());
        Assert.Equal("authPriv", json.GetProperty("securityLevel").GetString());
        Assert.Equal("80001f8804", json.GetProperty("engineId").GetString());
        Assert.Equal("8000ab", json.GetProperty("contextEngineId").GetString());
        Assert.Equal("ctx", json.GetProperty("contextName").GetString());
        Assert.False(json.TryGetProperty("community", out _));
    }

    [Fact]
    public void Community_with_quotes_and_unicode_is_escaped_correctly()
    {
        var json = Json(V2c(Origin(community: "a\"b\\c\u00e9")));
        Assert.Equal("a\"b\\c\u00e9", json.GetProperty("community").GetString());
    }

    [Fact]
    public void Varbinds_keep_their_order()
    {
        var n = V2c(
            Vb("1.3.6.1.4.1.99.3", SnmpValue.Integer32(3)),
            Vb("1.3.6.1.4.1.99.1", SnmpValue.Integer32(1)),
            Vb("1.3.6.1.4.1.99.2", SnmpValue.Integer32(2)));
        var oids = Json(n).GetProperty("varbinds").EnumerateArray().Skip(2).Select(v => v.GetProperty("oid").GetString());
        Assert.Equal(["1.3.6.1.4.1.99.3", "1.3.6.1.4.1.99.1", "1.3.6.1.4.1.99.2"], oids);
    }

    [Theory]
    [InlineData(new byte[] { 0x68, 0x69 }, "hi")]
    [InlineData(new byte[] { 0x09, 0x0d, 0x0a }, "\t\r\n")]
    [InlineData(new byte[] { }, "")]
    [InlineData(new byte[] { 0x01 }, null)]
    [InlineData(new byte[] { 0xff }, null)]
    public void Text_detection(byte[] bytes, string? expected) => Assert.Equal(expected, SnmpText.TryGetText(bytes));
}
