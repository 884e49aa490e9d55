using System.Net;
using System.Text;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>
/// Incoming-message processing of USM, in the order of RFC 3414 §3.2: security level, engine and user lookup,
/// authentication over the received bytes, timeliness, then decryption. Every failure counts its usmStats
/// counter and yields the Report that is due (only to reportable messages, and only with usm.report-errors).
/// Never throws on input.
/// </summary>
internal sealed class UsmProcessor(UsmRuntime usm, DecodeLimits limits)
{
    private readonly UsmPolicies _policies = usm.Policies;

    public UsmOutcome Process(V3Message message, IPEndPoint source, UsmDecisions decisions)
    {
        var p = message.Usm!;
        var flags = message.Flags;
        if ((flags & V3MessageFlags.Priv) != 0 && (flags & V3MessageFlags.Auth) == 0)
            return new UsmRejected(DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket, "msgFlags ask for privacy without authentication", null);
        var level = (flags & V3MessageFlags.Priv) != 0 ? SecurityLevel.AuthPriv
            : (flags & V3MessageFlags.Auth) != 0 ? SecurityLevel.AuthNoPriv
            : SecurityLevel.NoAuthNoPriv;
        var reportable = (flags & V3MessageFlags.Reportable) != 0 && usm.Settings.ReportErrors;
        var engineId = p.EngineId.Span;
        var nowMs = usm.NowMs;

        // Discovery (RFC 3414 §4): an empty authoritative engine ID asks for ours.
        if (engineId.IsEmpty)
        {
            var respond = decisions.RespondToDiscovery ?? usm.Settings.RespondToDiscovery;
            if (decisions.RespondToDiscovery is null && _policies.RespondToDiscovery is { } discoveryPolicy)
            {
                var decided = discoveryPolicy(new DiscoveryRequest(DecodeUserName(p.UserName.Span) ?? "", level, source));
                if (!decided.IsCompletedSuccessfully)
                    return Pending(decided, r => new DiscoveryDecided(r), new DiscoveryDecided(false));
                respond = decided.Result;
            }
            usm.Counters.UnknownEngineId();
            var answer = respond && level == SecurityLevel.NoAuthNoPriv && (flags & V3MessageFlags.Reportable) != 0;
            return new UsmDiscovery(answer ? Report(message, UsmReports.UnknownEngineIds, usm.Counters.UnknownEngineIds, nowMs) : null);
        }

        var local = usm.Local.IsLocal(engineId);
        if (!local && (flags & V3MessageFlags.Reportable) != 0)
        {
            // A confirmed-class message (an inform) must name this engine: RFC 3414 §3.2 step 3.
            usm.Counters.UnknownEngineId();
            return Reject(DropReason.UnknownEngine, TrapReceiverErrorCodes.BadEngineId, $"a reportable message for engine {EngineId.Format(engineId)}, not this receiver's",
                reportable ? Report(message, UsmReports.UnknownEngineIds, usm.Counters.UnknownEngineIds, nowMs) : null);
        }
        var userName = DecodeUserName(p.UserName.Span);
        var entry = userName is null ? null : usm.Table.Find(userName, engineId);
        if (entry is null && userName is not null && !decisions.UserLookedUp && _policies.GetUser is { } getUser)
        {
            var provided = getUser(new UsmUserRequest(userName, [.. engineId], level, source));
            if (!provided.IsCompletedSuccessfully || provided.Result is not null)
                return Pending(provided, u => new UserProvided(u), new UserProvided(null));
        }
        if (entry is null)
        {
            usm.Counters.UnknownUserName();
            return Reject(DropReason.UnknownUser, TrapReceiverErrorCodes.BadUserName, $"unknown user '{Printable(userName)}'",
                reportable ? Report(message, UsmReports.UnknownUserNames, usm.Counters.UnknownUserNames, nowMs) : null);
        }

        var user = entry.User;
        if (level > user.Level)
            return UnsupportedLevel(message, user, level, $"user '{user.Name}' is configured for {user.Level}, not {level}", reportable, nowMs);

        if (level == SecurityLevel.NoAuthNoPriv)
        {
            if (message.ScopedPdu is not { } plain)
                return Reject(DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket, "an unencrypted message carries an encrypted PDU", null);
            return Accept(message, new UsmAccepted(plain, user.Name, level, entry, null, local, []), decisions, reportable, nowMs);
        }

        var keys = usm.KeysFor(entry, engineId);
        if (!UsmAuthentication.Verify(keys.Auth, keys.AuthKey, message.WholeMessage.Span, message.AuthParametersOffset, p.AuthParameters.Span))
        {
            usm.Counters.WrongDigest();
            return Reject(DropReason.WrongDigest, TrapReceiverErrorCodes.VerificationFailed, $"wrong digest for user '{user.Name}'",
                reportable ? Report(message, UsmReports.WrongDigests, usm.Counters.WrongDigests, nowMs) : null);
        }

        if (local)
        {
            if (usm.Local.Check(p.EngineBoots, p.EngineTime, nowMs, usm.Settings.TimeWindow) != Timeliness.InTime)
                return NotInTime(message, keys, reportable, nowMs,
                    $"boots/time {p.EngineBoots}/{p.EngineTime} outside the local engine's {usm.Local.Boots}/{usm.Local.Time(nowMs)} ± {usm.Settings.TimeWindow.TotalSeconds:0} s");
        }
        else if (CheckRemoteEngine(message, source, user.Name, level, keys, reportable, decisions, nowMs) is { } refused)
        {
            return refused;
        }

        if (level == SecurityLevel.AuthNoPriv)
        {
            if (message.ScopedPdu is not { } plain)
                return Reject(DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket, "an unencrypted message carries an encrypted PDU", null);
            return Accept(message, new UsmAccepted(plain, user.Name, level, entry, keys, local, []), decisions, reportable, nowMs);
        }

        if (TryDecrypt(message, entry, engineId, ref keys, out var scoped, out var decrypted))
            return Accept(message, new UsmAccepted(scoped, user.Name, level, entry, keys, local, decrypted), decisions, reportable, nowMs);
        usm.Counters.DecryptionError();
        return Reject(DropReason.DecryptionError, TrapReceiverErrorCodes.DecryptionFailed, $"cannot decrypt for user '{user.Name}' ({keys.Priv.Name()})",
            reportable ? Report(message, UsmReports.DecryptionErrors, usm.Counters.DecryptionErrors, nowMs) : null);
    }

