using Akka.Actor;
using Xunit;

namespace TrapActors.TestKit.Tests.Scenarios;

/// <summary>An in-memory endpoint serves one receiver at a time; a second one reports it as a bind failure.</summary>
public sealed class OneReceiverPerEndpointTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly InMemoryEndpoint _endpoint;

    public OneReceiverPerEndpointTests() : this(new InMemoryEndpoint()) { }

    private OneReceiverPerEndpointTests(InMemoryEndpoint endpoint) : base(TrapReceiverTestKitExtensions.Setup(endpoint)) => _endpoint = endpoint;

    [Fact]
    public async Task A_second_receiver_on_the_same_endpoint_reports_a_failure_and_the_first_keeps_it()
    {
        await this.ActivateTrapReceiverAsync();
        var other = ActorSystem.Create("other", TrapReceiverTestKitExtensions.Setup(_endpoint));
        try
        {
            var bound = await TrapReceiverExtension.Get(other).Receiver.Ask<BoundEndpoints>(Activate.Instance, TimeSpan.FromSeconds(10));

            Assert.Empty(bound.Endpoints);
            Assert.Contains("another receiver already listens on memory:127.0.0.1:162", Assert.Single(bound.Failures).Reason);
            Assert.True(_endpoint.IsListening);
            Assert.Single((await this.ActivateTrapReceiverAsync()).Endpoints);
        }
        finally
        {
            await other.Terminate();
        }
    }
}
