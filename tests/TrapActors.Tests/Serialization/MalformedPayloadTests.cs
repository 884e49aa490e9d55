using System.Runtime.Serialization;
using TrapActors.Serialization;
using Xunit;

namespace TrapActors.Tests.Serialization;

/// <summary>A payload this node cannot read fails with a SerializationException that says why, never with another exception.</summary>
public class MalformedPayloadTests : SerializationSpec
{
    private static readonly object[] Samples =
    [
        new TrapReceived(SampleMessages.TenVarBindTrap()),
        new InformReceived(SampleMessages.EveryValueV3Inform(), new InformAcknowledgement(null, 3)),
        SampleMessages.V1Trap(),
        new RespondToInform(1, 2, 3),
        new SuppressInformResponse(1),
        SampleMessages.AuthPrivUser(),
        UsmSecret.Password("secret"),
        TrapFilter.ByTrapOid("1.3.6.1.6.3.1.1.5").AndSource(System.Net.IPAddress.IPv6Loopback).AndKind(NotificationKind.Trap),
        new Subscribe(ActorRefs.Nobody, TrapFilter.ByVersion(Snmp.Messages.SnmpVersion.V3)) { Queue = SubscriberQueue.Default },
    ];

    [Fact]
    public void An_unknown_manifest_is_refused_with_a_clear_message()
    {
        var (bytes, id, _) = SerializationRoundTrip.Serialize(Sys, new SuppressInformResponse(1));

        var e = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize(bytes, id, "ZZ"));

        Assert.Contains("unknown manifest 'ZZ'", e.Message);
    }

    [Fact]
    public void A_newer_format_version_is_refused_with_a_clear_message()
    {
        var (bytes, id, manifest) = SerializationRoundTrip.Serialize(Sys, new TrapReceived(SampleMessages.TenVarBindTrap()));
        bytes[0] = TrapActorsSerializer.FormatVersion + 1;

        var e = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize(bytes, id, manifest));

        Assert.Contains($"format version {TrapActorsSerializer.FormatVersion + 1}", e.Message);
        Assert.Contains("newer", e.Message);
    }

    [Fact]
    public void Every_truncation_and_trailing_bytes_are_refused()
    {
        foreach (var sample in Samples)
        {
            var (bytes, id, manifest) = SerializationRoundTrip.Serialize(Sys, sample);
            for (var length = 0; length < bytes.Length; length++)
            {
                var cut = bytes[..length];
                Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize(cut, id, manifest));
            }
            var e = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize([.. bytes, 0], id, manifest));
            Assert.Contains("left over", e.Message);
        }
    }

    [Fact]
    public void Random_corruption_gives_a_value_or_a_SerializationException_and_nothing_else()
    {
        var random = new Random(2751);
        foreach (var sample in Samples)
        {
            var (bytes, id, manifest) = SerializationRoundTrip.Serialize(Sys, sample);
            for (var i = 0; i < 300; i++)
            {
                var corrupt = (byte[])bytes.Clone();
                corrupt[1 + random.Next(corrupt.Length - 1)] = (byte)random.Next(256);
                if (random.Next(2) == 0)
                    corrupt[1 + random.Next(corrupt.Length - 1)] = (byte)random.Next(256);
                try
                {
                    Assert.NotNull(Sys.Serialization.Deserialize(corrupt, id, manifest));
                }
                catch (SerializationException)
                {
                }
            }
        }
    }

    [Fact]
    public void Serializing_a_type_it_does_not_cover_is_refused()
    {
        var serializer = (TrapActorsSerializer)Sys.Serialization.FindSerializerForType(typeof(TrapReceived));

        Assert.Throws<ArgumentException>(() => serializer.ToBinary(Activate.Instance));
        Assert.Throws<ArgumentException>(() => serializer.Manifest("text"));
    }
}