    /// <summary>
    /// The last gate: the user's minimum level (the reference's on_get_user_security_level). It comes after
    /// authentication and timeliness so that an authenticated time-synchronization request below the minimum still gets
    /// its notInTimeWindow report, yet nothing below the minimum is ever delivered — a downgraded msgFlags included.
    /// </summary>
    private UsmOutcome Accept(V3Message message, UsmAccepted accepted, UsmDecisions decisions, bool reportable, long nowMs)
    {
        var user = accepted.User!.User;
        var minimum = decisions.MinimumLevel ?? user.EffectiveMinimumLevel;
        if (decisions.MinimumLevel is null && _policies.MinimumSecurityLevel is { } levelPolicy)
        {
            var decided = levelPolicy(new UsmSecurityLevelRequest(user.Name, [.. message.Usm!.EngineId.Span], user.EffectiveMinimumLevel, accepted.Level));
            if (!decided.IsCompletedSuccessfully)
                return Pending(decided, l => new MinimumLevelDecided(l), new MinimumLevelDecided(SecurityLevel.AuthPriv));
            minimum = decided.Result;
        }
        return accepted.Level >= minimum
            ? accepted
            : UnsupportedLevel(message, user, accepted.Level, $"user '{user.Name}' is not accepted below {minimum} (got {accepted.Level})", reportable, nowMs);
    }

    private UsmRejected UnsupportedLevel(V3Message message, UsmUser user, SecurityLevel level, string description, bool reportable, long nowMs)
    {
        usm.Counters.UnsupportedSecLevel();
        return Reject(DropReason.UnsupportedSecurityLevel, TrapReceiverErrorCodes.SecurityLevelNotAccepted, description,
            reportable ? Report(message, UsmReports.UnsupportedSecLevels, usm.Counters.UnsupportedSecLevels, nowMs) : null);
    }

