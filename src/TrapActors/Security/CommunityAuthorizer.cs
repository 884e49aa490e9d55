using System.Security.Cryptography;
using System.Text;

namespace TrapActors.Security;

/// <summary>Decides whether a v1/v2c community is accepted; compares in constant time per entry.</summary>
internal sealed class CommunityAuthorizer
{
    private readonly byte[][] _accepted;
    private readonly bool _acceptAny;

    public CommunityAuthorizer(IEnumerable<string> accepted, bool acceptAny)
    {
        _accepted = accepted.Distinct(StringComparer.Ordinal).Select(Encoding.UTF8.GetBytes).ToArray();
        _acceptAny = acceptAny;
    }

    public bool IsAccepted(ReadOnlySpan<byte> community)
    {
        if (_acceptAny)
            return true;
        var match = false;
        foreach (var candidate in _accepted)
            match |= CryptographicOperations.FixedTimeEquals(candidate, community);
        return match;
    }

    public override string ToString() => $"CommunityAuthorizer {{ {_accepted.Length} communities (redacted), AcceptAny = {_acceptAny} }}";
}
