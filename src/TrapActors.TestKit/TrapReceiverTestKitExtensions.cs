using System.Net;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.TestKit;

namespace TrapActors.TestKit;

/// <summary>
/// Scenario tests in a few lines, for any Akka.TestKit flavour (xunit, NUnit, MSTest): the system setup of a receiver
/// on an <see cref="InMemoryEndpoint"/>, activation, subscription and the Expect methods for what a subscriber gets.
/// <code>
/// public sealed class AlarmScenario() : TestKit(TrapReceiverTestKitExtensions.Setup(Endpoint, "trap-actors.inform.acknowledge = after-delivery"))
/// </code>
/// </summary>
public static class TrapReceiverTestKitExtensions
{
    private static readonly TimeSpan DefaultAskTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// An ActorSystemSetup for the TestKit's constructor: <paramref name="hocon"/> over akka.loglevel = WARNING, and
    /// <paramref name="receiver"/>, which names the in-memory endpoints (<see cref="TrapReceiverSetup.InMemoryEndpoints"/>)
    /// and the communities and users.
    /// </summary>
    public static ActorSystemSetup Setup(TrapReceiverSetup receiver, string hocon = "")
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var config = ConfigurationFactory.ParseString(hocon).WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        return ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config), receiver);
    }

    /// <summary>
    /// An ActorSystemSetup for the TestKit's constructor: a receiver on <paramref name="endpoint"/> only, accepting
    /// <paramref name="communities"/> (default "public"), with <paramref name="hocon"/> over akka.loglevel = WARNING.
    /// </summary>
    public static ActorSystemSetup Setup(InMemoryEndpoint endpoint, string hocon = "", params string[] communities) =>
        Setup(new TrapReceiverSetup { InMemoryEndpoints = [endpoint], Communities = communities.Length == 0 ? ["public"] : [.. communities] }, hocon);

    /// <summary>
    /// An ActorSystemSetup for the TestKit's constructor: a receiver on <paramref name="endpoint"/> only, with the SNMPv3
    /// <paramref name="users"/> (e.g. <see cref="UsmSecurity.ToUsmUser"/> of an originator's user) and
    /// <paramref name="communities"/> (default "public"), with <paramref name="hocon"/> over akka.loglevel = WARNING.
    /// </summary>
    public static ActorSystemSetup Setup(InMemoryEndpoint endpoint, IEnumerable<UsmUser> users, string hocon = "", params string[] communities) =>
        Setup(new TrapReceiverSetup
        {
            InMemoryEndpoints = [endpoint],
            Users = [.. users],
            Communities = communities.Length == 0 ? ["public"] : [.. communities],
        }, hocon);

    /// <summary>
    /// A scenario in one line: subscribes <paramref name="subscriber"/> (default: the TestActor), activates the receiver
    /// and returns an originator bound to <paramref name="endpoint"/> (one of the receiver's in-memory endpoints) from
    /// <paramref name="source"/> (<see cref="NotificationOriginator.InMemory"/>). Dispose the originator with the test.
    /// </summary>
    public static async Task<NotificationOriginator> StartTrapScenarioAsync(this TestKitBase testKit, InMemoryEndpoint endpoint,
        IActorRef? subscriber = null, IPEndPoint? source = null, OriginatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        await testKit.SubscribeToTrapReceiverAsync(subscriber).ConfigureAwait(false);
        await testKit.ActivateTrapReceiverAsync().ConfigureAwait(false);
        return NotificationOriginator.InMemory(endpoint, source, options);
    }

    /// <summary>The receiver of the TestKit's system (/system/trap-actors), started on first use.</summary>
    public static IActorRef TrapReceiver(this TestKitBase testKit)
    {
        ArgumentNullException.ThrowIfNull(testKit);
        return TrapReceiverExtension.Get(testKit.Sys).Receiver;
    }

    /// <summary>Activates the receiver and waits until its endpoints listen; throws <see cref="InvalidOperationException"/> naming any that failed.</summary>
    public static async Task<BoundEndpoints> ActivateTrapReceiverAsync(this TestKitBase testKit, TimeSpan? timeout = null)
    {
        var bound = await testKit.TrapReceiver().Ask<BoundEndpoints>(Activate.Instance, testKit.Dilated(timeout ?? DefaultAskTimeout)).ConfigureAwait(false);
        if (!bound.Failures.IsEmpty)
            throw new InvalidOperationException($"the receiver could not listen on: {string.Join("; ", bound.Failures.Select(f => f.Reason))}");
        return bound;
    }

    /// <summary>Subscribes <paramref name="subscriber"/> (default: the TestKit's TestActor) with <paramref name="filter"/> (default: all) and waits until it is in force.</summary>
    public static Task<Subscribed> SubscribeToTrapReceiverAsync(this TestKitBase testKit, IActorRef? subscriber = null, TrapFilter? filter = null,
        TimeSpan? timeout = null) =>
        testKit.TrapReceiver().Ask<Subscribed>(new Subscribe(subscriber ?? testKit.TestActor, filter ?? TrapFilter.All), testKit.Dilated(timeout ?? DefaultAskTimeout));

    /// <summary>Expects a <see cref="TrapReceived"/> at the TestActor; returns its notification.</summary>
    public static SnmpNotification ExpectTrap(this TestKitBase testKit, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(testKit);
        return testKit.ExpectMsg<TrapReceived>(timeout).Notification;
    }

    /// <summary>Expects an <see cref="InformReceived"/> at the TestActor; returns it (to Confirm, Respond or Suppress it).</summary>
    public static InformReceived ExpectInform(this TestKitBase testKit, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(testKit);
        return testKit.ExpectMsg<InformReceived>(timeout);
    }
}
