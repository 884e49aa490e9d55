using System.Net;
using TrapActors.Snmp;
using TrapActors.Snmp.Messages;
using TrapActors.Snmp.Security;

namespace TrapActors.Security;

/// <summary>The stages after authentication: a remote engine's timeliness (step 7b) and decryption (step 8).</summary>
internal sealed partial class UsmProcessor
{
    /// <summary>
    /// RFC 3414 §3.2 step 7b for a remote authoritative engine, with the check-engine policy deciding on new engines
    /// and on known ones that fail the check (by default a new engine is accepted, a known one out of time is not).
    /// <paramref name="decided"/> is the policy's answer when resuming; the engine's clock is read afresh either way.
    /// </summary>
    private UsmOutcome CheckRemoteEngine(V3Message message, IPEndPoint source, UsmUserEntry entry, SecurityLevel level, UserKeys keys, bool reportable, bool? decided,
        IPolicyWaitGate gate)
    {
        var p = message.Usm!;
        var engineId = p.EngineId.Span;
        var window = usm.Settings.TimeWindow;
        var nowMs = usm.NowMs;
        var engine = usm.FindEngine(engineId);
        if (p.EngineBoots == RemoteEngine.LatchedBoots)
            return LatchedBoots(message, entry, level, keys, reportable, engineId, gate);
        var inTime = engine is null || engine.Check(p.EngineBoots, p.EngineTime, nowMs, window, MayAdvance(engine, entry.User)) == Timeliness.InTime;
        if (engine is not null && inTime)
            return Decrypt(message, entry, level, keys, local: false, reportable, gate);

        var accept = decided ?? engine is null;
        if (decided is null && _policies.CheckEngine is { } checkEngine)
        {
            var request = new CheckEngineRequest([.. engineId], p.EngineBoots, p.EngineTime, entry.User.Name, level, source, engine is null, accept);
            if (!TryAsk(gate, () => checkEngine(request), out var decision))
                return Busy("CheckEngine");
            if (!decision.IsCompletedSuccessfully)
                return Pending(decision, a => new EngineDecided(a), new EngineDecided(false), new ResumeAtEngineCheck(entry, keys, level, reportable));
            accept = decision.Result;
        }

        if (engine is null)
        {
            if (!accept)
            {
                usm.Counters.UnknownEngineId();
                return Reject(DropReason.UnknownEngine, TrapReceiverErrorCodes.BadEngineId, $"engine {EngineId.Format(engineId)} not accepted", null);
            }
            if (usm.RemoteEngines.Learn(engineId, p.EngineBoots, p.EngineTime, nowMs, entry.User.AnyEngine ? entry.User.Name : null) != EngineAdmission.Added)
            {
                usm.Counters.UnknownEngineId();
                return Reject(DropReason.UnknownEngine, TrapReceiverErrorCodes.BadEngineId, $"the remote engine table is full of engines added by the application ({usm.Settings.MaxRemoteEngines})", null);
            }
            return Decrypt(message, entry, level, keys, local: false, reportable, gate);
        }
        if (accept)
        {
            engine.Set(p.EngineBoots, p.EngineTime, nowMs);
            return Decrypt(message, entry, level, keys, local: false, reportable, gate);
        }
        if (usm.Settings.AcceptOutsideTimeWindow)
        {
            usm.Counters.AcceptedOutsideTimeWindow();
            return Decrypt(message, entry, level, keys, local: false, reportable, gate);
        }
        var (boots, time) = engine.Snapshot(nowMs);
        var description = $"engine {EngineId.Format(engineId)}: boots/time {p.EngineBoots}/{p.EngineTime} outside the engine's {boots}/{time} ± {window.TotalSeconds:0} s";
        return NotInTime(message, keys, reportable, description) with
        {
            Warning = engine.TryClaimOutOfWindowWarning()
                ? $"Dropping authenticated traps from SNMPv3 {description} (notInTimeWindow, RFC 3414 §3.2). An agent that never sets its engine clock sends boots 0 and time 0 on every trap; to deliver its traps anyway set trap-actors.usm.accept-outside-time-window = on. Logged once per engine."
                : null,
        };
    }

    /// <summary>
    /// An engine learned from an any-engine user's message is advanced only by that user or by users bound to the engine:
    /// another any-engine user's key cannot move a device's clock past the device's own messages (decision 0031).
    /// </summary>
    private static bool MayAdvance(RemoteEngine engine, UsmUser user) =>
        engine.LearnedBy is null || !user.AnyEngine || engine.LearnedBy == user.Name;

    /// <summary>
    /// snmpEngineBoots 2147483647 is the latched "not in time window" state (RFC 3414 §2.2.2, §3.2 step 7b): such a message
    /// is rejected as notInTimeWindow and records nothing, so that one message cannot lock the real engine out.
    /// </summary>
    private UsmOutcome LatchedBoots(V3Message message, UsmUserEntry entry, SecurityLevel level, UserKeys keys, bool reportable, ReadOnlySpan<byte> engineId,
        IPolicyWaitGate gate)
    {
        if (usm.Settings.AcceptOutsideTimeWindow)
        {
            usm.Counters.AcceptedOutsideTimeWindow();
            return Decrypt(message, entry, level, keys, local: false, reportable, gate);
        }
        return NotInTime(message, keys, reportable, $"engine {EngineId.Format(engineId)}: boots {RemoteEngine.LatchedBoots} is the latched value (RFC 3414 §2.2.2)");
    }

