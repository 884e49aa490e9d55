using System.Net;
using System.Text;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>
/// Incoming-message processing of USM, in the order of RFC 3414 §3.2: security level, engine and user lookup,
/// authentication over the received bytes, timeliness, then decryption, and last the user's minimum level. Every
/// failure counts its usmStats counter and yields the Report that is due (only to reportable messages, and only with
/// usm.report-errors). An application policy that answers asynchronously yields <see cref="UsmPending"/>; processing
/// then continues with <see cref="Resume"/> at the stage that waited. A policy is asked only with room in the
/// <see cref="IPolicyWaitGate"/> (else the message is dropped as policy-busy), and GetUser not again for a name it did
/// not supply lately (<see cref="UnknownUserNames"/>). Never throws on input.
/// </summary>
internal sealed partial class UsmProcessor(UsmRuntime usm, DecodeLimits limits)
{
    private readonly UsmPolicies _policies = usm.Policies;
    private long _digestsVerified;
    private long _pdusDecrypted;

    /// <summary>HMAC verifications done (test-visible: a resumed message must not be verified again).</summary>
    internal long DigestsVerified => Interlocked.Read(ref _digestsVerified);

    /// <summary>Decryptions of an encrypted scoped PDU attempted (each key variant counts).</summary>
    internal long PdusDecrypted => Interlocked.Read(ref _pdusDecrypted);

    /// <summary>Decisions waiting across every session (usm.max-pending-policy-decisions).</summary>
    public PolicyWaitBudget Waiting { get; } = new(usm.Settings.MaxPendingPolicyDecisions);

    /// <summary>Processes <paramref name="message"/> from its first step; <paramref name="gate"/> bounds the policy decisions that wait.</summary>
    public UsmOutcome Process(V3Message message, IPEndPoint source, IPolicyWaitGate? gate = null)
    {
        gate ??= UnboundedPolicyWaits.Instance;
        var flags = message.Flags;
        if ((flags & V3MessageFlags.Priv) != 0 && (flags & V3MessageFlags.Auth) == 0)
            return new UsmRejected(DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket, "msgFlags ask for privacy without authentication", null);
        var level = (flags & V3MessageFlags.Priv) != 0 ? SecurityLevel.AuthPriv
            : (flags & V3MessageFlags.Auth) != 0 ? SecurityLevel.AuthNoPriv
            : SecurityLevel.NoAuthNoPriv;
        var engineId = message.Usm!.EngineId.Span;

        // Discovery (RFC 3414 §4): an empty authoritative engine ID asks for ours.
        if (engineId.IsEmpty)
            return Discovery(message, source, level, decided: null, gate);
        var reportable = (flags & V3MessageFlags.Reportable) != 0 && usm.Settings.ReportErrors && Answerable(source);

        var local = usm.Local.IsLocal(engineId);
        if (!local && (flags & V3MessageFlags.Reportable) != 0)
        {
            // A confirmed-class message (an inform) must name this engine: RFC 3414 §3.2 step 3.
            usm.Counters.UnknownEngineId();
            return Reject(DropReason.UnknownEngine, TrapReceiverErrorCodes.BadEngineId, $"a reportable message for engine {EngineId.Format(engineId)}, not this receiver's",
                reportable ? Report(message, UsmReportOids.UnknownEngineIds, usm.Counters.UnknownEngineIds) : null);
        }
        return LookUpUser(message, source, level, local, reportable, askPolicy: true, gate);
    }

