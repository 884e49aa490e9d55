using System.Collections.Concurrent;
using TrapActors.Mib.Rendering;

namespace TrapActors.Mib.Describing;

/// <summary>
/// Describes varbinds against a <see cref="MibSet"/>: the name of the OID and, from the object's SYNTAX, the value's
/// enumeration label, set BITS names and DISPLAY-HINT rendering. What depends on the OID alone is resolved once per
/// OID and cached (up to <see cref="MaxCachedOids"/> OIDs; beyond that, new OIDs are resolved on each use), so
/// describing the same OID again costs one lookup. Thread-safe; never throws.
/// </summary>
public sealed class MibDescriber
{
    /// <summary>The default bound on cached OIDs.</summary>
    public const int DefaultMaxCachedOids = 100_000;

    private readonly MibSet _set;
    private readonly ConcurrentDictionary<uint[], MibOidDescription> _cache = new(OidComparer.Instance);
    private readonly ConcurrentDictionary<uint[], MibOidDescription>.AlternateLookup<ReadOnlySpan<uint>> _lookup;

    /// <summary>Describes with <paramref name="set"/>, caching at most <paramref name="maxCachedOids"/> OIDs.</summary>
    public MibDescriber(MibSet set, int maxCachedOids = DefaultMaxCachedOids)
    {
        ArgumentNullException.ThrowIfNull(set);
        _set = set;
        MaxCachedOids = Math.Max(0, maxCachedOids);
        _lookup = _cache.GetAlternateLookup<ReadOnlySpan<uint>>();
    }

    /// <summary>How many OIDs are cached at most.</summary>
    public int MaxCachedOids { get; }

    /// <summary>How many OIDs are cached now.</summary>
    public int CachedOids => _cache.Count;

    /// <summary>The per-OID part of the description of <paramref name="oid"/>, from the cache when it is there.</summary>
    public MibOidDescription Lookup(ReadOnlySpan<uint> oid)
    {
        if (_lookup.TryGetValue(oid, out var cached))
            return cached;
        var described = Resolve(oid);
        if (_cache.Count >= MaxCachedOids)
            return described;
        return _lookup.TryAdd(oid, described) ? described : _lookup.TryGetValue(oid, out cached) ? cached : described;
    }

    /// <summary>
    /// The name of an OID that is a value (snmpTrapOID.0's value → <c>SNMPv2-MIB::coldStart</c>); null when no
    /// prefix of it is known.
    /// </summary>
    public string? NameOf(ReadOnlySpan<uint> oid) => Lookup(oid).Name;

    /// <summary>Describes a varbind whose value is a number (<paramref name="kind"/> says which SMI type).</summary>
    public MibDescription Describe(ReadOnlySpan<uint> oid, MibValueKind kind, long value)
    {
        var entry = Lookup(oid);
        if (entry.Name is null)
            return MibDescription.Unknown;
        var syntax = entry.Syntax;
        string? label = null;
        string? display = null;
        if (kind == MibValueKind.Integer && syntax.BaseType == MibBaseType.Integer && syntax.Enumerations.Count > 0)
            label = syntax.Enumerations.GetValueOrDefault(value);
        if (entry.IntegerHint is { } hint && Fits(kind, syntax.BaseType, value))
            display = hint.Render(value);
        return label is null && display is null ? entry.Bare : new MibDescription(entry.Name, label, null, display);
    }

    /// <summary>Describes a varbind whose value is an unsigned number (Counter64, or any other with <see cref="Describe(ReadOnlySpan{uint}, MibValueKind, long)"/>'s rules).</summary>
    public MibDescription Describe(ReadOnlySpan<uint> oid, MibValueKind kind, ulong value) =>
        value <= long.MaxValue ? Describe(oid, kind, (long)value) : Lookup(oid).Bare;

    /// <summary>Describes a varbind whose value is octets (OCTET STRING, BITS, IpAddress, Opaque).</summary>
    public MibDescription Describe(ReadOnlySpan<uint> oid, MibValueKind kind, ReadOnlySpan<byte> value)
    {
        var entry = Lookup(oid);
        if (entry.Name is null || kind != MibValueKind.OctetString)
            return entry.Bare;
        var syntax = entry.Syntax;
        if (syntax.BaseType == MibBaseType.Bits)
            return new MibDescription(entry.Name, null, BitsValue.SetBitNames(value, syntax.Bits), null);
        return entry.OctetHint is { } hint ? new MibDescription(entry.Name, null, null, hint.Format(value)) : entry.Bare;
    }

    /// <summary>Describes a varbind without a value to render (NULL, an exception, an unknown type): its name only.</summary>
    public MibDescription Describe(ReadOnlySpan<uint> oid) => Lookup(oid).Bare;

    // An integer hint applies to the wire type the SYNTAX implies, within its range.
    private static bool Fits(MibValueKind kind, MibBaseType baseType, long value) => kind switch
    {
        MibValueKind.Integer => baseType == MibBaseType.Integer && value is >= int.MinValue and <= int.MaxValue,
        MibValueKind.Gauge32 => baseType is MibBaseType.Unsigned32 or MibBaseType.Gauge32 && value is >= 0 and <= uint.MaxValue,
        _ => false,
    };

    private MibOidDescription Resolve(ReadOnlySpan<uint> oid)
    {
        try
        {
            var resolution = _set.Resolve(oid);
            return new MibOidDescription(resolution.Object, resolution.Object is null ? null : resolution.Name);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Resolution is not meant to throw; should it, the OID is described as unknown rather than losing the trap.
            return new MibOidDescription(null, null);
        }
    }
}
