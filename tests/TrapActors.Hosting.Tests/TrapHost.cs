using System.Net;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TrapActors.Hosting.Tests;

/// <summary>The ActorRegistry key of the test subscriber.</summary>
public sealed class SinkSubscriber;

/// <summary>A subscriber that writes everything it receives to a channel the test reads.</summary>
public sealed class ForwardingActor : ReceiveActor
{
    public ForwardingActor(ChannelWriter<object> sink) => ReceiveAny(message => sink.TryWrite(message));
}

/// <summary>A generic host running an ActorSystem with the trap receiver and one forwarding subscriber.</summary>
public sealed class TrapHost : IAsyncDisposable
{
    private readonly Channel<object> _received = Channel.CreateUnbounded<object>();

    public TrapHost(Action<TrapReceiverOptions>? configure = null, TrapFilter? filter = null, bool subscriber = true, string name = "trap-host")
    {
        Host = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(services => services.AddAkka(name, (builder, _) =>
            {
                builder.AddHocon("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING", HoconAddMode.Prepend);
                builder.WithTrapReceiver(options =>
                {
                    options.Endpoints.Add("udp:127.0.0.1:0");
                    options.Communities.Add("public");
                    configure?.Invoke(options);
                });
                if (subscriber)
                {
                    builder.WithTrapSubscriber<SinkSubscriber>(
                        (_, _, _) => Props.Create(() => new ForwardingActor(_received.Writer)), filter);
                }
            }))
            .Build();
    }

    public IHost Host { get; }

    public ActorSystem System => Host.Services.GetRequiredService<ActorSystem>();

    public TrapReceiverSettings Settings => TrapReceiverExtension.Get(System).Settings;

    private bool _started;

    public async Task StartAsync()
    {
        await Host.StartAsync();
        _started = true;
    }

    public async Task<IActorRef> ReceiverAsync() =>
        await Host.Services.GetRequiredService<IRequiredActor<TrapReceiver>>().GetAsync();

    public async Task<BoundEndpoints> BoundAsync() =>
        await (await ReceiverAsync()).Ask<BoundEndpoints>(GetBoundEndpoints.Instance, TimeSpan.FromSeconds(5));

    public async Task<IPEndPoint> EndPointAsync()
    {
        var bound = await BoundAsync();
        return bound.Endpoints.Single().LocalEndPoint;
    }

    public async Task<TrapReceiverStats> StatsAsync() =>
        await (await ReceiverAsync()).Ask<TrapReceiverStats>(GetTrapReceiverStats.Instance, TimeSpan.FromSeconds(5));

    /// <summary>The next message the subscriber got, or a failure after <paramref name="timeout"/>.</summary>
    public async Task<T> NextAsync<T>(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            var message = await _received.Reader.ReadAsync(cts.Token);
            return message is T t ? t : throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name}, got {message}");
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"the subscriber got no {typeof(T).Name} within {timeout ?? TimeSpan.FromSeconds(5)}");
        }
    }

    /// <summary>True when the subscriber got nothing within <paramref name="wait"/>.</summary>
    public async Task<bool> NothingWithinAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try
        {
            await _received.Reader.WaitToReadAsync(cts.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception) when (!_started)
        {
            // A host whose start failed may not stop cleanly (Akka.Hosting had no ActorSystem to stop).
        }
        Host.Dispose();
    }
}