    /// <summary>
    /// Continues processing <paramref name="message"/> where <see cref="Process"/> (or an earlier resume) stopped, with the
    /// policy's <paramref name="decision"/>; what <paramref name="resume"/> holds is not established again.
    /// </summary>
    public UsmOutcome Resume(V3Message message, IPEndPoint source, UsmResumePoint resume, UsmDecision decision, IPolicyWaitGate? gate = null)
    {
        gate ??= UnboundedPolicyWaits.Instance;
        return resume switch
        {
            ResumeAtDiscovery d => Discovery(message, source, d.Level, decision is DiscoveryDecided { Respond: var respond } && respond, gate),
            ResumeAtUserLookup u => ProvidedUser(message, source, u, decision, gate),
            ResumeAtEngineCheck e => CheckRemoteEngine(message, source, e.Entry, e.Level, e.Keys, e.Reportable, decision is EngineDecided { Accept: var accept } && accept, gate),
            ResumeAtUnauthenticatedEngineCheck u => CheckUnauthenticatedEngine(message, source, u.Entry, u.Reportable, decision is EngineDecided { Accept: var accept } && accept, gate),
            ResumeAtKeyDerivation k => ResumeWithKeys(message, source, k, gate),
            ResumeAtMinimumLevel m => CheckMinimumLevel(message, m.Accepted, m.Reportable,
                decision is MinimumLevelDecided { Level: var minimum } ? minimum : SecurityLevel.AuthPriv, gate),
            _ => throw new ArgumentOutOfRangeException(nameof(resume), resume, null),
        };
    }

    private UsmOutcome Discovery(V3Message message, IPEndPoint source, SecurityLevel level, bool? decided, IPolicyWaitGate gate)
    {
        var respond = decided ?? usm.Settings.RespondToDiscovery;
        if (decided is null && _policies.RespondToDiscovery is { } discoveryPolicy)
        {
            if (!TryAsk(gate, () => discoveryPolicy(new DiscoveryRequest(DecodeUserName(message.Usm!.UserName.Span) ?? "", level, source)), out var decision))
                return Busy("RespondToDiscovery");
            if (!decision.IsCompletedSuccessfully)
                return Pending(decision, r => new DiscoveryDecided(r), new DiscoveryDecided(false), new ResumeAtDiscovery(level));
            respond = decision.Result;
        }
        usm.Counters.UnknownEngineId();
        var answer = respond && level == SecurityLevel.NoAuthNoPriv && (message.Flags & V3MessageFlags.Reportable) != 0 && Answerable(source);
        return new UsmDiscovery(answer ? Report(message, UsmReportOids.UnknownEngineIds, usm.Counters.UnknownEngineIds) : null);
    }

    /// <summary>
    /// Step 4: the user, from the table or (once per message) from the GetUser policy, unless GetUser did not supply
    /// that name for that engine lately (usm.unknown-user-cache-time).
    /// </summary>
    private UsmOutcome LookUpUser(V3Message message, IPEndPoint source, SecurityLevel level, bool local, bool reportable, bool askPolicy, IPolicyWaitGate gate)
    {
        var engineId = message.Usm!.EngineId.Span;
        var userName = DecodeUserName(message.Usm.UserName.Span);
        var entry = userName is null ? null : usm.Table.Find(userName, engineId);
        if (entry is null && userName is not null && askPolicy && _policies.GetUser is { } getUser && !usm.UnknownUsers.Contains(userName, engineId))
        {
            var request = new UsmUserRequest(userName, [.. engineId], level, source);
            if (!TryAsk(gate, () => getUser(request), out var provided))
                return Busy("GetUser");
            if (!provided.IsCompletedSuccessfully || provided.Result is not null)
                return Pending(provided, u => new UserProvided(u), UserProvided.Failed, new ResumeAtUserLookup(level, local, reportable));
            usm.UnknownUsers.Remember(userName, engineId);
        }
        if (entry is null)
            return UnknownUser(message, userName, reportable);
        return Authenticate(message, source, entry, level, local, reportable, gate);
    }

    private UsmRejected UnknownUser(V3Message message, string? userName, bool reportable)
    {
        usm.Counters.UnknownUserName();
        return Reject(DropReason.UnknownUser, TrapReceiverErrorCodes.BadUserName, $"unknown user '{Printable(userName)}'",
            reportable ? Report(message, UsmReportOids.UnknownUserNames, usm.Counters.UnknownUserNames) : null);
    }

