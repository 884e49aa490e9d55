using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Interop;

/// <summary>
/// Older releases of a widely used Go SNMP library send a Counter64 of 0 with empty contents (<c>46 00</c>). net-snmp's
/// snmptrapd reads it as 0; so does the receiver, which delivers the trap and counts the leniency.
/// </summary>
public class EmptyCounter64Tests : ReceiverSpec
{
    private static readonly Oid Value = Oid.Parse("1.3.6.1.4.1.99999.1.1");

    /// <summary>A v2c trap ("public", request-id 1) whose third varbind is 1.3.6.1.4.1.99999.1.1 = Counter64 with no content bytes.</summary>
    private static readonly byte[] Datagram = Convert.FromHexString(
        "305102010104067075626c6963a7440201010201000201003039300d06082b060102010103004301003018060a2b060106030101040100" +
        "060a2b06010401868d1f0001300e060a2b06010401868d1f01014600");

    [Fact]
    public async Task The_trap_is_delivered_with_the_value_0_and_the_leniency_is_counted()
    {
        var target = await ReceiverEndPointAsync();
        await SubscribeAsync(TestActor);

        await SendAsync(NewClient(), Datagram, target);

        var n = await this.TrapAsync();
        Assert.Equal("1.3.6.1.4.1.99999.0.1", n.TrapOid.ToString());
        Assert.Equal(SnmpValue.Counter64(0), n.ValueOf(Value));
        var stats = await AwaitStatsAsync(s => s.Delivered == 1, "delivered");
        Assert.Equal(1, stats.LenientDecodes);
        Assert.Equal(0, stats.TotalDropped);
    }

    [Fact]
    public async Task Net_snmps_snmptrapd_reads_the_same_datagram_as_0()
    {
        Assert.True(SnmpTrapdProcess.Available, "snmptrapd is not installed");
        using var trapd = await SnmpTrapdProcess.StartAsync();

        await SendAsync(NewClient(), Datagram, trapd.Endpoint);

        var line = await trapd.ExpectLineAsync(l => l.Contains("99999.1.1 = ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.EndsWith("99999.1.1 = Counter64: 0", line, StringComparison.Ordinal);
    }
}
