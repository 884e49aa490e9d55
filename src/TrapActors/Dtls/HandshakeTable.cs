using System.Diagnostics.CodeAnalysis;
using System.Net;
using TrapActors.Transport;

namespace TrapActors.Dtls;

/// <summary>
/// The DTLS handshakes in progress of one listener, apart from its established associations (decision 0029): at most
/// <c>max</c> in all and <c>maxPerAddress</c> from one source address. A new handshake beyond a limit takes the place
/// of the most stalled one, the one whose peer sent nothing for the longest (of that address for the per-address
/// limit), which the caller abandons; a newcomer is never refused here. Every operation is O(1).
/// Single-threaded (its actor's).
/// </summary>
internal sealed class HandshakeTable<T>(int max, int maxPerAddress) where T : class
{
    private sealed class Entry(PeerKey peer, T value)
    {
        public PeerKey Peer { get; } = peer;
        public T Value { get; } = value;
        public LinkedListNode<Entry>? InAll { get; set; }
        public LinkedListNode<Entry>? OfAddress { get; set; }
    }

    private readonly Dictionary<PeerKey, Entry> _entries = [];
    private readonly LinkedList<Entry> _all = new();                       // longest silent first
    private readonly Dictionary<IPAddress, LinkedList<Entry>> _byAddress = [];   // the same order, per source address

    public int Count => _entries.Count;

    public IEnumerable<T> Values => _entries.Values.Select(entry => entry.Value);

    /// <summary>Handshakes in progress from <paramref name="address"/>.</summary>
    public int CountOf(IPAddress address) => _byAddress.TryGetValue(address, out var list) ? list.Count : 0;

    /// <summary>The peer's handshake; it heard from its peer now, so it is the least stalled.</summary>
    public bool TryGet(PeerKey peer, [MaybeNullWhen(false)] out T value)
    {
        if (!_entries.TryGetValue(peer, out var entry))
        {
            value = null;
            return false;
        }
        MoveToBack(_all, entry.InAll!);
        MoveToBack(_byAddress[peer.Address], entry.OfAddress!);
        value = entry.Value;
        return true;
    }

    /// <summary>
    /// Adds a new handshake. Returns the ones it displaced (taken out of the table, for the caller to abandon): the most
    /// stalled of its address when that address had <c>maxPerAddress</c>, then the most stalled of all at <c>max</c>.
    /// </summary>
    public IReadOnlyList<(PeerKey Peer, T Value, bool OfAddress)> Add(PeerKey peer, T value)
    {
        List<(PeerKey, T, bool)>? displaced = null;
        while (CountOf(peer.Address) >= maxPerAddress)
            (displaced ??= []).Add(Take(_byAddress[peer.Address].First!.Value, ofAddress: true));
        while (_entries.Count >= max)
            (displaced ??= []).Add(Take(_all.First!.Value, ofAddress: false));

        var entry = new Entry(peer, value);
        _entries.Add(peer, entry);
        entry.InAll = _all.AddLast(entry);
        if (!_byAddress.TryGetValue(peer.Address, out var ofAddress))
            _byAddress[peer.Address] = ofAddress = new LinkedList<Entry>();
        entry.OfAddress = ofAddress.AddLast(entry);
        return (IReadOnlyList<(PeerKey, T, bool)>?)displaced ?? [];
    }

    /// <summary>The handshake finished (the association is established) or failed.</summary>
    public bool Remove(PeerKey peer, [MaybeNullWhen(false)] out T value)
    {
        if (!_entries.TryGetValue(peer, out var entry))
        {
            value = null;
            return false;
        }
        value = Take(entry, ofAddress: false).Value;
        return true;
    }

    private (PeerKey Peer, T Value, bool OfAddress) Take(Entry entry, bool ofAddress)
    {
        _entries.Remove(entry.Peer);
        _all.Remove(entry.InAll!);
        var list = _byAddress[entry.Peer.Address];
        list.Remove(entry.OfAddress!);
        if (list.Count == 0)
            _byAddress.Remove(entry.Peer.Address);
        return (entry.Peer, entry.Value, ofAddress);
    }

    private static void MoveToBack(LinkedList<Entry> list, LinkedListNode<Entry> node)
    {
        if (node == list.Last)
            return;
        list.Remove(node);
        list.AddLast(node);
    }
}