    /// <summary>
    /// Steps 5 to 7: the level the user supports, the digest over the received bytes, then timeliness.
    /// <paramref name="providedKeys"/>: the keys of a user GetUser supplied for this message, kept out of the shared caches.
    /// </summary>
    private UsmOutcome Authenticate(V3Message message, IPEndPoint source, UsmUserEntry entry, SecurityLevel level, bool local, bool reportable,
        IPolicyWaitGate gate, UserKeys? providedKeys = null)
    {
        var user = entry.User;
        if (level > user.Level)
            return UnsupportedLevel(message, user, level, $"user '{user.Name}' is configured for {user.Level}, not {level}", reportable);

        if (level == SecurityLevel.NoAuthNoPriv)
        {
            if (message.ScopedPdu is null)
                return Reject(DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket, "an unencrypted message carries an encrypted PDU", null);
            return local
                ? AcceptUnauthenticated(message, entry, local, reportable, gate)
                : CheckUnauthenticatedEngine(message, source, entry, reportable, decided: null, gate);
        }

        if (providedKeys is null && !entry.KeysReady)
            return AwaitKeys(message, source, entry, level, local, reportable, gate);
        var p = message.Usm!;
        // A user replaced or removed since the lookup: its keys are retired and refuse the lease (fail closed).
        if ((providedKeys ?? usm.KeysFor(entry, p.EngineId.Span)) is not { } keys || !keys.TryAcquire())
        {
            usm.Counters.UnknownUserName();
            return Reject(DropReason.UnknownUser, TrapReceiverErrorCodes.BadUserName, $"user '{user.Name}' was replaced or removed while the message was processed", null);
        }
        bool verified;
        try
        {
            Interlocked.Increment(ref _digestsVerified);
            verified = UsmAuthentication.Verify(keys.Auth, keys.AuthKey, message.WholeMessage.Span, message.AuthParametersOffset, p.AuthParameters.Span);
        }
        finally
        {
            keys.Release();
        }
        if (!verified)
        {
            usm.Counters.WrongDigest();
            return Reject(DropReason.WrongDigest, TrapReceiverErrorCodes.VerificationFailed, $"wrong digest for user '{user.Name}'",
                reportable ? Report(message, UsmReportOids.WrongDigests, usm.Counters.WrongDigests) : null);
        }

        if (!local)
            return CheckRemoteEngine(message, source, entry, level, keys, reportable, decided: null, gate);
        var nowMs = usm.NowMs;
        if (usm.Local.Check(p.EngineBoots, p.EngineTime, nowMs, usm.Settings.TimeWindow) != Timeliness.InTime)
            return NotInTime(message, keys, reportable,
                $"boots/time {p.EngineBoots}/{p.EngineTime} outside the local engine's {usm.Local.Boots}/{usm.Local.Time(nowMs)} ± {usm.Settings.TimeWindow.TotalSeconds:0} s");
        return Decrypt(message, entry, level, keys, local, reportable, gate);
    }

    /// <summary>
    /// The last gate: the user's minimum level (UsmPolicies.MinimumSecurityLevel, else the user's own). It comes after
    /// authentication and timeliness so that an authenticated time-synchronization request below the minimum still gets
    /// its notInTimeWindow report, yet nothing below the minimum is ever delivered — a downgraded msgFlags included.
    /// </summary>
    private UsmOutcome CheckMinimumLevel(V3Message message, UsmAccepted accepted, bool reportable, SecurityLevel? decided, IPolicyWaitGate gate)
    {
        var user = accepted.User!.User;
        var minimum = decided ?? user.EffectiveMinimumLevel;
        if (decided is null && _policies.MinimumSecurityLevel is { } levelPolicy)
        {
            if (!TryAsk(gate, () => levelPolicy(new UsmSecurityLevelRequest(user.Name, [.. message.Usm!.EngineId.Span], user.EffectiveMinimumLevel, accepted.Level)), out var decision))
                return Busy("MinimumSecurityLevel");
            if (!decision.IsCompletedSuccessfully)
                return Pending(decision, l => new MinimumLevelDecided(l), new MinimumLevelDecided(SecurityLevel.AuthPriv), new ResumeAtMinimumLevel(accepted, reportable));
            minimum = decision.Result;
        }
        return accepted.Level >= minimum
            ? accepted
            : UnsupportedLevel(message, user, accepted.Level, $"user '{user.Name}' is not accepted below {minimum} (got {accepted.Level})", reportable);
    }

