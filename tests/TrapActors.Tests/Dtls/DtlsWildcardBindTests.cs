using System.Net;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using Xunit;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// A DTLS listener bound to 0.0.0.0: an association answers from the address its client sent to. net-snmp's DTLS
/// client looks each datagram's connection up by the address it came from, so handshake flights from 127.0.0.1 to a
/// client that sent to 127.0.0.2 belong to no connection of its own, and the handshake never completes.
/// </summary>
public sealed class DtlsWildcardBindTests() : DtlsReceiverSpec(_ => """trap-actors.listener.endpoints = ["dtls:0.0.0.0:0"]""")
{
    private static readonly IPAddress SecondLoopback = IPAddress.Parse("127.0.0.2");

    private async Task<int> WildcardPortAsync()
    {
        var bound = await DtlsEndPointAsync();
        Assert.Equal(IPAddress.Any, bound.Address);
        return bound.Port;
    }

    [Fact]
    public async Task Snmptrap_over_DTLS_to_127_0_0_2_is_delivered_with_127_0_0_2_as_its_local_endpoint()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await WildcardPortAsync();
        await SubscribeAsync(TestActor);

        await NetSnmpDtls.TrapSentAsync(StoreFor(), port, target: "dtlsudp:127.0.0.2");

        var n = await this.TrapAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("dtls", n.Origin.Transport);
        Assert.Equal(new IPEndPoint(SecondLoopback, port), n.Origin.LocalEndPoint);
    }

    [Fact]
    public async Task Snmpinform_over_DTLS_to_127_0_0_2_gets_its_Response()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var port = await WildcardPortAsync();
        await SubscribeAsync(TestActor);

        var result = await NetSnmpDtls.InformAsync(StoreFor(), port, target: "dtlsudp:127.0.0.2");

        Assert.True(result.ExitCode == 0, $"snmpinform: {result}");
        var inform = await this.InformAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new IPEndPoint(SecondLoopback, port), inform.Notification.Origin.LocalEndPoint);
        Assert.Equal(1, (await StatsAsync()).InformsAnswered);
    }
}
