using System.Security.Cryptography;
using System.Text;

namespace TrapActors.Security;

/// <summary>
/// Decides whether a v1/v2c community is accepted; compares in constant time per entry. The accepted set can be
/// replaced while sessions read it (<see cref="Replace"/>, a reconfiguration): each check reads one immutable snapshot.
/// </summary>
internal sealed class CommunityAuthorizer
{
    private volatile Snapshot _current;

    public CommunityAuthorizer(IEnumerable<string> accepted, bool acceptAny) => _current = new Snapshot(accepted, acceptAny);

    public bool IsAccepted(ReadOnlySpan<byte> community)
    {
        var current = _current;
        if (current.AcceptAny)
            return true;
        var match = false;
        foreach (var candidate in current.Accepted)
            match |= CryptographicOperations.FixedTimeEquals(candidate, community);
        return match;
    }

    /// <summary>Replaces the accepted set; true when it differs from the one in force.</summary>
    public bool Replace(IEnumerable<string> accepted, bool acceptAny)
    {
        var next = new Snapshot(accepted, acceptAny);
        var changed = !next.SameAs(_current);
        _current = next;
        return changed;
    }

    public override string ToString() => $"CommunityAuthorizer {{ {_current.Accepted.Length} communities (redacted), AcceptAny = {_current.AcceptAny} }}";

    private sealed class Snapshot
    {
        public Snapshot(IEnumerable<string> accepted, bool acceptAny)
        {
            Accepted = accepted.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(Encoding.UTF8.GetBytes).ToArray();
            AcceptAny = acceptAny;
        }

        public byte[][] Accepted { get; }

        public bool AcceptAny { get; }

        public bool SameAs(Snapshot other) =>
            AcceptAny == other.AcceptAny && Accepted.Length == other.Accepted.Length
            && Accepted.Zip(other.Accepted).All(p => p.First.AsSpan().SequenceEqual(p.Second));
    }
}