    private UsmRejected UnsupportedLevel(V3Message message, UsmUser user, SecurityLevel level, string description, bool reportable)
    {
        usm.Counters.UnsupportedSecLevel();
        return Reject(DropReason.UnsupportedSecurityLevel, TrapReceiverErrorCodes.SecurityLevelNotAccepted, description,
            reportable ? Report(message, UsmReportOids.UnsupportedSecLevels, usm.Counters.UnsupportedSecLevels) : null);
    }

    private UsmRejected NotInTime(V3Message message, UserKeys keys, bool reportable, string description)
    {
        usm.Counters.NotInTimeWindow();
        return Reject(DropReason.NotInTimeWindow, TrapReceiverErrorCodes.BadTimeFrame, description,
            reportable ? Report(message, UsmReportOids.NotInTimeWindows, usm.Counters.NotInTimeWindows, keys) : null);
    }

    /// <summary>
    /// Asks a policy with a place in <paramref name="gate"/> for its decision to wait in; false (not asked) when there is
    /// none. A decision made at once gives its place back; one that waits keeps it until its session gives it back.
    /// </summary>
    private static bool TryAsk<T>(IPolicyWaitGate gate, Func<ValueTask<T>> ask, out ValueTask<T> decision)
    {
        decision = default;
        if (!gate.TryEnter())
            return false;
        try
        {
            decision = ask();
        }
        catch
        {
            gate.Exit();
            throw;
        }
        if (decision.IsCompletedSuccessfully)
            gate.Exit();
        return true;
    }

    private static UsmRejected Busy(string policy) => new(DropReason.PolicyBusy, TrapReceiverErrorCodes.MessageNotAuthenticated,
        $"not asked UsmPolicies.{policy}: usm.max-pending-policy-decisions(-per-session) decisions are waiting already", null);

    /// <summary>A policy that throws or faults decides the safe way: no user, reject the engine, no discovery answer.</summary>
    private static UsmPending Pending<T>(ValueTask<T> pending, Func<T, UsmDecision> decision, UsmDecision onFailure, UsmResumePoint resume) =>
        new(pending.AsTask().ContinueWith(t => t.IsCompletedSuccessfully ? decision(t.Result) : onFailure, TaskContinuationOptions.ExecuteSynchronously), resume);

    /// <summary>
    /// Nothing is ever sent to source port 0: no socket can receive there, so a datagram claiming it is spoofed or broken.
    /// Such a reportable message gets no Report (none is built) and is counted in ReportsSuppressed.
    /// </summary>
    private bool Answerable(IPEndPoint source)
    {
        if (source.Port != 0)
            return true;
        usm.Counters.ReportToPortZero();
        return false;
    }

    /// <summary>The Report, unless usm.max-reports-per-second is used up (then counted, and none is built) or its keys were retired.</summary>
    private byte[]? Report(V3Message request, Oid counter, long value, UserKeys? keys = null)
    {
        if (keys is not null && !keys.TryAcquire())
            return null;
        try
        {
            if (!usm.Reports.TryTake())
                return null;
            usm.Counters.ReportSent();
            return UsmReports.Build(request, UsmReports.RequestIdOf(request), counter, value, usm.Local, usm.NowMs, keys);
        }
        finally
        {
            keys?.Release();
        }
    }

    private static UsmRejected Reject(DropReason reason, int code, string description, byte[]? report) => new(reason, code, description, report);

    private static string? DecodeUserName(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // Control characters and the invisible format characters (bidirectional overrides, zero-width) become '?'.
    private static string Printable(string? name) =>
        name is null ? "<not UTF-8>" : name.Length > 32 ? name[..32] + "..." : new string(name.Select(c => char.IsControl(c) || IsInvisible(c) ? '?' : c).ToArray());

    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) is
        System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator;
}
