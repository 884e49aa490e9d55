using System.Diagnostics.CodeAnalysis;
using TrapActors.Transport;

namespace TrapActors.Listener;

/// <summary>
/// A transport's routing table, source → session, that also knows which session to evict when it is full: the least
/// recently used one that is not busy (decision 0019). Every operation is O(1) and allocates nothing for a known
/// source; an eviction looks at the least recently used sessions only. A session found holding work (an inform
/// awaiting a decision, a message awaiting a USM policy) is set aside, out of the eviction order, until its transport
/// learns that the work is done (<see cref="WorkFinished"/>); one still handling datagrams is evicted if the transport
/// can stop it without loss (<c>evictable</c> = <see cref="SessionActivity.Working"/>), else it goes to the back of the
/// order. Each entry remembers when it was last used, so that the sessions idle for a while can be taken out from the
/// front of the order (<see cref="TakeIdle"/>) instead of each session timing itself (decision 0040). Single-threaded
/// (its actor's).
/// </summary>
/// <param name="activityOf">Reads a session's activity (from its lease) without asking the session.</param>
/// <param name="evictable">The busiest activity that may still be evicted: <see cref="SessionActivity.Idle"/> or <see cref="SessionActivity.Working"/>.</param>
/// <param name="clock">Milliseconds of a monotonic clock (default <see cref="Environment.TickCount64"/>; tests pass their own).</param>
internal sealed class SessionTable<T>(Func<T, SessionActivity> activityOf, SessionActivity evictable = SessionActivity.Idle, Func<long>? clock = null)
    where T : class
{
    /// <summary>How many sessions still handling datagrams an eviction looks past (when it may not evict them) before it gives up.</summary>
    public const int MaxWorkingLookedAt = 32;

    private readonly Dictionary<PeerKey, LinkedListNode<(PeerKey Peer, T Session, long LastUsed)>> _entries = [];
    private readonly LinkedList<(PeerKey Peer, T Session, long LastUsed)> _order = new();   // least recently used first; set-aside entries are not in it

    public int Count => _entries.Count;

    /// <summary>Sessions held back from eviction because they hold work.</summary>
    public int SetAside => _entries.Count - _order.Count;

    public IEnumerable<T> Sessions => _entries.Values.Select(node => node.Value.Session);

    /// <summary>The source's session, now the most recently used.</summary>
    public bool TryGet(PeerKey peer, [MaybeNullWhen(false)] out T session)
    {
        if (!_entries.TryGetValue(peer, out var node))
        {
            session = null;
            return false;
        }
        if (node.List is not null && node != _order.Last)
        {
            _order.Remove(node);
            _order.AddLast(node);
        }
        node.ValueRef.LastUsed = Now;
        session = node.Value.Session;
        return true;
    }

    /// <summary>The source's session, its place in the order unchanged.</summary>
    public T? Find(PeerKey peer) => _entries.TryGetValue(peer, out var node) ? node.Value.Session : null;

    /// <summary>A new session, the most recently used.</summary>
    public void Add(PeerKey peer, T session)
    {
        var node = new LinkedListNode<(PeerKey, T, long)>((peer, session, Now));
        _entries.Add(peer, node);
        _order.AddLast(node);
    }

    public bool Remove(PeerKey peer, [MaybeNullWhen(false)] out T session)
    {
        if (!_entries.Remove(peer, out var node))
        {
            session = null;
            return false;
        }
        if (node.List is not null)
            _order.Remove(node);
        session = node.Value.Session;
        return true;
    }

    /// <summary>The source's session no longer holds work: it may be evicted again, after the others.</summary>
    public void WorkFinished(PeerKey peer)
    {
        if (_entries.TryGetValue(peer, out var node) && node.List is null)
        {
            node.ValueRef.LastUsed = Now;   // idle from now on, not since its last datagram
            _order.AddLast(node);
        }
    }

    /// <summary>
    /// Takes the least recently used evictable session out of the table. False when every session holds work, or (when
    /// working ones may not be evicted) the <see cref="MaxWorkingLookedAt"/> least recently used ones not holding work
    /// still handle datagrams.
    /// </summary>
    public bool TryEvict(out PeerKey peer, [MaybeNullWhen(false)] out T session)
    {
        var working = 0;
        var mostWorking = Math.Min(MaxWorkingLookedAt, _order.Count);
        while (working < mostWorking && _order.First is { } node)
        {
            _order.Remove(node);
            var activity = activityOf(node.Value.Session);
            if (activity <= evictable)
            {
                _entries.Remove(node.Value.Peer);
                (peer, session, _) = node.Value;
                return true;
            }
            if (activity == SessionActivity.Working)
            {
                working++;
                node.ValueRef.LastUsed = Now;
                _order.AddLast(node);
            }
            // else holding: set aside until WorkFinished, so it is looked at once per piece of work, not once per eviction
        }
        (peer, session) = (default, null);
        return false;
    }

    /// <summary>
    /// Takes out of the table, into <paramref name="idle"/>, the sessions not used for <paramref name="idleMs"/> or
    /// longer, least recently used first; one found holding work is set aside as by <see cref="TryEvict"/>. Looks at
    /// the idle ones and one more: the order is by last use.
    /// </summary>
    public void TakeIdle(long idleMs, List<(PeerKey Peer, T Session)> idle)
    {
        var now = Now;
        while (_order.First is { } node && now - node.Value.LastUsed >= idleMs)
        {
            _order.Remove(node);
            if (activityOf(node.Value.Session) == SessionActivity.Holding)
                continue;   // set aside until WorkFinished, which makes it recent again
            _entries.Remove(node.Value.Peer);
            idle.Add((node.Value.Peer, node.Value.Session));
        }
    }

    private long Now => clock?.Invoke() ?? Environment.TickCount64;
}
