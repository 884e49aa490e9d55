using System.Text.Json;
using TrapActors.Daemon;
using TrapActors.Snmp.Messages;
using Xunit;
using static TrapActors.Daemon.Tests.Infrastructure.Notifications;
using static TrapActors.Daemon.Tests.Infrastructure.TextOracleMib;

namespace TrapActors.Daemon.Tests;

/// <summary>
/// The daemon's JSON and text formatters called with a describer over real modules (TEXT-ORACLE-MIB, RFC1213-MIB):
/// JSON's "bits", "display" and "enum" fields, and the same values in the text format as snmptrapd prints them.
/// </summary>
public sealed class MibFormattersTests(MibFormattersFixture mibs) : IClassFixture<MibFormattersFixture>
{
    private static readonly SnmpNotification Sample = V2c(
        Vb(Modes + ".0", SnmpValue.OctetString(new byte[] { 0x80, 0x40 })),
        Vb(Mac + ".0", SnmpValue.OctetString(Convert.FromHexString("001a2b3c4d5e"))),
        Vb(Date + ".0", SnmpValue.OctetString(Convert.FromHexString("07E8030F0D2D1E002B0100"))),
        Vb(State + ".0", SnmpValue.Integer32(1)),
        Vb(State + ".1", SnmpValue.Integer32(7)),
        Vb(Text + ".0", SnmpValue.OctetString("say \"hi\"\nbye")));

    private JsonElement JsonVarBind(SnmpNotification n, string oid) =>
        JsonDocument.Parse(NotificationJson.FormatString(n, mibs.Describer)).RootElement.GetProperty("varbinds")
            .EnumerateArray().Single(vb => vb.GetProperty("oid").GetString() == oid).Clone();

    private string[] TextVarBinds(SnmpNotification n)
    {
        var line = NotificationText.FormatString(n, mibs.Describer);
        Assert.DoesNotContain('\n', line);
        return line.Split(" | ")[1..];
    }

    private string TextVarBind(params VarBind[] varBinds) => TextVarBinds(V2c(varBinds))[2];

