using System.Collections.Immutable;
using System.Runtime.Serialization;
using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using Akka.Serialization;
using TrapActors.Snmp.Security;

namespace TrapActors.Cluster.UsmReplication;

/// <summary>
/// The wire form of <see cref="ReplicatedUsmUser"/> inside Akka.DistributedData gossip: a format byte, then the
/// revision, the user and its secrets. Protocols and secret kinds travel by name, so that new enum members never
/// shift old values. The bytes hold the secrets in clear: enable Akka.Remote TLS (see <see cref="UsmUserReplication"/>).
/// </summary>
public sealed class ReplicatedUsmUserSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer identifier (registered by <see cref="UsmUserReplication.Config"/> and by <see cref="UsmUserReplication.Start"/>).</summary>
    public const int SerializerId = 7207;

    internal const string UserManifest = "U";
    private const byte FormatV1 = 1;

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o is ReplicatedUsmUser ? UserManifest
        : throw new ArgumentException($"cannot serialize {o.GetType()}", nameof(o));

    public override byte[] ToBinary(object obj)
    {
        if (obj is not ReplicatedUsmUser replicated)
            throw new ArgumentException($"cannot serialize {obj.GetType()}", nameof(obj));
        var user = replicated.User;
        using var buffer = new MemoryStream(256);
        try
        {
            using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(FormatV1);
                w.Write(replicated.Revision.ToByteArray());
                w.Write(user.Name);
                w.Write(user.Auth.ToString());
                WriteSecret(w, user.AuthSecret);
                w.Write(user.Priv.ToString());
                WriteSecret(w, user.PrivSecret);
                w.Write7BitEncodedInt(user.EngineId.Length);
                w.Write(user.EngineId.AsSpan());
                w.Write(user.MinimumLevel is { } level ? (byte)(1 + (int)level) : (byte)0);
            }
            return buffer.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.GetBuffer());
        }
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest != UserManifest)
            throw new SerializationException($"unknown manifest '{manifest}' for {nameof(ReplicatedUsmUser)}");
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
            var format = r.ReadByte();
            if (format != FormatV1)
                throw new SerializationException($"unknown {nameof(ReplicatedUsmUser)} format {format}");
            var revision = new Guid(r.ReadBytes(16));
            var name = r.ReadString();
            var auth = Parse<AuthProtocol>(r.ReadString());
            var authSecret = ReadSecret(r);
            var priv = Parse<PrivProtocol>(r.ReadString());
            var privSecret = ReadSecret(r);
            var engineId = ImmutableArray.Create(ReadExactly(r, r.Read7BitEncodedInt()));
            var level = r.ReadByte();
            if (r.BaseStream.Position != r.BaseStream.Length)
                throw new SerializationException($"trailing bytes after a {nameof(ReplicatedUsmUser)}");
            var user = new UsmUser(name, auth, authSecret, priv, privSecret, engineId)
            {
                MinimumLevel = level == 0 ? null : Enum.IsDefined((SecurityLevel)(level - 1)) ? (SecurityLevel)(level - 1)
                    : throw new SerializationException($"unknown minimum security level {level - 1}"),
            };
            return new ReplicatedUsmUser(user, revision);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or FormatException or IOException)
        {
            throw new SerializationException($"malformed {nameof(ReplicatedUsmUser)}: {e.Message}", e);
        }
    }

    private static void WriteSecret(BinaryWriter w, UsmSecret? secret)
    {
        if (secret is null)
        {
            w.Write((byte)0);
            return;
        }
        w.Write((byte)1);
        w.Write(secret.Kind.ToString());
        w.Write7BitEncodedInt(secret.Value.Length);
        w.Write(secret.Value);
    }

    private static UsmSecret? ReadSecret(BinaryReader r)
    {
        if (r.ReadByte() == 0)
            return null;
        var kind = Parse<UsmSecretKind>(r.ReadString());
        var value = ReadExactly(r, r.Read7BitEncodedInt());
        try
        {
            return kind switch
            {
                UsmSecretKind.Password => UsmSecret.Password(Encoding.UTF8.GetString(value)),
                UsmSecretKind.MasterKey => UsmSecret.MasterKey(value),
                _ => UsmSecret.LocalizedKey(value),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(value);
        }
    }

    private static byte[] ReadExactly(BinaryReader r, int length)
    {
        if (length < 0 || length > r.BaseStream.Length - r.BaseStream.Position)
            throw new SerializationException($"a length of {length} runs past the end of a {nameof(ReplicatedUsmUser)}");
        return r.ReadBytes(length);
    }

    private static T Parse<T>(string name) where T : struct, Enum =>
        Enum.TryParse<T>(name, ignoreCase: false, out var value) && Enum.IsDefined(value) && !int.TryParse(name, out _)
            ? value
            : throw new SerializationException($"unknown {typeof(T).Name} '{name}'");
}
