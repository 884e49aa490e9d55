using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using TrapActors.Serialization;

namespace TrapActors.Cluster.UsmReplication;

/// <summary>
/// The wire form of <see cref="ReplicatedUsmUser"/> inside Akka.DistributedData gossip: a format byte, the revision,
/// then the user in the form <see cref="TrapActorsSerializer.UsmUserToBytes"/> writes. The bytes hold the
/// secrets in clear: enable Akka.Remote TLS (see <see cref="UsmUserReplication"/>).
/// </summary>
public sealed class ReplicatedUsmUserSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer identifier (registered by <see cref="UsmUserReplication.Config"/> and by <see cref="UsmUserReplication.Start"/>).</summary>
    public const int SerializerId = 7207;

    internal const string UserManifest = "U";
    private const byte FormatV1 = 1;

    // The format byte, the revision's length (one varint byte) and the revision, then the user.
    private const byte RevisionLength = 16;
    private const int HeaderLength = 2 + RevisionLength;

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
        var user = TrapActorsSerializer.UsmUserToBytes(replicated.User);
        var bytes = new byte[HeaderLength + user.Length];
        bytes[0] = FormatV1;
        bytes[1] = RevisionLength;
        replicated.Revision.TryWriteBytes(bytes.AsSpan(2, RevisionLength));
        user.CopyTo(bytes, HeaderLength);
        return bytes;
    }

    /// <summary>Reads a replicated user written by <see cref="ToBinary"/>.</summary>
    /// <exception cref="SerializationException">An unknown manifest or format, or bytes that do not decode.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest != UserManifest)
            throw new SerializationException($"unknown manifest '{manifest}' for {nameof(ReplicatedUsmUser)}");
        if (bytes.Length == 0 || bytes[0] != FormatV1)
            throw new SerializationException($"unknown {nameof(ReplicatedUsmUser)} format {(bytes.Length == 0 ? "(empty)" : bytes[0])}");
        if (bytes.Length < HeaderLength || bytes[1] != RevisionLength)
            throw new SerializationException($"malformed {nameof(ReplicatedUsmUser)}: the revision is not {RevisionLength} bytes");
        var revision = new Guid(bytes.AsSpan(2, RevisionLength));
        return new ReplicatedUsmUser(TrapActorsSerializer.UsmUserFromBytes(bytes.AsSpan(HeaderLength)), revision);
    }
}
