using System.Net;
using Akka.TestKit;
using TrapActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// A receiver with one DTLS endpoint on 127.0.0.1 (ephemeral port) and a fresh TestPki: the server certificate
/// (leaf + CA) and key, the CA as the only trust anchor, and a cert map naming the test client by its CN through
/// its own SHA-256 fingerprint (so the "unmapped" client, trusted but not listed, gets no name).
/// <c>overrides</c> is HOCON built from the PKI (fingerprints differ per test) and wins over these defaults.
/// </summary>
public abstract class DtlsReceiverSpec : ReceiverSpec
{
    public static readonly string NetSnmpMissing = "net-snmp's snmptrap/snmpinform are not installed";

    private protected DtlsReceiverSpec(Func<TestPki, string>? overrides = null, ITestOutputHelper? output = null)
        : this(new TestPki(), overrides, output)
    {
    }

    private DtlsReceiverSpec(TestPki pki, Func<TestPki, string>? overrides, ITestOutputHelper? output)
        : base(DtlsHocon(pki) + "\n" + (overrides?.Invoke(pki) ?? ""), output)
    {
        Pki = Track(pki);
    }

    /// <summary>With a receiver setup (the client-authentication policy, an in-memory server identity), made from the PKI.</summary>
    private protected DtlsReceiverSpec(Func<TestPki, TrapReceiverSetup> setup)
        : this(new TestPki(), setup)
    {
    }

    private DtlsReceiverSpec(TestPki pki, Func<TestPki, TrapReceiverSetup> setup)
        : base(Setup(DtlsHocon(pki), setup(pki)))
    {
        Pki = Track(pki);
    }

    private protected TestPki Pki { get; }

    /// <summary>The listener path the spoofing tests look under (the guardian names listeners transport-address-configured port).</summary>
    protected const string DtlsListenerPath = "/system/trap-actors/listener-dtls-127.0.0.1-0";

    private protected static string DtlsHocon(TestPki pki) => $$"""
        trap-actors {
          listener.endpoints = ["dtls:127.0.0.1:0"]
          dtls {
            certificate-file = "{{pki.ServerChainFile}}"
            key-file = "{{pki.Server.KeyFile}}"
            trust-anchors-file = "{{pki.Ca.CertificateFile}}"
            cert-map = ["{{TestPki.CertSecName(10, pki.Client, "--cn")}}"]
            handshake-timeout = 5s
          }
        }
        """;

    /// <summary>The local endpoint of the DTLS listener (Transport "dtls").</summary>
    protected async Task<IPEndPoint> DtlsEndPointAsync()
    {
        var bound = await ActivateAsync();
        Assert.True(bound.AllBound, $"bind failures: {string.Join("; ", bound.Failures)}");
        var endpoint = Assert.Single(bound.Endpoints, e => e.Transport == "dtls").LocalEndPoint;
        Assert.NotEqual(0, endpoint.Port);
        return endpoint;
    }

    protected async Task<int> DtlsPortAsync() => (await DtlsEndPointAsync()).Port;

    protected async Task<DtlsStats> DtlsStatsAsync() => (await StatsAsync()).Dtls;

    /// <summary>Waits until the DTLS counters satisfy <paramref name="condition"/>; returns them.</summary>
    protected async Task<DtlsStats> AwaitDtlsAsync(Func<DtlsStats, bool> condition, string what, TimeSpan? max = null) =>
        (await AwaitStatsAsync(s => condition(s.Dtls), what, max ?? TimeSpan.FromSeconds(10))).Dtls;

    protected static long Refused(DtlsStats stats, DtlsRefusal reason) => stats.Refused.GetValueOrDefault(reason);

    /// <summary>A probe that gets every event of the given types from the EventStream (subscribe before acting).</summary>
    protected TestProbe EventProbe(params Type[] eventTypes)
    {
        var probe = CreateTestProbe();
        foreach (var type in eventTypes)
            Sys.EventStream.Subscribe(probe.Ref, type);
        return probe;
    }

    /// <summary>A fresh net-snmp store (one per tool run) holding <paramref name="client"/> as "client" and the server as "server".</summary>
    private protected TestPki.NetSnmpStoreDirectory StoreFor(TestPki.Identity? client = null) => Pki.NetSnmpStore(client ?? Pki.Client);

    /// <summary>The association actors under the DTLS listener now (Identify on its children).</summary>
    protected async Task<IReadOnlyList<IActorRef>> AssociationActorsAsync()
    {
        var probe = CreateTestProbe();
        Sys.ActorSelection(DtlsListenerPath).Tell(new Identify("listener"), probe.Ref);
        var listener = await probe.ExpectMsgAsync<ActorIdentity>(TimeSpan.FromSeconds(3));
        Assert.True(listener.Subject is not null, $"no DTLS listener at {DtlsListenerPath}");

        Sys.ActorSelection(DtlsListenerPath + "/*").Tell(new Identify("children"), probe.Ref);
        // Each child answers; an empty selection answers nothing (or an empty ActorIdentity): collect for a moment.
        var answers = await probe.ReceiveWhileAsync(TimeSpan.FromMilliseconds(500), m => m as ActorIdentity, msgs: int.MaxValue).ToListAsync();
        return answers.Where(a => a is not null && a.Subject is not null).Select(a => a!.Subject!).ToList();
    }

    /// <summary>Nothing reached a subscriber (TestActor is subscribed) and the counters agree.</summary>
    protected async Task AssertNothingDeliveredAsync()
    {
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        var stats = await StatsAsync();
        Assert.Equal(0, stats.Delivered);
        Assert.Equal(0, stats.Received);
    }
}
