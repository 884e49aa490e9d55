using System.Collections.Immutable;
using Akka.Actor;
using TrapActors.Snmp;

namespace TrapActors.Security;

/// <summary>
/// To the USM security actor, from a <see cref="ReconfigureTrapReceiver"/>: the users from now on. The actor tells
/// <paramref name="ReplyTo"/> <paramref name="Reply"/> with the users' changes filled in.
/// </summary>
internal sealed record ReplaceUsmUsers(ImmutableArray<UsmUser> Users, TrapReceiverReconfigured Reply, IActorRef ReplyTo)
    : IUsmCommand, INoSerializationVerificationNeeded
{
    public override string ToString() => $"ReplaceUsmUsers {{ {Users.Length} users (secrets redacted) }}";
}

/// <summary>
/// Replaces the USM security actor's users with a new set: the difference only, so that an unchanged user keeps its
/// derived keys. Every new entry is made before anything changes: a key-store policy that throws changes nothing.
/// </summary>
internal static class UsmUserReplacement
{
    /// <summary>
    /// Changes <paramref name="entries"/> and returns the reply and the entries that left (to be retired once the new
    /// table is published). Added and changed users hash their passwords on their first message (decision 0038).
    /// </summary>
    public static (TrapReceiverReconfigured Reply, List<UsmUserEntry> Retired) Apply(
        Dictionary<(string Name, string Engine), UsmUserEntry> entries, ImmutableArray<UsmUser> users, UsmRuntime usm, TrapReceiverReconfigured reply)
    {
        var wanted = new Dictionary<(string, string), UsmUser>();
        foreach (var user in users)
            wanted[Key(user)] = user;
        var incoming = wanted.Where(w => !entries.TryGetValue(w.Key, out var e) || !SameUser(e.User, w.Value)).ToList();
        var created = new List<(bool Added, UsmUserEntry Entry)>();
        try
        {
            foreach (var (key, user) in incoming)
                created.Add((!entries.ContainsKey(key), usm.CreateDeferredEntry(user)));
        }
        catch
        {
            foreach (var (_, entry) in created)
                entry.Retire();
            throw;
        }
        var retired = new List<UsmUserEntry>();
        var removed = entries.Keys.Where(k => !wanted.ContainsKey(k)).ToList();
        foreach (var key in removed)
        {
            entries.Remove(key, out var gone);
            retired.Add(gone!);
        }
        foreach (var (_, entry) in created)
        {
            if (entries.Remove(Key(entry.User), out var old))
                retired.Add(old);
            entries[Key(entry.User)] = entry;
            usm.UnknownUsers.Forget(entry.User.Name);
        }
        return (reply with
        {
            UsersAdded = [.. created.Where(c => c.Added).Select(c => Name(c.Entry.User))],
            UsersChanged = [.. created.Where(c => !c.Added).Select(c => Name(c.Entry.User))],
            UsersRemoved = [.. retired.Where(r => !entries.ContainsKey(Key(r.User))).Select(r => Name(r.User))],
        }, retired);
    }

    public static (string, string) Key(UsmUser user) => (user.Name, EngineId.Format(user.EngineId.AsSpan()));

    /// <summary>"noc" for a user of any engine, "noc@800000000501020304" for one engine's user.</summary>
    public static string Name(UsmUser user) => user.AnyEngine ? user.Name : $"{user.Name}@{EngineId.Format(user.EngineId.AsSpan())}";

    /// <summary>Same name, engine, protocols, minimum level and secrets (compared in constant time).</summary>
    public static bool SameUser(UsmUser a, UsmUser b) =>
        a.Name == b.Name && a.EngineId.AsSpan().SequenceEqual(b.EngineId.AsSpan()) && a.Auth == b.Auth && a.Priv == b.Priv
        && a.MinimumLevel == b.MinimumLevel && SameSecret(a.AuthSecret, b.AuthSecret) && SameSecret(a.PrivSecret, b.PrivSecret);

    private static bool SameSecret(UsmSecret? a, UsmSecret? b) =>
        a is null || b is null ? a is null && b is null
        : a.Kind == b.Kind && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(a.Value, b.Value);
}
