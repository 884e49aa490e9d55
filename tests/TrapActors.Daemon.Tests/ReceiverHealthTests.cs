using Akka.Actor;
using Xunit;

namespace TrapActors.Daemon.Tests;

/// <summary>What /healthz answers: every endpoint bound and not stopping, from the receiver's events and coordinated shutdown.</summary>
public sealed class ReceiverHealthTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public void Healthy_only_between_activation_and_stopping_with_every_endpoint_bound()
    {
        var health = new ReceiverHealth();
        var a = ReceiverHealth.Endpoint("udp:127.0.0.1:0");
        var b = ReceiverHealth.Endpoint("dtls:127.0.0.1:0");
        Assert.False(health.Healthy);
        Assert.Equal("not bound yet\n", health.Describe());

        health.Activated([a, b]);
        Assert.True(health.Healthy);
        Assert.Equal("ok\n", health.Describe());

        health.Unbound(b);
        Assert.False(health.Healthy);
        Assert.Equal("not bound dtls:127.0.0.1:0\n", health.Describe());

        health.Bound(b);
        Assert.True(health.Healthy);

        health.Stopping();
        Assert.False(health.Healthy);
        Assert.Equal("stopping\n", health.Describe());
    }

    [Fact]
    public async Task Follows_unbind_events_and_coordinated_shutdown()
    {
        var system = ActorSystem.Create("health-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var health = new ReceiverHealth();
            var endpoint = ReceiverHealth.Endpoint("udp:127.0.0.1:0");
            health.Watch(system);
            health.Activated([endpoint]);
            Assert.True(health.Healthy);

            // The watcher subscribes in PreStart: publish until it has seen one.
            await Eventually(() =>
            {
                system.EventStream.Publish(new TrapListenerUnbound(endpoint));
                return !health.Healthy;
            });
            await Eventually(() =>
            {
                system.EventStream.Publish(new TrapListenerBound(endpoint));
                return health.Healthy;
            });

            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
            Assert.False(health.Healthy);
            Assert.Equal("stopping\n", health.Describe());
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true in time");
            await Task.Delay(50);
        }
    }
}
