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
    /// <summary>Selects every notification.</summary>
    public static readonly TrapFilter All = new();

    /// <summary>Trap OIDs equal to or below any of these prefixes; empty: any trap OID.</summary>
    public ImmutableArray<Oid> TrapOidPrefixes { get; init; } = [];

    /// <summary>Source addresses; empty: any source. Sources arrive with IPv4-mapped addresses already folded to IPv4 (at the socket), and <see cref="AndSource"/> folds these too.</summary>
    public ImmutableArray<IPAddress> Sources { get; init; } = [];

    /// <summary>SNMP versions; empty: any version.</summary>
    public ImmutableArray<SnmpVersion> Versions { get; init; } = [];

    /// <summary>Only traps or only informs; null: both.</summary>
    public NotificationKind? Kind { get; init; }

    /// <summary>Notifications whose trap OID equals or lies below any of <paramref name="prefixes"/> (dotted OIDs, e.g. "1.3.6.1.6.3.1.1.5" for the generic traps).</summary>
    /// <exception cref="FormatException">A prefix is not a dotted OID.</exception>
    public static TrapFilter ByTrapOid(params string[] prefixes) => All.AndTrapOid(prefixes);

    /// <summary>Notifications from any of <paramref name="sources"/> (the sender's IP address, any port).</summary>
    public static TrapFilter BySource(params IPAddress[] sources) => All.AndSource(sources);

    /// <summary>Notifications sent with any of <paramref name="versions"/>.</summary>
    public static TrapFilter ByVersion(params SnmpVersion[] versions) => All with { Versions = [.. versions] };

    /// <summary>Only traps, or only informs.</summary>
    public static TrapFilter ByKind(NotificationKind kind) => All with { Kind = kind };

    /// <summary>This filter with more trap-OID prefixes (any of them matches).</summary>
    /// <exception cref="FormatException">A prefix is not a dotted OID.</exception>
    public TrapFilter AndTrapOid(params string[] prefixes) =>
        this with { TrapOidPrefixes = TrapOidPrefixes.AddRange(prefixes.Select(Oid.Parse)) };

    /// <summary>This filter with more source addresses (any of them matches); IPv4-mapped IPv6 addresses are folded to IPv4.</summary>
    public TrapFilter AndSource(params IPAddress[] sources) =>
        this with { Sources = Sources.AddRange(sources.Select(Normalize)) };

    /// <summary>This filter with more versions (any of them matches).</summary>
    public TrapFilter AndVersion(params SnmpVersion[] versions) => this with { Versions = Versions.AddRange(versions) };

    /// <summary>This filter restricted to traps or to informs.</summary>
    public TrapFilter AndKind(NotificationKind kind) => this with { Kind = kind };

    /// <summary>True when <paramref name="notification"/> meets every criterion that is set.</summary>
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

    /// <summary>True when both filters have the same criteria in the same order.</summary>
    public bool Equals(TrapFilter? other) =>
        other is not null && Kind == other.Kind &&
        TrapOidPrefixes.SequenceEqual(other.TrapOidPrefixes) &&
        Sources.SequenceEqual(other.Sources) &&
        Versions.SequenceEqual(other.Versions);

    /// <summary>A hash consistent with <see cref="Equals(TrapFilter?)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Kind, TrapOidPrefixes.Length, Sources.Length, Versions.Length);

    /// <summary>The criteria for logs, e.g. "TrapFilter(trapOid=1.3.6.1.6.3.1.1.5, kind=Inform)".</summary>
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
