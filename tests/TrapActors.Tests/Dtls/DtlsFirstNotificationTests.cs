using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Runtime.Loader;
using Akka.TestKit;
using TrapActors.Testing;
using TrapActors.Tests.Infrastructure;
using TrapActors.Tests.Load;
using Xunit;
using Xunit.Abstractions;

namespace TrapActors.Tests.Dtls;

/// <summary>
/// The first notification over the first DTLS association of a receiver that was just started, as a daemon's is:
/// net-snmp's snmptrap against a new ActorSystem each time, whose TrapActors and BouncyCastle code has never run
/// (a <see cref="ColdReceiver"/>), many times over. Every one must be delivered. net-snmp's one-shot tools give the
/// whole handshake six 50 ms reads and then drop the trap they hold, telling nobody (decision 0018). It measures
/// the receivers' first handshakes, so it runs alone, after the tests that run in parallel.
/// </summary>
[Collection(LoadCollection.Name)]
public class DtlsFirstNotificationTests(ITestOutputHelper output) : DtlsReceiverSpec(output: output)
{
    private const int Receivers = 20;

    /// <summary>Always this many conclusive runs, however slow the machine; up to <see cref="Receivers"/> while within <see cref="Budget"/>.</summary>
    private const int MinimumReceivers = 10;

    // Generous: a cold receiver on a loaded 2-core machine compiles everything it runs; only a loss may fail the test.
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(2);

    private enum Outcome { Delivered, Lost, DiscardedBySnmptrap }

    /// <summary>
    /// A run where snmptrap discarded the trap itself (<see cref="NetSnmpDtls.ClientDiscardedTrap"/>: on a saturated machine
    /// the handshake outlasted its close) proves nothing either way: it is counted, and another receiver is tried.
    /// </summary>
    [Fact]
    public async Task The_first_snmptrap_to_each_freshly_started_receiver_is_delivered()
    {
        Assert.True(NetSnmpTools.Available, NetSnmpMissing);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        int run = 0, conclusive = 0, discarded = 0;
        for (; conclusive < Receivers && run < 2 * Receivers && (conclusive < MinimumReceivers || clock.Elapsed < Budget); run++)
        {
            var (outcome, detail) = await FirstTrapToAFreshReceiverAsync(run);
            if (outcome == Outcome.DiscardedBySnmptrap)
            {
                discarded++;
                continue;
            }
            conclusive++;
            if (outcome == Outcome.Lost)
                failures.Add(detail);
        }

        Output?.WriteLine($"{run} fresh receivers in {clock.Elapsed.TotalSeconds:F1}s: {failures.Count} lost their first trap, snmptrap discarded {discarded} itself");
        Assert.True(failures.Count == 0, $"{failures.Count} of {conclusive} first traps lost:\n{string.Join("\n", failures)}");
        Assert.True(conclusive >= MinimumReceivers, $"only {conclusive} of {run} runs were conclusive: snmptrap discarded {discarded} traps before its handshake completed");
    }

    /// <summary>One new receiver, one snmptrap; what became of the trap, and what the receiver saw when it was lost.</summary>
    private async Task<(Outcome Outcome, string Detail)> FirstTrapToAFreshReceiverAsync(int run)
    {
        using var receiver = new ColdReceiver($"cold-{run}", DtlsHocon(Pki));
        var port = await receiver.ActivateDtlsAsync();
        var subscriber = CreateTestProbe(receiver.System);
        await receiver.SubscribeAsync(subscriber.Ref);

        var text = $"first {run}";
        var result = await NetSnmpDtls.TrapAsync(StoreFor(), port, ["1.3.6.1.4.1.99999.0.1", "1.3.6.1.4.1.99999.1.1", "s", text]);
        if (result.ExitCode != 0)
            return (Outcome.Lost, $"run {run}: snmptrap {result}");
        if (NetSnmpDtls.ClientDiscardedTrap(result))
            return (Outcome.DiscardedBySnmptrap, "");

        var received = await subscriber.ReceiveOneAsync(Delivery);
        if (received?.GetType().FullName == "TrapActors.TrapReceived" && ((dynamic)received).Notification.Origin.Transport == "dtls")
            return (Outcome.Delivered, "");
        return (Outcome.Lost, $"run {run}: got {received?.GetType().Name ?? "nothing"} within {Delivery}; {await receiver.StatsAsync()}");
    }

