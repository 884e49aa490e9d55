using System.Net;
using System.Net.Sockets;
using TrapActors.Snmp.Messages;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using TrapActors.Tests.Usm;
using Xunit;

namespace TrapActors.Tests.Activation;

/// <summary>
/// A listener bound to a wildcard address answers from the address each datagram was sent to, and reports that address
/// as the notification's local endpoint. The senders here are UDP sockets <em>connected</em> to the address they send
/// to: the kernel drops every datagram that does not come from exactly that address and port, as a stateful firewall or
/// an HA pair's virtual IP would. 127.0.0.2 is a second loopback address (127.0.0.0/8 is all loopback on Linux), which
/// the system would not choose as the source of an answer to 127.0.0.1. The informs and probes are net-snmp's bytes.
/// </summary>
public abstract class WildcardBindSpec(string endpoint, string overrides = "")
    : ReceiverSpec($"trap-actors.listener.endpoints = [\"{endpoint}\"]\n{overrides}")
{
    protected static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The bound port (the bound address is the wildcard).</summary>
    protected async Task<int> PortAsync(AddressFamily family)
    {
        var bound = await ReceiverEndPointAsync(family);
        Assert.True(bound.Address.Equals(IPAddress.Any) || bound.Address.Equals(IPAddress.IPv6Any), $"bound to {bound}");
        return bound.Port;
    }

    /// <summary>A UDP socket connected to <paramref name="target"/>: only datagrams from exactly there reach it.</summary>
    protected UdpClient Connected(IPEndPoint target)
    {
        var client = Track(new UdpClient(target.AddressFamily));
        client.Connect(target);
        return client;
    }

    /// <summary>snmpinform -v 2c's InformRequest as net-snmp encodes it.</summary>
    protected static Task<byte[]> NetSnmpV2cInformAsync() =>
        NetSnmpCapture.FirstDatagramAsync("snmpinform", "-v", "2c", "-c", "public", "-r", "0", "-t", "1", "TARGET",
            "555", "1.3.6.1.4.1.8072.2.3.0.2", "1.3.6.1.4.1.8072.9999.4.1", "s", "from a connected socket");

    /// <summary>The engine-discovery probe snmpinform -v 3 sends first (RFC 3414 §4), as net-snmp encodes it.</summary>
    protected static Task<byte[]> NetSnmpDiscoveryProbeAsync() =>
        NetSnmpCapture.FirstDatagramAsync("snmpinform", [.. UsmTestData.NoPersistentState, "-v", "3", "-u", "nobody", "-l", "noAuthNoPriv",
            "-r", "0", "-t", "1", "TARGET", "1", "1.3.6.1.4.1.8072.2.3.0.3"]);

    /// <summary>Sends net-snmp's inform from a socket connected to <paramref name="target"/>; asserts its Response arrives and the notification's local endpoint.</summary>
    protected async Task AssertInformAnsweredFromAsync(IPEndPoint target)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        await SubscribeAsync(TestActor);
        var inform = await NetSnmpV2cInformAsync();
        var client = Connected(target);

        await client.SendAsync(inform);

        var answer = await TryReceiveAsync(client, AnswerTimeout);
        Assert.True(answer is not null, $"no Response reached the socket connected to {target}");
        var response = Packets.DecodeCommunity(answer);
        Assert.Equal(PduType.Response, response.Pdu.Type);
        Assert.Equal(Packets.DecodeCommunity(inform).Pdu.RequestId, response.Pdu.RequestId);
        var notification = (await this.InformAsync()).Notification;
        Assert.Equal(target, notification.Origin.LocalEndPoint);
        Assert.Equal(target.AddressFamily, notification.Origin.Source.AddressFamily);
    }

    /// <summary>net-snmp's discovery probe from a socket connected to <paramref name="target"/> gets its Report there.</summary>
    protected async Task AssertReportFromAsync(IPEndPoint target)
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var probe = await NetSnmpDiscoveryProbeAsync();
        var client = Connected(target);

        await client.SendAsync(probe);

        var answer = await TryReceiveAsync(client, AnswerTimeout);
        Assert.True(answer is not null, $"no Report reached the socket connected to {target}");
        var scoped = UsmTestData.DecodeV3(answer).ScopedPdu;
        Assert.NotNull(scoped);   // a discovery Report is not encrypted
        Assert.Equal(PduType.Report, scoped.Pdu.Type);
        Assert.Equal(UsmTestData.UsmStatsUnknownEngineIds, scoped.Pdu.VarBinds[0].Oid);
    }
}

