namespace TrapActors.Mib;

/// <summary>An OID resolved against the loaded modules: the object named by its longest known prefix and the rest.</summary>
public sealed class MibResolution
{
    internal MibResolution(MibObject? mibObject, IReadOnlyList<uint> oid, int matchedLength, string instance)
    {
        Object = mibObject;
        Oid = oid;
        MatchedLength = matchedLength;
        Instance = instance;
    }

    /// <summary>The object named by the longest known prefix, or null when no prefix is known.</summary>
    public MibObject? Object { get; }

    /// <summary>The OID that was resolved.</summary>
    public IReadOnlyList<uint> Oid { get; }

    /// <summary>How many sub-identifiers of <see cref="Oid"/> the <see cref="Object"/> covers.</summary>
    public int MatchedLength { get; }

    /// <summary>The instance after the name as net-snmp prints it with -OS, such as <c>.3</c> or <c>."public"</c>; empty for an exact match.</summary>
    public string Instance { get; }

    /// <summary>The sub-identifiers after the matched name.</summary>
    public IEnumerable<uint> Suffix => Oid.Skip(MatchedLength);

    /// <summary><c>MODULE::name</c> plus <see cref="Instance"/> (net-snmp's -OS form); the numeric OID when nothing is known.</summary>
    public string Name => Object is null ? Instance : Object.QualifiedName + Instance;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
