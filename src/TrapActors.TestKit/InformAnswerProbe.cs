using Akka.TestKit;

namespace TrapActors.TestKit;

/// <summary>
/// Sees what a subscriber under test answered to an inform: the informs it builds send the subscriber's decision
/// (<see cref="InformReceived.Respond"/>, <see cref="InformReceived.Confirm"/>, <see cref="InformReceived.Suppress"/>)
/// to a TestProbe instead of a receiver's session, and the Expect methods wait for it (with the TestKit's dilated
/// default timeout unless given one) and fail the test through the TestKit's assertions when it is not the expected one.
/// <code>
/// var answers = new InformAnswerProbe(this);
/// var inform = answers.Inform(NotificationBuilder.Inform("1.3.6.1.6.3.1.1.5.3"));
/// subscriber.Tell(inform);
/// answers.ExpectConfirmed(inform);
/// </code>
/// </summary>
public sealed class InformAnswerProbe
{
    private long _lastInformId;

    /// <summary>A probe created by <paramref name="testKit"/> (its ActorSystem, its assertions).</summary>
    public InformAnswerProbe(TestKitBase testKit, string name = "inform-answers")
    {
        ArgumentNullException.ThrowIfNull(testKit);
        Probe = testKit.CreateTestProbe(name);
    }

    /// <summary>The probe the decisions go to: <see cref="RespondToInform"/> and <see cref="SuppressInformResponse"/>.</summary>
    public TestProbe Probe { get; }

    /// <summary>The inform <paramref name="builder"/> builds, its decision going to <see cref="Probe"/> under a new inform id.</summary>
    public InformReceived Inform(NotificationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.BuildInform(Probe, Interlocked.Increment(ref _lastInformId));
    }

    /// <summary><paramref name="notification"/> (an inform) as delivered, its decision going to <see cref="Probe"/>.</summary>
    public InformReceived Inform(SnmpNotification notification) =>
        new(notification, new InformAcknowledgement(Probe, Interlocked.Increment(ref _lastInformId)));

    /// <summary>Expects a Response decision for <paramref name="inform"/>, whatever its error status; returns it.</summary>
    public RespondToInform ExpectResponse(InformReceived inform, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(inform);
        var id = inform.Acknowledgement.InformId;
        return Probe.ExpectMsg<RespondToInform>(m => m.InformId == id, timeout, $"a Response decision for inform {id}");
    }

    /// <summary>Expects a success Response (noError, error-index 0) for <paramref name="inform"/>: Confirm() or Respond().</summary>
    public RespondToInform ExpectConfirmed(InformReceived inform, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(inform);
        var id = inform.Acknowledgement.InformId;
        return Probe.ExpectMsg<RespondToInform>(m => m.InformId == id && m.ErrorStatus == 0 && m.ErrorIndex == 0, timeout,
            $"a success Response (error-status 0, error-index 0) for inform {id}");
    }

    /// <summary>Expects a Response with <paramref name="errorStatus"/> and <paramref name="errorIndex"/> for <paramref name="inform"/>.</summary>
    public RespondToInform ExpectErrorResponse(InformReceived inform, int errorStatus, int errorIndex = 0, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(inform);
        var id = inform.Acknowledgement.InformId;
        return Probe.ExpectMsg<RespondToInform>(m => m.InformId == id && m.ErrorStatus == errorStatus && m.ErrorIndex == errorIndex, timeout,
            $"a Response with error-status {errorStatus}, error-index {errorIndex} for inform {id}");
    }

    /// <summary>Expects the subscriber to suppress the Response of <paramref name="inform"/>.</summary>
    public SuppressInformResponse ExpectSuppressed(InformReceived inform, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(inform);
        var id = inform.Acknowledgement.InformId;
        return Probe.ExpectMsg<SuppressInformResponse>(m => m.InformId == id, timeout, $"a suppressed Response for inform {id}");
    }

    /// <summary>Expects no decision at all during <paramref name="duration"/>.</summary>
    public void ExpectNoAnswer(TimeSpan duration) => Probe.ExpectNoMsg(duration);
}
