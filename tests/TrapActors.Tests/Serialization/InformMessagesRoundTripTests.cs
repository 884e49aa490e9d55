using Xunit;

namespace TrapActors.Tests.Serialization;

/// <summary>Inform acknowledgements carry an actor reference that resolves back to the same actor; the decisions come back equal.</summary>
public class InformMessagesRoundTripTests : SerializationSpec
{
    [Fact]
    public async Task An_acknowledgement_resolves_back_to_the_same_actor_and_a_decision_through_it_arrives()
    {
        var decisions = CreateTestProbe();
        var ack = new InformAcknowledgement(decisions.Ref, 4_000_000_000_123);

        var back = RoundTrip(ack);

        Assert.Equal(ack, back);
        Assert.Equal(decisions.Ref.Path.Uid, back.ReplyTo!.Path.Uid);
        back.Respond(5, 2);
        Assert.Equal(new RespondToInform(4_000_000_000_123, 5, 2), await decisions.ExpectMsgAsync<RespondToInform>());
        back.Suppress();
        Assert.Equal(new SuppressInformResponse(4_000_000_000_123), await decisions.ExpectMsgAsync<SuppressInformResponse>());
    }

    [Fact]
    public void AlreadySent_stays_null_and_zero()
    {
        var back = RoundTrip(InformAcknowledgement.AlreadySent);

        Assert.Null(back.ReplyTo);
        Assert.Equal(0, back.InformId);
        Assert.False(back.IsPending);
    }

    [Fact]
    public void A_null_reply_to_with_an_id_keeps_the_id()
    {
        Assert.Equal(new InformAcknowledgement(null, -9), RoundTrip(new InformAcknowledgement(null, -9)));
    }

    [Fact]
    public async Task An_inform_comes_back_with_its_notification_and_a_working_acknowledgement()
    {
        var decisions = CreateTestProbe();
        var inform = new InformReceived(SampleMessages.EveryValueV3Inform(), new InformAcknowledgement(decisions.Ref, 17));

        var back = RoundTrip(inform);

        SerializationAssert.Equal(inform.Notification, back.Notification);
        Assert.Equal(inform.Acknowledgement, back.Acknowledgement);
        back.Confirm();
        Assert.Equal(new RespondToInform(17, 0, 0), await decisions.ExpectMsgAsync<RespondToInform>());
    }

    [Theory]
    [InlineData(0L, 0, 0)]
    [InlineData(long.MaxValue, int.MaxValue, int.MinValue)]
    [InlineData(long.MinValue, 5, 1)]
    public void RespondToInform_comes_back_equal(long informId, int errorStatus, int errorIndex)
    {
        var message = new RespondToInform(informId, errorStatus, errorIndex);

        Assert.Equal(message, RoundTrip(message));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(long.MaxValue)]
    [InlineData(-1L)]
    public void SuppressInformResponse_comes_back_equal(long informId)
    {
        Assert.Equal(new SuppressInformResponse(informId), RoundTrip(new SuppressInformResponse(informId)));
    }
}