    [Fact]
    public void Json_has_bits_display_and_enum_fields()
    {
        var modes = JsonVarBind(Sample, Modes + ".0");
        Assert.Equal("TEXT-ORACLE-MIB::toModes.0", modes.GetProperty("name").GetString());
        Assert.Equal(["first", "tenth"], modes.GetProperty("bits").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal("8040", modes.GetProperty("hex").GetString());
        Assert.False(modes.TryGetProperty("display", out _));

        Assert.Equal("0:1a:2b:3c:4d:5e", JsonVarBind(Sample, Mac + ".0").GetProperty("display").GetString());
        Assert.Equal("2024-3-15,13:45:30.0,+1:0", JsonVarBind(Sample, Date + ".0").GetProperty("display").GetString());
        Assert.Equal("say \"hi\"\nbye", JsonVarBind(Sample, Text + ".0").GetProperty("display").GetString());
        Assert.False(JsonVarBind(Sample, Mac + ".0").TryGetProperty("bits", out _));

        Assert.Equal("up", JsonVarBind(Sample, State + ".0").GetProperty("enum").GetString());
        var unlabelled = JsonVarBind(Sample, State + ".1");
        Assert.False(unlabelled.TryGetProperty("enum", out _));
        Assert.Equal("TEXT-ORACLE-MIB::toState.1", unlabelled.GetProperty("name").GetString());
    }

    [Fact]
    public void Text_renders_the_same_values_as_snmptrapd()
    {
        Assert.Equal(
        [
            "TEXT-ORACLE-MIB::toModes.0 = BITS: 80 40 first(0) tenth(9) ",
            "TEXT-ORACLE-MIB::toMac.0 = STRING: 0:1a:2b:3c:4d:5e",
            "TEXT-ORACLE-MIB::toDate.0 = STRING: 2024-3-15,13:45:30.0,+1:0",
            "TEXT-ORACLE-MIB::toState.0 = INTEGER: up(1)",
            "TEXT-ORACLE-MIB::toState.1 = INTEGER: 7",
            "TEXT-ORACLE-MIB::toText.0 = STRING: say \"hi\"\\nbye", // quotes as snmptrapd shows them, the line break escaped
        ], TextVarBinds(Sample)[2..]);
        Assert.EndsWith(" = OID: SNMPv2-SMI::enterprises.8072.2.3.0.1", TextVarBinds(Sample)[1]); // the longest known prefix, as net-snmp names it
        Assert.EndsWith(" = Timeticks: (4242) 0:00:42.42", TextVarBinds(Sample)[0]);
    }

    [Fact]
    public void Text_strings_without_a_hint_are_quoted_or_hex_as_in_net_snmp()
    {
        const string IfDescr = "1.3.6.1.2.1.2.2.1.2.1";
        Assert.Equal("RFC1213-MIB::ifDescr.1 = STRING: \"a\\tb \\\"q\\\" c:\\\\\"", TextVarBind(Vb(IfDescr, SnmpValue.OctetString("a\tb \"q\" c:\\"))));
        Assert.Equal("RFC1213-MIB::ifDescr.1 = \"\"", TextVarBind(Vb(IfDescr, SnmpValue.OctetString(""))));
        // net-snmp's isprint is ASCII: UTF-8 and a trailing NUL make a Hex-STRING.
        Assert.Equal("RFC1213-MIB::ifDescr.1 = Hex-STRING: C3 A9 ", TextVarBind(Vb(IfDescr, SnmpValue.OctetString("é"))));
        Assert.Equal("RFC1213-MIB::ifDescr.1 = Hex-STRING: 41 42 00 ", TextVarBind(Vb(IfDescr, SnmpValue.OctetString(new byte[] { 0x41, 0x42, 0 }))));
        // snmptrapd breaks the line after 16 octets; the text format keeps one line and shows the break as \n.
        var long18 = Enumerable.Range(0, 18).Select(i => (byte)i).ToArray();
        Assert.Equal("RFC1213-MIB::ifDescr.1 = Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F \\n10 11 ",
            TextVarBind(Vb(IfDescr, SnmpValue.OctetString(long18))));
    }

    [Fact]
    public void Text_numbers_addresses_and_exceptions_as_in_net_snmp()
    {
        Assert.Equal("RFC1213-MIB::ifInOctets.1 = Counter32: 42", TextVarBind(Vb("1.3.6.1.2.1.2.2.1.10.1", SnmpValue.Counter32(42))));
        Assert.Equal("RFC1213-MIB::ifSpeed.1 = Gauge32: 100", TextVarBind(Vb("1.3.6.1.2.1.2.2.1.5.1", SnmpValue.Gauge32(100))));
        Assert.Equal("TEXT-ORACLE-MIB::toBig.0 = Counter64: 18446744073709551615", TextVarBind(Vb(Big + ".0", SnmpValue.Counter64(ulong.MaxValue))));
        Assert.Equal("RFC1213-MIB::ipAdEntAddr.10.0.0.1 = IpAddress: 10.0.0.1",
            TextVarBind(Vb("1.3.6.1.2.1.4.20.1.1.10.0.0.1", SnmpValue.IpAddress(new byte[] { 10, 0, 0, 1 }))));
        Assert.Equal("RFC1213-MIB::sysObjectID.0 = OID: TEXT-ORACLE-MIB::toEvent",
            TextVarBind(Vb("1.3.6.1.2.1.1.2.0", SnmpValue.ObjectIdentifier(Oid.Parse(Event)))));
        Assert.Equal("RFC1213-MIB::sysContact.0 = NULL", TextVarBind(Vb("1.3.6.1.2.1.1.4.0", SnmpValue.Null)));
        Assert.Equal("RFC1213-MIB::sysContact.0 = No Such Object available on this agent at this OID",
            TextVarBind(Vb("1.3.6.1.2.1.1.4.0", SnmpValue.NoSuchObject)));
        Assert.Equal("RFC1213-MIB::sysContact.0 = OPAQUE: 41 42 ", TextVarBind(Vb("1.3.6.1.2.1.1.4.0", SnmpValue.Opaque(new byte[] { 0x41, 0x42 }))));
    }

    [Theory]
    [InlineData(0u, "(0) 0:00:00.00")]
    [InlineData(4242u, "(4242) 0:00:42.42")]
    [InlineData(8640000u, "(8640000) 1 day, 0:00:00.00")]
    [InlineData(360000123u, "(360000123) 41 days, 16:00:01.23")]
    [InlineData(uint.MaxValue, "(4294967295) 497 days, 2:27:52.95")]
    public void Timeticks_as_net_snmp_prints_them(uint ticks, string expected) =>
        Assert.Equal(expected, SnmptrapdValueText.TimeTicks(ticks));

    [Fact]
    public void An_oid_no_module_knows_keeps_its_numbers()
    {
        var line = NotificationText.FormatString(V2c(Vb("1.3.6.1.4.1.99978.1", SnmpValue.Integer32(-5))), mibs.Describer);
        Assert.Matches(@" \| \S+ = INTEGER: -5$", line);
    }
}
