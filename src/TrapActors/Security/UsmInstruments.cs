using System.Diagnostics.Metrics;
using TrapActors.Configuration;
using TrapActors.Diagnostics;

namespace TrapActors.Security;

/// <summary>The instruments over the USM counters (RFC 3414 §5 usmStats and the rest of <see cref="UsmStats"/>; docs/metrics.md).</summary>
internal static class UsmInstruments
{
    /// <summary>The usmStats counters, each under the name of its drop reason.</summary>
    private static readonly (DropReason Reason, Func<UsmCounters, long> Read)[] Rejections =
    [
        (DropReason.UnsupportedSecurityLevel, c => c.UnsupportedSecLevels),
        (DropReason.NotInTimeWindow, c => c.NotInTimeWindows),
        (DropReason.UnknownUser, c => c.UnknownUserNames),
        (DropReason.UnknownEngine, c => c.UnknownEngineIds),
        (DropReason.WrongDigest, c => c.WrongDigests),
        (DropReason.DecryptionError, c => c.DecryptionErrors),
    ];

    public static void Register(ReceiverMetrics metrics, UsmRuntime usm)
    {
        var counters = usm.Counters;
        var rejections = Rejections.Select(r => (r.Read, Tags: metrics.Tags(TrapReceiverMetrics.ReasonAttribute, KebabCase.Of(r.Reason)))).ToArray();
        metrics.Meter.CreateObservableCounter("trapactors.usm.messages.rejected",
            () => rejections.Select(r => new Measurement<long>(r.Read(counters), r.Tags)), "{message}",
            "SNMPv3 messages USM refused or answered with a Report (RFC 3414 usmStats), by reason; unknown-engine includes engine-discovery probes.");
        UsmStats Read() => counters.Snapshot(usm.Reports.Refused);
        metrics.Counter("trapactors.usm.key_derivations", "{derivation}",
            "Password-to-key and key localizations computed.", () => Read().KeyDerivations);
        metrics.Counter("trapactors.usm.reports.sent", "{report}", "Report-PDUs sent (discovery and errors).", () => Read().ReportsSent);
        metrics.Counter("trapactors.usm.reports.suppressed", "{report}",
            "Reports not sent because usm.max-reports-per-second was used up, or addressed to port 0.", () => Read().ReportsSuppressed);
        metrics.Counter("trapactors.usm.localized_keys.evicted", "{key}",
            "Localized keys evicted to make room (usm.max-localized-keys).", () => Read().LocalizedKeysEvicted);
        metrics.Counter("trapactors.usm.accepted_outside_time_window", "{notification}",
            "Authenticated traps outside the time window delivered because usm.accept-outside-time-window is on.", () => Read().AcceptedOutsideTimeWindow);
        metrics.Counter("trapactors.usm.remote_engines.evicted", "{engine}",
            "Learned remote engines evicted, least recently used first, from a full table (usm.max-remote-engines).", () => Read().RemoteEnginesEvicted);
        metrics.Counter("trapactors.usm.remote_engines.over_quota", "{engine}",
            "Learned remote engines that left because their user learned more than usm.max-remote-engines-per-user.", () => Read().RemoteEnginesOverQuota);
        metrics.Counter("trapactors.usm.remote_engines.refused", "{engine}",
            "New remote engines refused because the table was full of engines the application added.", () => Read().RemoteEnginesRefused);
    }
}
