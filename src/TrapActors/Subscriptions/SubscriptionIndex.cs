using System.Collections.Frozen;
using TrapActors.Snmp.Messages;

namespace TrapActors.Subscriptions;

/// <summary>
/// The subscriptions of one snapshot, indexed by trap-OID prefix: a trie over OID arcs whose every node holds, sorted,
/// the subscriptions with a prefix ending at that node or above it. A notification's candidates are the deepest node
/// its trap OID reaches plus the subscriptions without a trap-OID restriction, offered in subscription order.
/// Immutable once built (by the subscriptions actor), read by every session at once; looking up allocates nothing.
/// Candidates still need <see cref="TrapFilter.Matches"/>: the index only leaves out those whose prefixes cannot match.
/// </summary>
internal sealed class SubscriptionIndex
{
    public static readonly SubscriptionIndex Empty = new([]);

    /// <summary>Up to this many subscriptions, checking them all is cheaper than walking the trie.</summary>
    private const int ScanAllUpTo = 8;

    private readonly int[] _unrestricted;
    private readonly int[]? _all;
    private readonly Node _root = new();

    public SubscriptionIndex(Subscription[] subscriptions)
    {
        Subscriptions = subscriptions;
        if (subscriptions.Length <= ScanAllUpTo)
        {
            _all = [.. Enumerable.Range(0, subscriptions.Length)];
            _unrestricted = [];
            return;
        }
        var unrestricted = new List<int>();
        for (var i = 0; i < subscriptions.Length; i++)
        {
            var prefixes = subscriptions[i].Filter.TrapOidPrefixes;
            if (prefixes.IsEmpty)
                unrestricted.Add(i);
            foreach (var prefix in prefixes)
                _root.Descend(prefix.Arcs).Own.Add(i);
        }
        _unrestricted = [.. unrestricted];
        _root.Seal([]);
    }

    /// <summary>All subscriptions, in subscription order.</summary>
    public Subscription[] Subscriptions { get; }

    /// <summary>The subscriptions whose trap-OID prefixes may select <paramref name="trapOid"/>, in subscription order.</summary>
    public Candidates CandidatesFor(Oid trapOid)
    {
        if (_all is not null)
            return new Candidates(Subscriptions, _all, []);
        var node = _root;
        foreach (var arc in trapOid.Arcs)
        {
            if (node.Frozen is null || !node.Frozen.TryGetValue(arc, out var child))
                break;
            node = child;
        }
        return new Candidates(Subscriptions, _unrestricted, node.Matching);
    }

    /// <summary>Two sorted, disjoint index lists merged in ascending order: enumerated with foreach, no allocation.</summary>
    public ref struct Candidates(Subscription[] subscriptions, int[] first, int[] second)
    {
        private int _i;
        private int _j;

        public Subscription Current { get; private set; } = null!;

        public readonly Candidates GetEnumerator() => this;

        public bool MoveNext()
        {
            int next;
            if (_i < first.Length && (_j >= second.Length || first[_i] < second[_j]))
                next = first[_i++];
            else if (_j < second.Length)
                next = second[_j++];
            else
                return false;
            Current = subscriptions[next];
            return true;
        }
    }

    private sealed class Node
    {
        public Dictionary<uint, Node>? Children;
        public FrozenDictionary<uint, Node>? Frozen;
        public readonly List<int> Own = [];
        public int[] Matching = [];

        public Node Descend(ReadOnlySpan<uint> arcs)
        {
            var node = this;
            foreach (var arc in arcs)
            {
                node.Children ??= [];
                if (!node.Children.TryGetValue(arc, out var child))
                    node.Children[arc] = child = new Node();
                node = child;
            }
            return node;
        }

        /// <summary>Matching = the ancestors' set plus this node's own, sorted and without duplicates (a subscription may hold nested prefixes); shared with the parent when this node adds nothing.</summary>
        public void Seal(int[] inherited)
        {
            Matching = Own.Count == 0 ? inherited : [.. inherited.Concat(Own).Distinct().Order()];
            if (Children is null)
                return;
            Frozen = Children.ToFrozenDictionary();
            foreach (var child in Children.Values)
                child.Seal(Matching);
        }
    }
}
