namespace TrapActors.Mib.Resolution;

/// <summary>The named OIDs as a tree, for longest-prefix lookups. Built once; only read afterwards.</summary>
internal sealed class OidTree
{
    private sealed class Node
    {
        public Dictionary<uint, Node>? Children;
        public MibObject? Object;
    }

    private readonly Node _root = new();

    /// <summary>Adds <paramref name="mibObject"/> at its OID; false (and nothing changed) when a name is already there.</summary>
    public bool TryAdd(MibObject mibObject)
    {
        var node = _root;
        foreach (var sub in mibObject.Oid)
        {
            node.Children ??= [];
            if (!node.Children.TryGetValue(sub, out var child))
                node.Children[sub] = child = new Node();
            node = child;
        }
        if (node.Object is not null) return false;
        node.Object = mibObject;
        return true;
    }

    /// <summary>
    /// The deepest named node on <paramref name="oid"/>'s path and its length, with the deepest row (a node with
    /// INDEX) at or above it, whose index decodes what follows.
    /// </summary>
    public (MibObject? Match, int Length, MibObject? Row) Longest(ReadOnlySpan<uint> oid)
    {
        var node = _root;
        MibObject? match = null;
        MibObject? row = null;
        var length = 0;
        for (var i = 0; i < oid.Length; i++)
        {
            if (node.Children is null || !node.Children.TryGetValue(oid[i], out var child)) break;
            node = child;
            if (node.Object is { } named)
            {
                match = named;
                length = i + 1;
                if (named.Index.Count > 0) row = named;
            }
        }
        return (match, length, row);
    }

    /// <summary>
    /// The named sibling just below <paramref name="oid"/> (the next lower last sub-identifier under the same parent):
    /// net-snmp's next peer, whose type tells how an InetAddress index is printed.
    /// </summary>
    public MibObject? PreviousSibling(IReadOnlyList<uint> oid)
    {
        if (oid.Count == 0) return null;
        var parent = _root;
        for (var i = 0; i < oid.Count - 1; i++)
            if (parent.Children is null || !parent.Children.TryGetValue(oid[i], out parent)) return null;
        MibObject? previous = null;
        uint previousSub = 0;
        foreach (var (sub, child) in parent.Children ?? [])
        {
            if (sub < oid[^1] && child.Object is not null && (previous is null || sub > previousSub))
                (previous, previousSub) = (child.Object, sub);
        }
        return previous;
    }

    public MibObject? Exact(ReadOnlySpan<uint> oid)
    {
        var (match, length, _) = Longest(oid);
        return length == oid.Length ? match : null;
    }
}