    /// <summary>
    /// A noAuthNoPriv message to a remote authoritative engine (a trap): RFC 3414 §3.2 has no timeliness check without
    /// authentication, so the check-engine policy alone decides, accepting by default (<paramref name="decided"/> is its
    /// answer when resuming). The message's boots and time are not authentic: the engine is neither added nor updated.
    /// </summary>
    private UsmOutcome CheckUnauthenticatedEngine(V3Message message, IPEndPoint source, UsmUserEntry entry, bool reportable, bool? decided, IPolicyWaitGate gate)
    {
        var p = message.Usm!;
        var accept = decided ?? true;
        if (decided is null && _policies.CheckEngine is { } checkEngine)
        {
            var isNew = usm.FindEngine(p.EngineId.Span) is null;
            var request = new CheckEngineRequest([.. p.EngineId.Span], p.EngineBoots, p.EngineTime, entry.User.Name, SecurityLevel.NoAuthNoPriv, source, isNew, DefaultAccept: true);
            if (!TryAsk(gate, () => checkEngine(request), out var decision))
                return Busy("CheckEngine");
            if (!decision.IsCompletedSuccessfully)
                return Pending(decision, a => new EngineDecided(a), new EngineDecided(false), new ResumeAtUnauthenticatedEngineCheck(entry, reportable));
            accept = decision.Result;
        }
        if (accept)
            return AcceptUnauthenticated(message, entry, local: false, reportable, gate);
        usm.Counters.UnknownEngineId();
        return Reject(DropReason.UnknownEngine, TrapReceiverErrorCodes.BadEngineId,
            $"engine {EngineId.Format(p.EngineId.Span)} not accepted for noAuthNoPriv user '{entry.User.Name}'", null);
    }

    /// <summary>A noAuthNoPriv message past its checks: only the user's minimum level remains.</summary>
    private UsmOutcome AcceptUnauthenticated(V3Message message, UsmUserEntry entry, bool local, bool reportable, IPolicyWaitGate gate) =>
        CheckMinimumLevel(message, new UsmAccepted(message.ScopedPdu!, entry.User.Name, SecurityLevel.NoAuthNoPriv, entry, null, local, []), reportable, decided: null, gate);

    /// <summary>Step 8: the scoped PDU, decrypted at authPriv (with AES key-extension detection when configured).</summary>
    private UsmOutcome Decrypt(V3Message message, UsmUserEntry entry, SecurityLevel level, UserKeys keys, bool local, bool reportable, IPolicyWaitGate gate)
    {
        var user = entry.User;
        if (level == SecurityLevel.AuthNoPriv)
        {
            if (message.ScopedPdu is not { } plain)
                return Reject(DropReason.Malformed, TrapReceiverErrorCodes.DefectivePacket, "an unencrypted message carries an encrypted PDU", null);
            return CheckMinimumLevel(message, new UsmAccepted(plain, user.Name, level, entry, keys, local, []), reportable, decided: null, gate);
        }

        if (TryDecrypt(message, entry, message.Usm!.EngineId.Span, ref keys, out var scoped, out var decrypted))
            return CheckMinimumLevel(message, new UsmAccepted(scoped, user.Name, level, entry, keys, local, decrypted), reportable, decided: null, gate);
        usm.Counters.DecryptionError();
        return Reject(DropReason.DecryptionError, TrapReceiverErrorCodes.DecryptionFailed, $"cannot decrypt for user '{user.Name}' ({keys.Priv.Name()})",
            reportable ? Report(message, UsmReportOids.DecryptionErrors, usm.Counters.DecryptionErrors) : null);
    }

    /// <summary>
    /// With usm.aes-key-extension = detect, the other AES-192/256 extension's keys are derived once per user and engine
    /// and kept whatever the outcome, so a message that decrypts with neither costs two decryptions, never a derivation.
    /// </summary>
    private bool TryDecrypt(V3Message message, UsmUserEntry entry, ReadOnlySpan<byte> engineId, ref UserKeys keys, out ScopedPdu scoped, out byte[] decrypted)
    {
        var detect = usm.Settings.AesKeyExtension == AesKeyExtensionMode.Detect && keys.Priv.OtherAesVariant() != keys.Priv;
        var alternative = detect ? usm.AesAlternativeFor(entry, engineId) : null;
        if (alternative is { Decrypts: true } && TryDecryptWith(message, alternative.Keys, out scoped, out decrypted))
        {
            keys = alternative.Keys;
            return true;
        }
        if (TryDecryptWith(message, keys, out scoped, out decrypted))
        {
            alternative?.Decrypts = false;
            return true;
        }
        if (!detect || alternative is { Decrypts: true })
            return false;
        alternative ??= usm.RememberAes(entry, engineId, keys);
        if (alternative is null || !TryDecryptWith(message, alternative.Keys, out scoped, out decrypted))
            return false;
        alternative.Decrypts = true;
        keys = alternative.Keys;
        return true;
    }

    private bool TryDecryptWith(V3Message message, UserKeys keys, out ScopedPdu scoped, out byte[] decrypted)
    {
        scoped = null!;
        var p = message.Usm!;
        if (message.ScopedPdu is not null)
        {
            decrypted = [];
            return false;
        }
        decrypted = [];
        if (!keys.TryAcquire())
            return false;
        try
        {
            Interlocked.Increment(ref _pdusDecrypted);
            if (keys.PrivKey is not { } privKey
                || !UsmPrivacy.TryDecrypt(keys.Priv, privKey, p.EngineBoots, p.EngineTime, p.PrivParameters.Span, message.EncryptedPdu.Span, out decrypted))
            {
                decrypted = [];
                return false;
            }
        }
        finally
        {
            keys.Release();
        }
        if (!SnmpMessageDecoder.TryDecodeScopedPdu(decrypted, limits, out var pdu, out _))
            return false;
        scoped = pdu;
        return true;
    }
}
