using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using TrapActors.Serialization;

namespace TrapActors.Cluster.UsmReplication;

/// <summary>
/// The wire form of <see cref="ReplicatedUsmUser"/> inside Akka.DistributedData gossip: a format byte, the revision,
/// then the user in the same form as <c>TrapActorsSerializer</c> writes it (<c>UsmUserFormat</c>). The bytes hold the
/// secrets in clear: enable Akka.Remote TLS (see <see cref="UsmUserReplication"/>).
/// </summary>
public sealed class ReplicatedUsmUserSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer identifier (registered by <see cref="UsmUserReplication.Config"/> and by <see cref="UsmUserReplication.Start"/>).</summary>
    public const int SerializerId = 7207;

    internal const string UserManifest = "U";
    private const byte FormatV1 = 1;

    /// <summary><see cref="SerializerId"/>.</summary>
    public override int Identifier => SerializerId;

    /// <summary>"U" for a replicated user.</summary>
    /// <exception cref="ArgumentException"><paramref name="o"/> is not a replicated USM user.</exception>
    public override string Manifest(object o) => o is ReplicatedUsmUser ? UserManifest
        : throw new ArgumentException($"cannot serialize {o.GetType()}", nameof(o));

    /// <summary>Writes the format byte, the revision and the user with its secrets.</summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not a replicated USM user.</exception>
    public override byte[] ToBinary(object obj)
    {
        if (obj is not ReplicatedUsmUser replicated)
            throw new ArgumentException($"cannot serialize {obj.GetType()}", nameof(obj));
        using var w = new CompactWriter();
        w.WriteByte(FormatV1);
        w.WriteBytes(replicated.Revision.ToByteArray());
        UsmUserFormat.WriteUser(w, replicated.User);
        return w.ToArray();
    }

    /// <summary>Reads a replicated user written by <see cref="ToBinary"/>.</summary>
    /// <exception cref="SerializationException">An unknown manifest or format, or bytes that do not decode.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest != UserManifest)
            throw new SerializationException($"unknown manifest '{manifest}' for {nameof(ReplicatedUsmUser)}");
        var r = new CompactReader(bytes, manifest);
        var format = r.ReadByte();
        if (format != FormatV1)
            throw new SerializationException($"unknown {nameof(ReplicatedUsmUser)} format {format}");
        var revision = r.ReadBytes();
        if (revision.Length != 16)
            throw r.Malformed("the revision is not 16 bytes");
        var guid = new Guid(revision);
        var user = UsmUserFormat.ReadUser(ref r);
        r.EnsureEnd();
        return new ReplicatedUsmUser(user, guid);
    }
}
