using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace TrapActors.Serialization;

/// <summary>
/// A compact, versioned binary serializer for TrapActors' messages that cross nodes: <see cref="TrapReceived"/>,
/// <see cref="InformReceived"/>, <see cref="SnmpNotification"/>, <see cref="InformAcknowledgement"/>,
/// <see cref="RespondToInform"/>, <see cref="SuppressInformResponse"/>, <see cref="UsmUser"/>, <see cref="UsmSecret"/>,
/// <see cref="TrapFilter"/>, <see cref="Subscribe"/>, <see cref="Subscribed"/>, <see cref="Unsubscribe"/> and <see cref="Unsubscribed"/>.
/// Register it with <see cref="TrapActorsSerialization.Config"/>.
/// </summary>
/// <remarks>
/// Each type has a short string manifest and every payload starts with a format version byte; a node refuses a
/// manifest it does not know or a version newer than its own with a <see cref="SerializationException"/>.
/// <para>
/// <see cref="UsmUser"/> and <see cref="UsmSecret"/> are written with their secrets (passwords or keys) in clear: the
/// bytes must only travel over remoting protected by TLS (akka.remote.dot-netty.tcp.enable-ssl = on with a
/// certificate on every node). The serializer never logs nor prints a payload.
/// </para>
/// </remarks>
public sealed class TrapActorsSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The format version every manifest is written with, and the newest this node reads.</summary>
    public const byte FormatVersion = 1;

    internal const string TrapReceivedManifest = "TR";
    internal const string InformReceivedManifest = "IR";
    internal const string NotificationManifest = "N";
    internal const string AcknowledgementManifest = "IA";
    internal const string RespondManifest = "RI";
    internal const string SuppressManifest = "SI";
    internal const string UsmUserManifest = "UU";
    internal const string UsmSecretManifest = "US";
    internal const string FilterManifest = "TF";
    internal const string SubscribeManifest = "S";
    internal const string SubscribedManifest = "SD";
    internal const string UnsubscribeManifest = "U";
    internal const string UnsubscribedManifest = "UD";

    private readonly ExtendedActorSystem _system = system;

    /// <summary><see cref="TrapActorsSerialization.SerializerId"/>.</summary>
    public override int Identifier => TrapActorsSerialization.SerializerId;

    /// <summary>The short manifest of <paramref name="o"/>'s type (e.g. "TR" for <see cref="TrapReceived"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="o"/> is not one of the types listed above.</exception>
    public override string Manifest(object o) => o switch
    {
        TrapReceived => TrapReceivedManifest,
        InformReceived => InformReceivedManifest,
        SnmpNotification => NotificationManifest,
        InformAcknowledgement => AcknowledgementManifest,
        RespondToInform => RespondManifest,
        SuppressInformResponse => SuppressManifest,
        UsmUser => UsmUserManifest,
        UsmSecret => UsmSecretManifest,
        TrapFilter => FilterManifest,
        Subscribe => SubscribeManifest,
        Subscribed => SubscribedManifest,
        Unsubscribe => UnsubscribeManifest,
        Unsubscribed => UnsubscribedManifest,
        _ => throw Unsupported(o),
    };

    /// <summary>Writes <paramref name="obj"/>: the format version byte, then its fields.</summary>
    public override byte[] ToBinary(object obj)
    {
        using var w = new CompactWriter();
        w.WriteByte(FormatVersion);
        switch (obj)
        {
            case TrapReceived t:
                NotificationFormat.Write(w, t.Notification);
                break;
            case InformReceived i:
                NotificationFormat.Write(w, i.Notification);
                WriteAcknowledgement(w, i.Acknowledgement);
                break;
            case SnmpNotification n:
                NotificationFormat.Write(w, n);
                break;
            case InformAcknowledgement a:
                WriteAcknowledgement(w, a);
                break;
            case RespondToInform r:
                w.WriteVarInt64(r.InformId);
                w.WriteVarInt32(r.ErrorStatus);
                w.WriteVarInt32(r.ErrorIndex);
                break;
            case SuppressInformResponse s:
                w.WriteVarInt64(s.InformId);
                break;
            case UsmUser u:
                UsmUserFormat.WriteUser(w, u);
                break;
            case UsmSecret s:
                UsmUserFormat.WriteSecret(w, s);
                break;
            case TrapFilter f:
                SubscriptionFormat.WriteFilter(w, f);
                break;
            case Subscribe s:
                SubscriptionFormat.WriteSubscribe(w, s);
                break;
            case Subscribed s:
                ActorRefFormat.Write(w, s.Subscriber);
                SubscriptionFormat.WriteFilter(w, s.Filter);
                break;
            case Unsubscribe u:
                ActorRefFormat.Write(w, u.Subscriber);
                break;
            case Unsubscribed u:
                ActorRefFormat.Write(w, u.Subscriber);
                break;
            default:
                throw Unsupported(obj);
        }
        return w.ToArray();
    }

    /// <summary>Reads a message written by <see cref="ToBinary"/> under <paramref name="manifest"/>.</summary>
    /// <exception cref="SerializationException">An unknown manifest, a newer format version, or bytes that do not decode.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        var r = new CompactReader(bytes, manifest);
        if (!IsKnown(manifest))
            throw new SerializationException($"TrapActors serializer: unknown manifest '{manifest}'; the sending node runs a TrapActors version with messages this node does not know.");
        var version = r.ReadByte();
        if (version > FormatVersion)
            throw new SerializationException($"TrapActors serializer: the '{manifest}' payload has format version {version}, newer than the {FormatVersion} this node reads; upgrade TrapActors on this node.");
        if (version == 0)
            throw r.Malformed("format version 0 does not exist");
        object result = manifest switch
        {
            TrapReceivedManifest => new TrapReceived(NotificationFormat.Read(ref r)),
            InformReceivedManifest => new InformReceived(NotificationFormat.Read(ref r), ReadAcknowledgement(ref r)),
            NotificationManifest => NotificationFormat.Read(ref r),
            AcknowledgementManifest => ReadAcknowledgement(ref r),
            RespondManifest => new RespondToInform(r.ReadVarInt64(), r.ReadVarInt32(), r.ReadVarInt32()),
            SuppressManifest => new SuppressInformResponse(r.ReadVarInt64()),
            UsmUserManifest => UsmUserFormat.ReadUser(ref r),
            UsmSecretManifest => UsmUserFormat.ReadSecret(ref r),
            FilterManifest => SubscriptionFormat.ReadFilter(ref r),
            SubscribeManifest => SubscriptionFormat.ReadSubscribe(ref r, _system),
            SubscribedManifest => new Subscribed(ActorRefFormat.ReadRequired(ref r, _system, "the subscriber"), SubscriptionFormat.ReadFilter(ref r)),
            UnsubscribeManifest => new Unsubscribe(ActorRefFormat.ReadRequired(ref r, _system, "the subscriber")),
            _ => new Unsubscribed(ActorRefFormat.ReadRequired(ref r, _system, "the subscriber")),
        };
        r.EnsureEnd();
        return result;
    }

    /// <summary>
    /// A USM user in this serializer's user format (secrets in clear, without the format-version byte), for a
    /// serializer that embeds users in messages of its own, such as the cluster's replicated user table.
    /// </summary>
    public static byte[] UsmUserToBytes(UsmUser user)
    {
        using var w = new CompactWriter();
        UsmUserFormat.WriteUser(w, user);
        return w.ToArray();
    }

    /// <summary>Reads what <see cref="UsmUserToBytes"/> wrote; throws <see cref="SerializationException"/> when the bytes are malformed.</summary>
    public static UsmUser UsmUserFromBytes(ReadOnlySpan<byte> bytes)
    {
        var r = new CompactReader(bytes, UsmUserManifest);
        var user = UsmUserFormat.ReadUser(ref r);
        r.EnsureEnd();
        return user;
    }

    private static bool IsKnown(string manifest) => manifest is TrapReceivedManifest or InformReceivedManifest or NotificationManifest
        or AcknowledgementManifest or RespondManifest or SuppressManifest or UsmUserManifest or UsmSecretManifest
        or FilterManifest or SubscribeManifest or SubscribedManifest or UnsubscribeManifest or UnsubscribedManifest;

    private static void WriteAcknowledgement(CompactWriter w, InformAcknowledgement a)
    {
        ActorRefFormat.Write(w, a.ReplyTo);
        w.WriteVarInt64(a.InformId);
    }

    private InformAcknowledgement ReadAcknowledgement(ref CompactReader r)
    {
        var replyTo = ActorRefFormat.Read(ref r, _system);
        var informId = r.ReadVarInt64();
        return replyTo is null && informId == 0 ? InformAcknowledgement.AlreadySent : new InformAcknowledgement(replyTo, informId);
    }

    private static ArgumentException Unsupported(object? o) =>
        new($"TrapActorsSerializer does not serialize {o?.GetType().FullName ?? "null"}", nameof(o));
}
