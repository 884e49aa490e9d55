using System.Collections.Immutable;
using Akka.Actor;
using TrapActors.Snmp.Messages;

namespace TrapActors.Serialization;

/// <summary>The compact form of <see cref="TrapFilter"/>, <see cref="SubscriberQueue"/> and the (un)subscribe messages and replies.</summary>
internal static class SubscriptionFormat
{
    public static void WriteFilter(CompactWriter w, TrapFilter filter)
    {
        w.WriteOptionalLength(filter.TrapOidPrefixes.IsDefault ? null : filter.TrapOidPrefixes.Length);
        foreach (var prefix in filter.TrapOidPrefixes.IsDefault ? [] : filter.TrapOidPrefixes)
            w.WriteOid(prefix);
        w.WriteOptionalLength(filter.Sources.IsDefault ? null : filter.Sources.Length);
        foreach (var source in filter.Sources.IsDefault ? [] : filter.Sources)
            w.WriteIPAddress(source);
        w.WriteOptionalLength(filter.Versions.IsDefault ? null : filter.Versions.Length);
        foreach (var version in filter.Versions.IsDefault ? [] : filter.Versions)
            w.WriteVarInt32((int)version);
        w.WriteVarInt32(filter.Kind is { } kind ? (int)kind + 1 : 0);
    }

    public static TrapFilter ReadFilter(ref CompactReader r)
    {
        var prefixes = ReadItems(ref r, static (ref CompactReader x) => x.ReadOid());
        var sources = ReadItems(ref r, static (ref CompactReader x) => x.ReadIPAddress() ?? throw x.Malformed("a filter source is missing"));
        var versions = ReadItems(ref r, static (ref CompactReader x) => x.ReadEnum<SnmpVersion>());
        var kind = r.ReadVarInt32();
        NotificationKind? k = kind == 0 ? null
            : Enum.IsDefined((NotificationKind)(kind - 1)) ? (NotificationKind)(kind - 1)
            : throw r.Malformed($"{kind - 1} is not a NotificationKind");
        return new TrapFilter { TrapOidPrefixes = prefixes, Sources = sources, Versions = versions, Kind = k };
    }

    public static void WriteSubscribe(CompactWriter w, Subscribe s)
    {
        ActorRefFormat.Write(w, s.Subscriber);
        WriteFilter(w, s.Filter);
        w.WriteBool(s.Queue is not null);
        if (s.Queue is { } q)
        {
            w.WriteVarInt32(q.Capacity);
            w.WriteVarInt32((int)q.Overflow);
        }
    }

    public static Subscribe ReadSubscribe(ref CompactReader r, ExtendedActorSystem system)
    {
        var subscriber = ActorRefFormat.ReadRequired(ref r, system, "the subscriber");
        var filter = ReadFilter(ref r);
        var queue = r.ReadBool() ? new SubscriberQueue(r.ReadVarInt32(), r.ReadEnum<SubscriberOverflow>()) : null;
        return new Subscribe(subscriber, filter) { Queue = queue };
    }

    private delegate T ItemReader<T>(ref CompactReader r);

    private static ImmutableArray<T> ReadItems<T>(ref CompactReader r, ItemReader<T> read)
    {
        if (r.ReadOptionalCount() is not { } count)
            return default;
        var builder = ImmutableArray.CreateBuilder<T>(count);
        for (var i = 0; i < count; i++)
            builder.Add(read(ref r));
        return builder.MoveToImmutable();
    }
}
