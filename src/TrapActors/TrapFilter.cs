using System.Collections.Immutable;
using System.Net;
using TrapActors.Snmp.Messages;

namespace TrapActors;

/// <summary>
/// Selects notifications for a subscriber. Every criterion that is set must match; a list criterion
/// matches when any of its entries does. <see cref="All"/> selects everything.
/// </summary>
public sealed record TrapFilter
{
    public static readonly TrapFilter All = new();

    /// <summary>Trap OIDs equal to or below any of these prefixes; empty: any trap OID.</summary>
    public ImmutableArray<Oid> TrapOidPrefixes { get; init; } = [];

    /// <summary>Source addresses; empty: any source. Sources arrive with IPv4-mapped addresses already folded to IPv4 (at the socket), and <see cref="AndSource"/> folds these too.</summary>
    public ImmutableArray<IPAddress> Sources { get; init; } = [];

    /// <summary>SNMP versions; empty: any version.</summary>
    public ImmutableArray<SnmpVersion> Versions { get; init; } = [];

    /// <summary>Only traps or only informs; null: both.</summary>
    public NotificationKind? Kind { get; init; }

    public static TrapFilter ByTrapOid(params string[] prefixes) => All.AndTrapOid(prefixes);

    public static TrapFilter BySource(params IPAddress[] sources) => All.AndSource(sources);

    public static TrapFilter ByVersion(params SnmpVersion[] versions) => All with { Versions = [.. versions] };

    public static TrapFilter ByKind(NotificationKind kind) => All with { Kind = kind };

    public TrapFilter AndTrapOid(params string[] prefixes) =>
        this with { TrapOidPrefixes = TrapOidPrefixes.AddRange(prefixes.Select(Oid.Parse)) };

    public TrapFilter AndSource(params IPAddress[] sources) =>
        this with { Sources = Sources.AddRange(sources.Select(Normalize)) };

    public TrapFilter AndVersion(params SnmpVersion[] versions) => this with { Versions = Versions.AddRange(versions) };

    public TrapFilter AndKind(NotificationKind kind) => this with { Kind = kind };

    public bool Matches(SnmpNotification notification)
    {
        if (Kind is { } kind && kind != notification.Kind)
            return false;
        if (!Versions.IsEmpty && !Versions.Contains(notification.Origin.Version))
            return false;
        if (!Sources.IsEmpty && !Sources.Contains(notification.Origin.Source.Address))
            return false;
        if (TrapOidPrefixes.IsEmpty)
            return true;
        foreach (var prefix in TrapOidPrefixes)
        {
            if (notification.TrapOid.StartsWith(prefix))
                return true;
        }
        return false;
    }

    internal static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public bool Equals(TrapFilter? other) =>
        other is not null && Kind == other.Kind &&
        TrapOidPrefixes.SequenceEqual(other.TrapOidPrefixes) &&
        Sources.SequenceEqual(other.Sources) &&
        Versions.SequenceEqual(other.Versions);

    public override int GetHashCode() => HashCode.Combine(Kind, TrapOidPrefixes.Length, Sources.Length, Versions.Length);

    public override string ToString()
    {
        var parts = new List<string>();
        if (!TrapOidPrefixes.IsEmpty)
            parts.Add("trapOid=" + string.Join('|', TrapOidPrefixes));
        if (!Sources.IsEmpty)
            parts.Add("source=" + string.Join('|', Sources.Select(s => s.ToString())));
        if (!Versions.IsEmpty)
            parts.Add("version=" + string.Join('|', Versions));
        if (Kind is { } kind)
            parts.Add("kind=" + kind);
        return parts.Count == 0 ? "TrapFilter(all)" : $"TrapFilter({string.Join(", ", parts)})";
    }
}
