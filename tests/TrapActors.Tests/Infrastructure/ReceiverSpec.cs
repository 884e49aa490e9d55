using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Xunit;
using Xunit.Abstractions;

namespace TrapActors.Tests.Infrastructure;

/// <summary>
/// A TestKit whose ActorSystem runs one receiver on 127.0.0.1 (ephemeral port) accepting "public",
/// with the class's own HOCON overrides on top. Offers UDP clients, subscription and statistics helpers.
/// </summary>
public abstract class ReceiverSpec : Akka.TestKit.Xunit2.TestKit
{
    public const string BaseHocon = """
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        trap-actors {
          auto-activate = on
          listener.endpoints = ["udp:127.0.0.1:0"]
          community.accepted = ["public"]
        }
        """;

    private readonly List<IDisposable> _disposables = [];

    protected ReceiverSpec(string overrides = "", ITestOutputHelper? output = null)
        : base(Config(overrides), output: output)
    {
    }

    protected ReceiverSpec(ActorSystemSetup setup, ITestOutputHelper? output = null)
        : base(setup, output: output)
    {
    }

    /// <summary>The base HOCON with <paramref name="overrides"/> taking precedence.</summary>
    public static Config Config(string overrides = "") =>
        ConfigurationFactory.ParseString(overrides).WithFallback(ConfigurationFactory.ParseString(BaseHocon));

    /// <summary>A setup for the ActorSystemSetup constructor: the HOCON above plus <paramref name="extra"/>.</summary>
    public static ActorSystemSetup Setup(string overrides, params Setup[] extra) =>
        ActorSystemSetup.Create([BootstrapSetup.Create().WithConfig(Config(overrides)), .. extra]);

    protected IActorRef Receiver => TrapReceiverExtension.Get(Sys).Receiver;

    protected static TimeSpan AskTimeout => TimeSpan.FromSeconds(5);

    /// <summary>Activate (idempotent) and wait until every endpoint is bound; returns the reply.</summary>
    protected Task<BoundEndpoints> ActivateAsync() => Receiver.Ask<BoundEndpoints>(Activate.Instance, AskTimeout);

    /// <summary>The real local endpoint of the (only, or first of this family) bound listener.</summary>
    protected async Task<IPEndPoint> ReceiverEndPointAsync(AddressFamily family = AddressFamily.InterNetwork)
    {
        var bound = await ActivateAsync();
        Assert.True(bound.AllBound, $"bind failures: {string.Join("; ", bound.Failures)}");
        var endpoint = bound.Endpoints.First(e => e.LocalEndPoint.AddressFamily == family).LocalEndPoint;
        Assert.NotEqual(0, endpoint.Port);
        return endpoint;
    }

    protected async Task<Subscribed> SubscribeAsync(IActorRef subscriber, TrapFilter? filter = null)
    {
        var reply = await Receiver.Ask<Subscribed>(new Subscribe(subscriber, filter ?? TrapFilter.All), AskTimeout);
        Assert.Equal(subscriber, reply.Subscriber);
        return reply;
    }

    protected Task<TrapReceiverStats> StatsAsync() => Receiver.Ask<TrapReceiverStats>(GetTrapReceiverStats.Instance, AskTimeout);

    /// <summary>Waits until the counters satisfy <paramref name="condition"/>; returns them.</summary>
    protected async Task<TrapReceiverStats> AwaitStatsAsync(Func<TrapReceiverStats, bool> condition, string what, TimeSpan? max = null)
    {
        TrapReceiverStats? last = null;
        await AwaitConditionAsync(async () => condition(last = await StatsAsync()), max ?? TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(20), $"stats: {what}");
        return last!;
    }

    /// <summary>A UDP client bound to 127.0.0.1 (or ::1) on an ephemeral port, disposed with the test.</summary>
    protected UdpClient NewClient(AddressFamily family = AddressFamily.InterNetwork)
    {
        var client = new UdpClient(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0));
        _disposables.Add(client);
        return client;
    }

    protected static int PortOf(UdpClient client) => ((IPEndPoint)client.Client.LocalEndPoint!).Port;

    protected static async Task SendAsync(UdpClient client, byte[] datagram, IPEndPoint target)
    {
        var sent = await client.SendAsync(datagram, target);
        Assert.Equal(datagram.Length, sent);
    }

    /// <summary>The next datagram on <paramref name="client"/>, or null when none came within <paramref name="timeout"/>.</summary>
    protected static async Task<byte[]?> TryReceiveAsync(UdpClient client, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var result = await client.ReceiveAsync(cts.Token);
            return result.Buffer;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    protected static async Task<byte[]> ReceiveAsync(UdpClient client, TimeSpan? timeout = null) =>
        await TryReceiveAsync(client, timeout ?? TimeSpan.FromSeconds(3)) ?? throw new Xunit.Sdk.XunitException("no datagram came back from the receiver");

    /// <summary>Registers something to dispose after the test (an extra ActorSystem's shutdown, a socket...).</summary>
    protected T Track<T>(T disposable) where T : IDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var d in _disposables)
                d.Dispose();
            _disposables.Clear();
        }
        base.Dispose(disposing);
    }
}
