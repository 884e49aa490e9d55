using System.Collections.Immutable;
using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;
using TrapActors.Cluster.UsmReplication;
using TrapActors.Snmp.Security;
using Xunit;

namespace TrapActors.Cluster.Tests.UsmReplication;

/// <summary>The wire form of a replicated user: every field and secret survives, malformed input is refused.</summary>
public sealed class ReplicatedUsmUserSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly ImmutableArray<byte> Engine = [.. Convert.FromHexString("80000000010203040506")];

    public ReplicatedUsmUserSerializerTests()
        : base(UsmUserReplication.Config.WithFallback(Akka.DistributedData.DistributedData.DefaultConfig()))
    {
    }

    private Serializer Serializer => Sys.Serialization.FindSerializerForType(typeof(ReplicatedUsmUser));

    public static TheoryData<string> Users => ["password-any-engine", "keys-one-engine", "no-auth"];

    private static UsmUser UserNamed(string name) => name switch
    {
        "password-any-engine" => UsmUser.AuthPriv(name, AuthProtocol.HmacSha512, "pässwörd-ünïcode", PrivProtocol.Aes256, "priv-password"),
        "keys-one-engine" => new UsmUser(name, AuthProtocol.HmacSha1, UsmSecret.LocalizedKey(Enumerable.Range(1, 20).Select(i => (byte)i).ToArray()),
            PrivProtocol.Des, UsmSecret.MasterKey(Enumerable.Range(100, 20).Select(i => (byte)i).ToArray()), Engine) { MinimumLevel = SecurityLevel.AuthNoPriv },
        _ => UsmUser.NoAuth(name, Engine),
    };

    [Fact]
    public void The_configuration_binds_the_replicated_user_to_its_serializer()
    {
        Assert.IsType<ReplicatedUsmUserSerializer>(Serializer);
        Assert.Equal(ReplicatedUsmUserSerializer.SerializerId, Serializer.Identifier);
    }

    [Theory]
    [MemberData(nameof(Users))]
    public void Every_field_and_secret_survives_a_round_trip(string name)
    {
        var original = new ReplicatedUsmUser(UserNamed(name), Guid.NewGuid());

        var copy = Assert.IsType<ReplicatedUsmUser>(RoundTrip(original));

        Assert.Equal(original.Revision, copy.Revision);
        var (a, b) = (original.User, copy.User);
        Assert.Equal(a.Name, b.Name);
        Assert.Equal(a.Auth, b.Auth);
        Assert.Equal(a.Priv, b.Priv);
        Assert.Equal(a.EngineId.ToArray(), b.EngineId.ToArray());
        Assert.Equal(a.MinimumLevel, b.MinimumLevel);
        AssertSameSecret(a.AuthSecret, b.AuthSecret);
        AssertSameSecret(a.PrivSecret, b.PrivSecret);
    }

    [Fact]
    public void The_table_key_is_the_name_at_the_engine_in_hex_or_a_star()
    {
        Assert.Equal("keys-one-engine@80000000010203040506", new ReplicatedUsmUser(UserNamed("keys-one-engine"), Guid.Empty).Key);
        Assert.Equal("password-any-engine@*", new ReplicatedUsmUser(UserNamed("password-any-engine"), Guid.Empty).Key);
    }

    [Fact]
    public void The_text_form_shows_no_secret()
    {
        var text = new ReplicatedUsmUser(UserNamed("password-any-engine"), Guid.NewGuid()).ToString();

        Assert.Contains("password-any-engine", text);
        Assert.DoesNotContain("pässwörd", text);
        Assert.DoesNotContain("priv-password", text);
    }

    [Fact]
    public void Truncated_bytes_are_refused_with_a_serialization_error()
    {
        var bytes = ToBinary(new ReplicatedUsmUser(UserNamed("keys-one-engine"), Guid.NewGuid()));

        for (var length = 0; length < bytes.Length; length++)
            Assert.Throws<SerializationException>(() => FromBinary(bytes[..length]));
    }

    [Fact]
    public void An_unknown_format_or_manifest_is_refused()
    {
        var bytes = ToBinary(new ReplicatedUsmUser(UserNamed("no-auth"), Guid.NewGuid()));
        bytes[0] = 2;

        Assert.Throws<SerializationException>(() => FromBinary(bytes));
        Assert.Throws<SerializationException>(() => ((SerializerWithStringManifest)Serializer).FromBinary(bytes, "X"));
    }

    [Fact]
    public void An_unknown_protocol_is_refused()
    {
        // The user is written as TrapActorsSerializer writes it: the name, then the authentication protocol's number.
        const string name = "password-any-engine";
        var bytes = ToBinary(new ReplicatedUsmUser(UserNamed(name), Guid.NewGuid()));
        var at = IndexOf(bytes, Encoding.UTF8.GetBytes(name));
        bytes[at + name.Length] = 0x7E;   // zigzag 63: no such protocol

        Assert.Throws<SerializationException>(() => FromBinary(bytes));
    }

    [Fact]
    public void A_table_of_users_survives_the_DistributedData_serializer()
    {
        var node = new Akka.Cluster.UniqueAddress(new Address("akka.tcp", "usm-cluster", "127.0.0.1", 2552), 17);
        var one = new ReplicatedUsmUser(UserNamed("password-any-engine"), Guid.NewGuid());
        var two = new ReplicatedUsmUser(UserNamed("keys-one-engine"), Guid.NewGuid());
        var table = Akka.DistributedData.LWWDictionary<string, ReplicatedUsmUser>.Empty
            .SetItem(node, one.Key, one).SetItem(node, two.Key, two);

        var serializer = Sys.Serialization.FindSerializerFor(table);
        var bytes = serializer.ToBinary(table);
        var copy = Assert.IsType<Akka.DistributedData.LWWDictionary<string, ReplicatedUsmUser>>(
            Sys.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, table)));

        Assert.Equal(2, copy.Count);
        Assert.Equal(one.Revision, copy[one.Key].Revision);
        AssertSameSecret(two.User.PrivSecret, copy[two.Key].User.PrivSecret);
    }

    private object RoundTrip(object o) => FromBinary(ToBinary(o));

    private byte[] ToBinary(object o) => Serializer.ToBinary(o);

    private object FromBinary(byte[] bytes) =>
        ((SerializerWithStringManifest)Serializer).FromBinary(bytes, Akka.Serialization.Serialization.ManifestFor(Serializer, new ReplicatedUsmUser(UserNamed("no-auth"), Guid.Empty)));

    private static void AssertSameSecret(UsmSecret? expected, UsmSecret? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is null || actual is null)
            return;
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Value.ToArray(), actual.Value.ToArray());
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        var at = haystack.AsSpan().IndexOf(needle);
        Assert.True(at >= 0);
        return at;
    }
}
