using TrapActors.Mib.Resolution;

namespace TrapActors.Mib;

/// <summary>
/// The modules loaded by <see cref="MibLoader"/>, with the problems met. Immutable and safe to share between threads.
/// </summary>
public sealed class MibSet
{
    private readonly OidTree _tree = new();
    private readonly Dictionary<string, MibObject> _byQualifiedName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MibObject> _byName = new(StringComparer.Ordinal);

    internal MibSet(IReadOnlyList<MibModule> modules, IReadOnlyList<MibProblem> problems)
    {
        Modules = modules;
        Problems = problems;
        foreach (var mibObject in modules.SelectMany(m => m.Objects))
        {
            _byQualifiedName.TryAdd(mibObject.QualifiedName, mibObject);
            _byName.TryAdd(mibObject.Name, mibObject);
        }
        foreach (var mibObject in LinkOrder.Of(modules).SelectMany(m => m.Objects))
            _tree.TryAdd(mibObject);
        foreach (var row in modules.SelectMany(m => m.Objects))
        {
            if (row.Augments is { } augmented && Find(row.Module, augmented) is { } target)
                row.Index = target.Index;
            row.IndexObjects = [.. row.Index.Select(i => Find(row.Module, i.Name))];
            row.InetAddressIndexes = [.. row.IndexObjects.Select(o => o?.Syntax.TextualConvention == "InetAddress"
                && _tree.PreviousSibling(o.Oid)?.Syntax.TextualConvention == "InetAddressType")];
        }
        ObjectCount = _byQualifiedName.Count;
    }

    /// <summary>An empty set: every OID resolves to its numeric form.</summary>
    public static MibSet Empty { get; } = new([], []);

    /// <summary>The loaded modules, in load order.</summary>
    public IReadOnlyList<MibModule> Modules { get; }

    /// <summary>Every problem met, each once, as <c>FILE:LINE: message</c> when printed.</summary>
    public IReadOnlyList<MibProblem> Problems { get; }

    /// <summary>How many named OIDs the modules define.</summary>
    public int ObjectCount { get; }

    /// <summary>The object <c>MODULE::name</c>, or by its name alone (the first module that defines it).</summary>
    public MibObject? Find(string name)
    {
        var separator = name.IndexOf("::", StringComparison.Ordinal);
        return separator < 0 ? _byName.GetValueOrDefault(name) : Find(name[..separator], name[(separator + 2)..]);
    }

    /// <summary>The object <paramref name="name"/> as seen from <paramref name="module"/>: its own, else the first anywhere.</summary>
    public MibObject? Find(string module, string name) =>
        _byQualifiedName.GetValueOrDefault($"{module}::{name}") ?? _byName.GetValueOrDefault(name);

    /// <summary>The object at exactly <paramref name="oid"/>, if named.</summary>
    public MibObject? FindByOid(ReadOnlySpan<uint> oid) => _tree.Exact(oid);

    /// <summary>
    /// Resolves <paramref name="oid"/> to the object of its longest known prefix plus the instance, decoded from the
    /// row's INDEX as net-snmp prints it with -OS (<c>IF-MIB::ifOperStatus.3</c>). Never throws.
    /// </summary>
    public MibResolution Resolve(ReadOnlySpan<uint> oid)
    {
        var (match, length, row) = _tree.Longest(oid);
        var instance = InstanceFormatter.Format(oid, length, row);
        return new MibResolution(match, oid.ToArray(), length, instance);
    }

    /// <summary>Resolves a dotted numeric OID (<c>1.3.6.1.2.1.1.3.0</c>, a leading dot allowed); null when it is not one.</summary>
    public MibResolution? Resolve(string dottedOid)
    {
        var parts = dottedOid.Trim().TrimStart('.').Split('.');
        var oid = new uint[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!uint.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out oid[i]))
                return null;
        return Resolve(oid);
    }
}