/// <summary>udp:0.0.0.0:0</summary>
public sealed class WildcardIPv4BindTests() : WildcardBindSpec("udp:0.0.0.0:0")
{
    [Theory]
    [InlineData("127.0.0.2")]
    [InlineData("127.0.0.1")]
    public async Task An_inform_is_answered_from_the_address_it_was_sent_to(string address) =>
        await AssertInformAnsweredFromAsync(new IPEndPoint(IPAddress.Parse(address), await PortAsync(AddressFamily.InterNetwork)));

    [Fact]
    public async Task A_v3_discovery_probe_to_127_0_0_2_gets_its_Report_from_127_0_0_2() =>
        await AssertReportFromAsync(new IPEndPoint(IPAddress.Parse("127.0.0.2"), await PortAsync(AddressFamily.InterNetwork)));

    [Fact]
    public async Task Each_datagram_of_one_source_carries_the_local_endpoint_it_arrived_on()
    {
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var port = await PortAsync(AddressFamily.InterNetwork);
        await SubscribeAsync(TestActor);
        var trap = await NetSnmpCapture.FirstDatagramAsync("snmptrap", "-v", "2c", "-c", "public", "TARGET", "1", "1.3.6.1.4.1.8072.2.3.0.1");
        var client = NewClient();   // one source, so one session for both

        await SendAsync(client, trap, new IPEndPoint(IPAddress.Parse("127.0.0.2"), port));
        await SendAsync(client, trap, new IPEndPoint(IPAddress.Loopback, port));

        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.2"), port), (await this.TrapAsync()).Origin.LocalEndPoint);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, port), (await this.TrapAsync()).Origin.LocalEndPoint);
    }

    [Fact]
    public async Task Snmpinform_to_127_0_0_2_gets_its_Response_and_the_notification_names_127_0_0_2()
    {
        // net-snmp's own socket is not connected (it accepted an answer from 127.0.0.1 before the fix as well):
        // what this adds is the real tool end to end and the local endpoint.
        Assert.True(NetSnmpTools.Available, "net-snmp is not installed");
        var target = new IPEndPoint(IPAddress.Parse("127.0.0.2"), await PortAsync(AddressFamily.InterNetwork));
        await SubscribeAsync(TestActor);

        var result = await NetSnmpTools.SnmpInformAsync("-v", "2c", "-c", "public", "-r", "0", "-t", "5", $"127.0.0.2:{target.Port}",
            "1", "1.3.6.1.4.1.8072.2.3.0.2");

        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        Assert.Equal(target, (await this.InformAsync()).Notification.Origin.LocalEndPoint);
    }
}

/// <summary>udp:[::]:0, dual stack: IPv4 destinations are reported (and answered from) as IPv4, like sources.</summary>
public sealed class WildcardDualStackBindTests() : WildcardBindSpec("udp:[::]:0", "trap-actors.listener.dual-stack = on")
{
    [Theory]
    [InlineData("127.0.0.2")]
    [InlineData("::1")]
    public async Task An_inform_is_answered_from_the_address_it_was_sent_to(string address) =>
        await AssertInformAnsweredFromAsync(new IPEndPoint(IPAddress.Parse(address), await PortAsync(AddressFamily.InterNetworkV6)));

    [Theory]
    [InlineData("127.0.0.2")]
    [InlineData("::1")]
    public async Task A_v3_discovery_probe_gets_its_Report_from_the_address_it_was_sent_to(string address) =>
        await AssertReportFromAsync(new IPEndPoint(IPAddress.Parse(address), await PortAsync(AddressFamily.InterNetworkV6)));
}

/// <summary>udp:[::]:0 without dual stack: IPv6 only.</summary>
public sealed class WildcardIPv6OnlyBindTests() : WildcardBindSpec("udp:[::]:0", "trap-actors.listener.dual-stack = off")
{
    [Fact]
    public async Task An_inform_to_ipv6_loopback_is_answered_from_it() =>
        await AssertInformAnsweredFromAsync(new IPEndPoint(IPAddress.IPv6Loopback, await PortAsync(AddressFamily.InterNetworkV6)));
}