    /// <summary>
    /// A receiver in a new ActorSystem whose TrapActors, TrapActors.Snmp and BouncyCastle assemblies are loaded afresh
    /// into an AssemblyLoadContext of its own: none of their code has been compiled or run, as in a process that just
    /// started. Akka and the runtime are shared; the receiver's messages are of the fresh assemblies' types, so they
    /// are made and read by name.
    /// </summary>
    private sealed class ColdReceiver : IDisposable
    {
        // Activation includes the DTLS warm-up handshake, compiled afresh in each context: slow on a loaded machine.
        private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(60);
        private readonly FreshContext _context = new();
        private readonly Assembly _trapActors;

        public ColdReceiver(string name, string hocon)
        {
            _trapActors = _context.LoadFromAssemblyName(new AssemblyName("TrapActors"));
            System = ActorSystem.Create(name, ReceiverSpec.Config(hocon));
            var extension = _trapActors.GetType("TrapActors.TrapReceiverExtension", throwOnError: true)!
                .GetMethod("Get", [typeof(ActorSystem)])!.Invoke(null, [System])!;
            Receiver = (IActorRef)extension.GetType().GetProperty("Receiver")!.GetValue(extension)!;
        }

        public ActorSystem System { get; }

        private IActorRef Receiver { get; }

        /// <summary>Activates the receiver; the port its DTLS endpoint is bound to.</summary>
        public async Task<int> ActivateDtlsAsync()
        {
            dynamic bound = await Receiver.Ask<object>(Singleton("TrapActors.Activate"), AskTimeout);
            Assert.True((bool)bound.AllBound, "the DTLS endpoint is not bound");
            foreach (var endpoint in (global::System.Collections.IEnumerable)bound.Endpoints)
            {
                if (((dynamic)endpoint).Transport == "dtls")
                    return ((IPEndPoint)((dynamic)endpoint).LocalEndPoint).Port;
            }
            throw new Xunit.Sdk.XunitException("no DTLS endpoint");
        }

        public Task SubscribeAsync(IActorRef subscriber) =>
            Receiver.Ask<object>(Activator.CreateInstance(_trapActors.GetType("TrapActors.Subscribe", throwOnError: true)!, subscriber)!, AskTimeout);

        public async Task<string> StatsAsync()
        {
            dynamic stats = await Receiver.Ask<object>(Singleton("TrapActors.GetTrapReceiverStats"), AskTimeout);
            dynamic dtls = stats.Dtls;
            return $"received {stats.Received}, delivered {stats.Delivered}, dropped {stats.TotalDropped}; dtls helloVerifyRequests {dtls.HelloVerifyRequests}, handshakes {dtls.Handshakes}, "
                + $"established {dtls.Established}, closed {dtls.Closed}, active {dtls.Active}, datagramsDropped {dtls.DatagramsDropped}";
        }

        private object Singleton(string typeName) =>
            _trapActors.GetType(typeName, throwOnError: true)!.GetField("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        public void Dispose()
        {
            System.Terminate().Wait(TimeSpan.FromSeconds(10));
            _context.Unload();
        }
    }

    /// <summary>Loads TrapActors, TrapActors.Snmp and BouncyCastle from the test's output directory; everything else from the default context.</summary>
    private sealed class FreshContext() : AssemblyLoadContext(isCollectible: true)
    {
        private static readonly HashSet<string> Fresh = ["TrapActors", "TrapActors.Snmp", "BouncyCastle.Cryptography"];

        protected override Assembly? Load(AssemblyName name) =>
            name.Name is { } simple && Fresh.Contains(simple) ? LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, simple + ".dll")) : null;
    }
}