    /// <summary>
    /// RFC 3414 §3.2 step 7b for a remote authoritative engine, with the check-engine policy deciding on new
    /// engines and on known ones that fail the check (the reference's on_check_engine rules a and b by default).
    /// Null when the message may go on.
    /// </summary>
    private UsmOutcome? CheckRemoteEngine(V3Message message, IPEndPoint source, string user, SecurityLevel level, UserKeys keys, bool reportable, UsmDecisions decisions, long nowMs)
    {
        var p = message.Usm!;
        var engineId = p.EngineId.Span;
        var window = usm.Settings.TimeWindow;
        var engine = usm.FindEngine(engineId);
        var inTime = engine is null || engine.Check(p.EngineBoots, p.EngineTime, nowMs, window) == Timeliness.InTime;
        if (engine is not null && inTime)
            return null;

        var accept = decisions.EngineAccepted ?? true;
        var defaultAccept = engine is null;
        if (decisions.EngineAccepted is null)
        {
            accept = defaultAccept;
            if (_policies.CheckEngine is { } checkEngine)
            {
                var decided = checkEngine(new CheckEngineRequest([.. engineId], p.EngineBoots, p.EngineTime, user, level, source, engine is null, defaultAccept));
                if (!decided.IsCompletedSuccessfully)
                    return Pending(decided, a => new EngineDecided(a), new EngineDecided(false));
                accept = decided.Result;
            }
        }

        if (engine is null)
        {
            if (!accept)
            {
                usm.Counters.UnknownEngineId();
                return Reject(DropReason.UnknownEngine, TrapReceiverErrorCodes.BadEngineId, $"engine {EngineId.Format(engineId)} not accepted", null);
            }
            if (!usm.AddEngine(engineId, p.EngineBoots, p.EngineTime))
            {
                usm.Counters.UnknownEngineId();
                return Reject(DropReason.UnknownEngine, TrapReceiverErrorCodes.BadEngineId, $"the remote engine table is full ({usm.Settings.MaxRemoteEngines})", null);
            }
            return null;
        }
        if (accept)
        {
            engine.Set(p.EngineBoots, p.EngineTime, nowMs);
            return null;
        }
        var (boots, time) = engine.Snapshot(nowMs);
        return NotInTime(message, keys, reportable, nowMs,
            $"boots/time {p.EngineBoots}/{p.EngineTime} outside the engine's {boots}/{time} ± {window.TotalSeconds:0} s");
    }

    private UsmRejected NotInTime(V3Message message, UserKeys keys, bool reportable, long nowMs, string description)
    {
        usm.Counters.NotInTimeWindow();
        return Reject(DropReason.NotInTimeWindow, TrapReceiverErrorCodes.BadTimeFrame, description,
            reportable ? Report(message, UsmReports.NotInTimeWindows, usm.Counters.NotInTimeWindows, nowMs, keys) : null);
    }

    /// <summary>A policy that throws or faults decides the safe way: no user, reject the engine, no discovery answer.</summary>
    private static UsmPending Pending<T>(ValueTask<T> pending, Func<T, UsmDecision> decision, UsmDecision onFailure) =>
        new(pending.AsTask().ContinueWith(t => t.IsCompletedSuccessfully ? decision(t.Result) : onFailure, TaskContinuationOptions.ExecuteSynchronously));

    private bool TryDecrypt(V3Message message, UsmUserEntry entry, ReadOnlySpan<byte> engineId, ref UserKeys keys, out ScopedPdu scoped, out byte[] decrypted)
    {
        if (usm.DetectedAes(entry, engineId) is { } detected)
            keys = detected;
        if (TryDecryptWith(message, keys, out scoped, out decrypted))
            return true;
        if (usm.Settings.AesKeyExtension != AesKeyExtensionMode.Detect || keys.Priv.OtherAesVariant() == keys.Priv)
            return false;
        var other = usm.OtherAesVariant(entry, engineId, keys);
        if (!TryDecryptWith(message, other, out scoped, out decrypted))
            return false;
        keys = usm.RememberAes(entry, engineId, other);
        return true;
    }

    private bool TryDecryptWith(V3Message message, UserKeys keys, out ScopedPdu scoped, out byte[] decrypted)
    {
        scoped = null!;
        var p = message.Usm!;
        if (message.ScopedPdu is not null ||
            !UsmPrivacy.TryDecrypt(keys.Priv, keys.PrivKey, p.EngineBoots, p.EngineTime, p.PrivParameters.Span, message.EncryptedPdu.Span, out decrypted))
        {
            decrypted = [];
            return false;
        }
        if (!SnmpMessageDecoder.TryDecodeScopedPdu(decrypted, limits, out var pdu, out _))
            return false;
        scoped = pdu;
        return true;
    }

    /// <summary>The Report, unless usm.max-reports-per-second is used up (then counted, and none is built).</summary>
    private byte[]? Report(V3Message request, Oid counter, long value, long nowMs, UserKeys? keys = null)
    {
        if (!usm.Reports.TryTake())
            return null;
        usm.Counters.ReportSent();
        return UsmReports.Build(request, UsmReports.RequestIdOf(request), counter, value, usm.Local, nowMs, keys);
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

    private static string Printable(string? name) =>
        name is null ? "<not UTF-8>" : name.Length > 32 ? name[..32] + "..." : new string(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
