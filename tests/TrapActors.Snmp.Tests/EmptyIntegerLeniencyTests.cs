using TrapActors.Snmp.Messages;
using Xunit;

namespace TrapActors.Snmp.Tests;

/// <summary>
/// Zero-length INTEGER-family varbind values (<c>46 00</c>: older releases of a widely used Go SNMP library encode a
/// zero Counter64 so) are read as 0, as net-snmp reads them, and the PDU records the leniency.
/// </summary>
public class EmptyIntegerLeniencyTests
{
    public static TheoryData<string, SnmpValue> EmptyValues => new()
    {
        { "0200", SnmpValue.Integer32(0) },
        { "4100", SnmpValue.Counter32(0) },
        { "4200", SnmpValue.Gauge32(0) },
        { "4300", SnmpValue.TimeTicks(0) },
        { "4700", SnmpValue.UInteger32(0) },
        { "4600", SnmpValue.Counter64(0) },
    };

    [Theory]
    [MemberData(nameof(EmptyValues))]
    public void An_empty_integer_value_reads_as_zero_and_is_recorded(string valueTlv, SnmpValue zero)
    {
        var pdu = Decode(MalformedInputTests.Vb3(valueTlv));

        Assert.Equal(zero, pdu.VarBinds[2].Value);
        Assert.Equal(DecodeLeniency.EmptyInteger, pdu.Leniencies);
    }

    [Fact]
    public void Strict_encodings_record_no_leniency()
    {
        var pdu = Decode(MalformedInputTests.Vb3("460100"));

        Assert.Equal(SnmpValue.Counter64(0), pdu.VarBinds[2].Value);
        Assert.Equal(DecodeLeniency.None, pdu.Leniencies);
    }

    [Fact]
    public void A_v1_trap_with_an_empty_time_stamp_reads_as_zero()
    {
        // Trap-PDU: enterprise 1.3.6.1.4.1.3.1.1, agent-addr 10.1.2.2, generic 0, specific 0, time-stamp 43 00, no varbinds.
        var bytes = Convert.FromHexString("302702010004067075626c6963a41a06082b0601040103010140040a01020202010002010043003000");

        Assert.True(SnmpMessageDecoder.TryDecode(bytes, DecodeLimits.Default, out var message, out var error), error.ToString());
        var pdu = Assert.IsType<CommunityMessage>(message).Pdu;
        Assert.Equal(0u, pdu.TrapV1!.TimeStamp);
        Assert.Equal(DecodeLeniency.EmptyInteger, pdu.Leniencies);
    }

    private static Pdu Decode(string hex)
    {
        Assert.True(SnmpMessageDecoder.TryDecode(Convert.FromHexString(hex), DecodeLimits.Default, out var message, out var error), error.ToString());
        return Assert.IsType<CommunityMessage>(message).Pdu;
    }
}
