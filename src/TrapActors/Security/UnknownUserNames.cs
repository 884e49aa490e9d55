using System.Collections.Concurrent;
using TrapActors.Snmp;

namespace TrapActors.Security;

/// <summary>
/// User names that UsmPolicies.GetUser answered with no user, per authoritative engine, for usm.unknown-user-cache-time:
/// a sender repeating an unknown name gets unknownUserName without asking the policy again. Bounded: when full, the
/// expired names go first, then any one. Adding a user of that name forgets it at once.
/// </summary>
internal sealed class UnknownUserNames(TimeSpan remember, TimeProvider time, int capacity = UnknownUserNames.DefaultCapacity)
{
    /// <summary>Names remembered at most (per engine ID and name).</summary>
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<(string Name, string Engine), long> _until = new();

    public int Count => _until.Count;

    /// <summary>True while the policy's "no such user" for this name and engine is remembered.</summary>
    public bool Contains(string name, ReadOnlySpan<byte> engineId)
    {
        if (remember <= TimeSpan.Zero || _until.IsEmpty)
            return false;
        var key = (name, EngineId.Format(engineId));
        if (!_until.TryGetValue(key, out var until))
            return false;
        if (time.GetTimestamp() < until)
            return true;
        _until.TryRemove(new KeyValuePair<(string, string), long>(key, until));
        return false;
    }

    /// <summary>The policy answered with no user for this name and engine.</summary>
    public void Remember(string name, ReadOnlySpan<byte> engineId)
    {
        if (remember <= TimeSpan.Zero)
            return;
        var now = time.GetTimestamp();
        if (_until.Count >= capacity)
            MakeRoom(now);
        _until[(name, EngineId.Format(engineId))] = now + (long)(remember.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>A user of this name was added: it is asked for again (every engine).</summary>
    public void Forget(string name)
    {
        if (_until.IsEmpty)
            return;
        foreach (var key in _until.Keys)
        {
            if (key.Name == name)
                _until.TryRemove(key, out _);
        }
    }

    private void MakeRoom(long now)
    {
        foreach (var (key, until) in _until)
        {
            if (until <= now)
                _until.TryRemove(key, out _);
        }
        if (_until.Count < capacity)
            return;
        foreach (var key in _until.Keys)
        {
            if (_until.TryRemove(key, out _))
                return;
        }
    }
}
