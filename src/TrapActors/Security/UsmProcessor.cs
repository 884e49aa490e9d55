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
    public UsmOutcome Process(V3Message message)
    {
        var p = message.Usm!;
        var flags = message.Flags;
        if ((flags & V3MessageFlags.Priv) != 0 && (flags & V3MessageFlags.Auth) == 0)
            return new UsmRejected(DropReason.Malformed, ReferenceErrorCodes.DefectivePacket, "msgFlags ask for privacy without authentication", null);
        var level = (flags & V3MessageFlags.Priv) != 0 ? SecurityLevel.AuthPriv
            : (flags & V3MessageFlags.Auth) != 0 ? SecurityLevel.AuthNoPriv
            : SecurityLevel.NoAuthNoPriv;
        var reportable = (flags & V3MessageFlags.Reportable) != 0 && usm.Settings.ReportErrors;
        var engineId = p.EngineId.Span;
        var nowMs = usm.NowMs;

        // Discovery (RFC 3414 §4): an empty authoritative engine ID asks for ours.
        if (engineId.IsEmpty)
        {
            usm.Counters.UnknownEngineId();
            var answer = level == SecurityLevel.NoAuthNoPriv && (flags & V3MessageFlags.Reportable) != 0 && usm.Settings.RespondToDiscovery;
            return new UsmDiscovery(answer ? Report(message, UsmReports.UnknownEngineIds, usm.Counters.UnknownEngineIds, nowMs) : null);
        }

        var local = usm.Local.IsLocal(engineId);
        var userName = DecodeUserName(p.UserName.Span);
        var entry = userName is null ? null : usm.Table.Find(userName, engineId);
        if (entry is null)
        {
            usm.Counters.UnknownUserName();
            return Reject(DropReason.UnknownUser, ReferenceErrorCodes.BadUserName, $"unknown user '{Printable(userName)}'",
                reportable ? Report(message, UsmReports.UnknownUserNames, usm.Counters.UnknownUserNames, nowMs) : null);
        }

        var user = entry.User;
        if (level > user.Level || level < user.EffectiveMinimumLevel)
        {
            usm.Counters.UnsupportedSecLevel();
            return Reject(DropReason.UnsupportedSecurityLevel, ReferenceErrorCodes.SecurityLevelNotAccepted,
                $"user '{user.Name}' is not accepted at {level} (configured {user.Level}, minimum {user.EffectiveMinimumLevel})",
                reportable ? Report(message, UsmReports.UnsupportedSecLevels, usm.Counters.UnsupportedSecLevels, nowMs) : null);
        }

        if (level == SecurityLevel.NoAuthNoPriv)
        {
            if (message.ScopedPdu is not { } plain)
                return Reject(DropReason.Malformed, ReferenceErrorCodes.DefectivePacket, "an unencrypted message carries an encrypted PDU", null);
            return new UsmAccepted(plain, user.Name, level, entry, null, local, []);
        }

        var keys = usm.KeysFor(entry, engineId);
        if (!UsmAuthentication.Verify(keys.Auth, keys.AuthKey, message.WholeMessage.Span, message.AuthParametersOffset, p.AuthParameters.Span))
        {
            usm.Counters.WrongDigest();
            return Reject(DropReason.WrongDigest, ReferenceErrorCodes.VerificationFailed, $"wrong digest for user '{user.Name}'",
                reportable ? Report(message, UsmReports.WrongDigests, usm.Counters.WrongDigests, nowMs) : null);
        }

        if (CheckTimeliness(engineId, local, p, nowMs) is { } timeliness)
        {
            usm.Counters.NotInTimeWindow();
            return Reject(DropReason.NotInTimeWindow, ReferenceErrorCodes.BadTimeFrame, timeliness,
                reportable ? Report(message, UsmReports.NotInTimeWindows, usm.Counters.NotInTimeWindows, nowMs, keys) : null);
        }

        if (level == SecurityLevel.AuthNoPriv)
        {
            if (message.ScopedPdu is not { } plain)
                return Reject(DropReason.Malformed, ReferenceErrorCodes.DefectivePacket, "an unencrypted message carries an encrypted PDU", null);
            return new UsmAccepted(plain, user.Name, level, entry, keys, local, []);
        }

        if (TryDecrypt(message, entry, engineId, ref keys, out var scoped, out var decrypted))
            return new UsmAccepted(scoped, user.Name, level, entry, keys, local, decrypted);
        usm.Counters.DecryptionError();
        return Reject(DropReason.DecryptionError, ReferenceErrorCodes.DecryptionFailed, $"cannot decrypt for user '{user.Name}' ({keys.Priv.Name()})",
            reportable ? Report(message, UsmReports.DecryptionErrors, usm.Counters.DecryptionErrors, nowMs) : null);
    }

    /// <summary>Null when in time; else why not (RFC 3414 §3.2 step 7).</summary>
    private string? CheckTimeliness(ReadOnlySpan<byte> engineId, bool local, UsmSecurityParameters p, long nowMs)
    {
        var window = usm.Settings.TimeWindow;
        if (local)
        {
            return usm.Local.Check(p.EngineBoots, p.EngineTime, nowMs, window) == Timeliness.InTime
                ? null
                : $"boots/time {p.EngineBoots}/{p.EngineTime} outside the local engine's {usm.Local.Boots}/{usm.Local.Time(nowMs)} ± {window.TotalSeconds:0} s";
        }
        var engine = usm.Engine(engineId, p.EngineBoots, p.EngineTime, out var isNew);
        if (engine is null)
            return $"the remote engine table is full ({usm.Settings.MaxRemoteEngines})";
        if (isNew)
            return null;
        if (engine.Check(p.EngineBoots, p.EngineTime, nowMs, window) == Timeliness.InTime)
            return null;
        var (boots, time) = engine.Snapshot(nowMs);
        return $"boots/time {p.EngineBoots}/{p.EngineTime} outside the engine's {boots}/{time} ± {window.TotalSeconds:0} s";
    }

    private bool TryDecrypt(V3Message message, UsmUserEntry entry, ReadOnlySpan<byte> engineId, ref UserKeys keys, out ScopedPdu scoped, out byte[] decrypted)
    {
        if (usm.DetectedAes(entry, engineId) is { } detected && detected != keys.Priv)
            keys = usm.OtherAesVariant(entry, engineId, keys);
        if (TryDecryptWith(message, keys, out scoped, out decrypted))
            return true;
        var variant = keys.Priv.OtherAesVariant();
        if (usm.Settings.AesKeyExtension != AesKeyExtensionMode.Detect || variant == keys.Priv)
            return false;
        var other = usm.OtherAesVariant(entry, engineId, keys);
        if (!TryDecryptWith(message, other, out scoped, out decrypted))
            return false;
        keys = usm.RememberAes(entry, engineId, variant, other);
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

    private byte[] Report(V3Message request, Oid counter, long value, long nowMs, UserKeys? keys = null)
    {
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
