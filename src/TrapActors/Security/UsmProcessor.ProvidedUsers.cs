using System.Net;
using TrapActors.Snmp.Messages;

namespace TrapActors.Security;

/// <summary>The user lookup resumed with the answer of UsmPolicies.GetUser.</summary>
internal sealed partial class UsmProcessor
{
    /// <summary>
    /// A user put in the table meanwhile is used as it is. A supplied user must carry the message's name and fit its
    /// engine; it is tried on this message alone (its keys kept out of the shared caches) and marked
    /// <see cref="UsmUserEntry.Provisional"/>: the session has it cached only once the message is accepted —
    /// authenticated, in time, decrypted. A message it does not authenticate leaves the table as it was. No user: the
    /// name is unknown, and remembered for usm.unknown-user-cache-time unless the policy failed or timed out.
    /// </summary>
    private UsmOutcome ProvidedUser(V3Message message, IPEndPoint source, ResumeAtUserLookup at, UsmDecision decision, IPolicyWaitGate gate)
    {
        var engineId = message.Usm!.EngineId.Span;
        var userName = DecodeUserName(message.Usm.UserName.Span);
        if (userName is null)
            return UnknownUser(message, userName, at.Reportable);
        if (usm.Table.Find(userName, engineId) is { } known)
            return Authenticate(message, source, known, at.Level, at.LocallyAuthoritative, at.Reportable, gate);
        if (decision is not UserProvided { User: { } user } || user.Name != userName || !(user.AnyEngine || user.EngineId.AsSpan().SequenceEqual(engineId)))
        {
            if (decision is UserProvided { PolicyFailed: false })
                usm.UnknownUsers.Remember(userName, engineId);
            return UnknownUser(message, userName, at.Reportable);
        }

        UsmUserEntry entry;
        try
        {
            entry = usm.CreateEntry(user).AsProvisional();
        }
        catch (Exception)
        {
            // The application's key-store policy threw while the supplied user's keys were derived: no user.
            return UnknownUser(message, userName, at.Reportable);
        }
        var keys = entry.EngineKeys ?? entry.KeysFor(engineId, usm.Counters.KeyDerivation);
        var outcome = keys is null
            ? UnknownUser(message, userName, at.Reportable)
            : Authenticate(message, source, entry, at.Level, at.LocallyAuthoritative, at.Reportable, gate, keys);
        if (outcome is UsmRejected)
        {
            keys?.Retire();
            entry.Retire();
        }
        return outcome;
    }
}
