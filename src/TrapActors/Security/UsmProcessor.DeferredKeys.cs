using System.Net;
using TrapActors.Snmp.Messages;

namespace TrapActors.Security;

/// <summary>A message whose user's keys are not derived yet (the password is hashed on first use, decision 0038).</summary>
internal sealed partial class UsmProcessor
{
    /// <summary>
    /// Starts the user's key derivation, or joins the one running, and lets the message wait for it with a place in the
    /// receiver-wide budget of waits (usm.max-pending-policy-decisions); without a place it is dropped as policy-busy.
    /// </summary>
    private UsmOutcome AwaitKeys(V3Message message, IPEndPoint source, UsmUserEntry entry, SecurityLevel level, bool local, bool reportable, IPolicyWaitGate gate)
    {
        var derivation = usm.DeriveKeys(entry);
        if (derivation.IsCompleted)
            return derivation.Result
                ? Authenticate(message, source, entry, level, local, reportable, gate)
                : NoKeys(message, entry.User.Name, reportable);
        if (!gate.TryEnterKeyWait())
            return new UsmRejected(DropReason.PolicyBusy, TrapReceiverErrorCodes.MessageNotAuthenticated,
                $"the keys of user '{entry.User.Name}' are being derived and usm.max-pending-policy-decisions messages are waiting already", null);
        return new UsmPending(derivation.ContinueWith(static _ => (UsmDecision)KeysDerived.Instance, TaskContinuationOptions.ExecuteSynchronously),
            new ResumeAtKeyDerivation(level, local, reportable));
    }

    /// <summary>The derivation ended: the user as the table has it now (removed meanwhile: unknownUserName).</summary>
    private UsmOutcome ResumeWithKeys(V3Message message, IPEndPoint source, ResumeAtKeyDerivation at, IPolicyWaitGate gate)
    {
        var userName = DecodeUserName(message.Usm!.UserName.Span);
        if (userName is null || usm.Table.Find(userName, message.Usm.EngineId.Span) is not { IsRetired: false } entry)
            return UnknownUser(message, userName, at.Reportable);
        return Authenticate(message, source, entry, at.Level, at.LocallyAuthoritative, at.Reportable, gate);
    }

    /// <summary>The entry was retired before its keys were derived, or the application's key-store policy threw.</summary>
    private UsmRejected NoKeys(V3Message message, string userName, bool reportable)
    {
        usm.Counters.UnknownUserName();
        return Reject(DropReason.UnknownUser, TrapReceiverErrorCodes.BadUserName, $"no keys for user '{userName}': removed, or the key-store policy failed",
            reportable ? Report(message, UsmReportOids.UnknownUserNames, usm.Counters.UnknownUserNames) : null);
    }
}
