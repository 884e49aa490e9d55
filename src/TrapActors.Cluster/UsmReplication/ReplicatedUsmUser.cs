using System.Collections.Immutable;
using TrapActors.Snmp;

namespace TrapActors.Cluster.UsmReplication;

/// <summary>
/// One user as the replicated table holds it. <paramref name="Revision"/> is new for every write, so that a node
/// recognises a changed user without comparing secrets (UsmSecret has reference equality, and deserialized copies
/// are never the same reference).
/// </summary>
internal sealed record ReplicatedUsmUser(UsmUser User, Guid Revision)
{
    public string Key => KeyOf(User.Name, User.EngineId);

    /// <summary>The table key: the user name, "@", then the engine ID in hex, or "*" for the any-engine user.</summary>
    public static string KeyOf(string name, ImmutableArray<byte> engineId) =>
        name + "@" + (engineId.IsDefaultOrEmpty ? "*" : EngineId.Format(engineId.AsSpan()));

    public bool Equals(ReplicatedUsmUser? other) => other is not null && Revision == other.Revision;

    public override int GetHashCode() => Revision.GetHashCode();

    public override string ToString() => $"ReplicatedUsmUser {{ {User}, Revision = {Revision} }}";
}
