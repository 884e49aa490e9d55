using TrapActors.Serialization;
using Xunit;

namespace TrapActors.Tests.Serialization;

/// <summary>With TrapActorsSerialization.Config, Akka picks the TrapActors serializer (not its JSON default) for every type that crosses nodes.</summary>
public class SerializerSelectionTests : SerializationSpec
{
    public static TheoryData<string, object> Messages()
    {
        var notification = SampleMessages.TenVarBindTrap();
        return new()
        {
            { "TR", new TrapReceived(notification) },
            { "IR", new InformReceived(notification, new InformAcknowledgement(null, 7)) },
            { "N", notification },
            { "IA", InformAcknowledgement.AlreadySent },
            { "RI", new RespondToInform(7, 5, 1) },
            { "SI", new SuppressInformResponse(7) },
            { "UU", SampleMessages.AuthPrivUser() },
            { "US", UsmSecret.MasterKey(new byte[20]) },
            { "TF", TrapFilter.ByTrapOid("1.3.6.1.6.3.1.1.5") },
            { "S", new Subscribe(ActorRefs.Nobody, TrapFilter.All) },
            { "SD", new Subscribed(ActorRefs.Nobody, TrapFilter.All) },
            { "U", new Unsubscribe(ActorRefs.Nobody) },
            { "UD", new Unsubscribed(ActorRefs.Nobody) },
        };
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void FindSerializerFor_picks_the_TrapActors_serializer(string manifest, object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);

        Assert.IsType<TrapActorsSerializer>(serializer);
        Assert.Equal(TrapActorsSerialization.SerializerId, serializer.Identifier);
        Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(serializer, message));
        Assert.IsType<TrapActorsSerializer>(Sys.Serialization.FindSerializerForType(message.GetType()));
    }

    [Fact]
    public async Task Without_the_config_Akka_would_fall_back_to_its_reflection_based_JSON_serializer()
    {
        var plain = ActorSystem.Create("plain", "akka.loglevel = WARNING");
        try
        {
            var serializer = plain.Serialization.FindSerializerFor(new TrapReceived(SampleMessages.TenVarBindTrap()));
            Assert.IsNotType<TrapActorsSerializer>(serializer);
            Assert.Contains("Json", serializer.GetType().Name, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await plain.Terminate();
        }
    }
}
