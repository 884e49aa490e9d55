using System.Buffers;
using System.Text;
using System.Text.Json;
using TrapActors.Configuration;

namespace TrapActors.Daemon;

/// <summary>
/// What the printer took from the receiver and did not put on standard output: lines the output did not take
/// (<see cref="LineWriter.LinesNotWritten"/>) and notifications that could not be formatted.
/// </summary>
public readonly record struct PrinterLosses(long OutputFailed, long FormatFailed)
{
    public long Total => OutputFailed + FormatFailed;
}

/// <summary>
/// The receiver's counters as one JSON object: received, decoded, delivered, informsAnswered,
/// dropped (every <see cref="DropReason"/> in kebab-case, then the daemon's own output-failed and format-failed, zeros
/// included), droppedTotal, activeSessions, peakSessions, sessionsEvicted, lenientDecodes, inFlight, eventsSuppressed, logLinesSuppressed,
/// usm (the RFC 3414 usmStats counters, plus keyDerivations and reportsSent), and dtls (cookie exchanges,
/// handshakes, associations, evictions, refusals by reason).
/// </summary>
public static class StatsJson
{
    /// <summary>The daemon's drop reasons, after the receiver's: lines standard output did not take, and notifications that could not be formatted.</summary>
    public const string OutputFailed = "output-failed";

    /// <inheritdoc cref="OutputFailed"/>
    public const string FormatFailed = "format-failed";

    /// <param name="stats">The receiver's counters.</param>
    /// <param name="losses">
    /// What the printer lost, when it is the receiver's only subscriber: moved from delivered to the daemon's drop
    /// reasons, so that received = delivered + droppedTotal still holds.
    /// </param>
    public static string Format(TrapReceiverStats stats, PrinterLosses losses = default)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("received", stats.Received);
            w.WriteNumber("decoded", stats.Decoded);
            w.WriteNumber("delivered", stats.Delivered - losses.Total);
            w.WriteNumber("informsAnswered", stats.InformsAnswered);
            w.WriteNumber("socketBufferDrops", stats.SocketBufferDrops);
            w.WriteStartObject("dropped");
            foreach (var reason in Enum.GetValues<DropReason>())
                w.WriteNumber(ReasonName(reason), stats.Dropped.GetValueOrDefault(reason));
            w.WriteNumber(OutputFailed, losses.OutputFailed);
            w.WriteNumber(FormatFailed, losses.FormatFailed);
            w.WriteEndObject();
            w.WriteNumber("droppedTotal", stats.TotalDropped + losses.Total);
            w.WriteNumber("activeSessions", stats.ActiveSessions);
            w.WriteNumber("peakSessions", stats.PeakSessions);
            w.WriteNumber("sessionsEvicted", stats.SessionsEvicted);
            w.WriteNumber("lenientDecodes", stats.LenientDecodes);
            w.WriteNumber("inFlight", stats.InFlight);
            w.WriteNumber("eventsSuppressed", stats.EventsSuppressed);
            w.WriteNumber("logLinesSuppressed", stats.LogLinesSuppressed);
            WriteUsm(w, stats.Usm);
            WriteDtls(w, stats.Dtls);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteUsm(Utf8JsonWriter w, UsmStats usm)
    {
        w.WriteStartObject("usm");
        w.WriteNumber("unsupportedSecLevels", usm.UnsupportedSecLevels);
        w.WriteNumber("notInTimeWindows", usm.NotInTimeWindows);
        w.WriteNumber("unknownUserNames", usm.UnknownUserNames);
        w.WriteNumber("unknownEngineIds", usm.UnknownEngineIds);
        w.WriteNumber("wrongDigests", usm.WrongDigests);
        w.WriteNumber("decryptionErrors", usm.DecryptionErrors);
        w.WriteNumber("keyDerivations", usm.KeyDerivations);
        w.WriteNumber("reportsSent", usm.ReportsSent);
        w.WriteNumber("reportsSuppressed", usm.ReportsSuppressed);
        w.WriteNumber("localizedKeysEvicted", usm.LocalizedKeysEvicted);
        w.WriteNumber("acceptedOutsideTimeWindow", usm.AcceptedOutsideTimeWindow);
        w.WriteNumber("remoteEnginesEvicted", usm.RemoteEnginesEvicted);
        w.WriteNumber("remoteEnginesOverQuota", usm.RemoteEnginesOverQuota);
        w.WriteNumber("remoteEnginesRefused", usm.RemoteEnginesRefused);
        w.WriteEndObject();
    }

    private static void WriteDtls(Utf8JsonWriter w, DtlsStats dtls)
    {
        w.WriteStartObject("dtls");
        w.WriteNumber("helloVerifyRequests", dtls.HelloVerifyRequests);
        w.WriteNumber("handshakes", dtls.Handshakes);
        w.WriteNumber("established", dtls.Established);
        w.WriteNumber("closed", dtls.Closed);
        w.WriteNumber("active", dtls.Active);
        w.WriteNumber("datagramsDropped", dtls.DatagramsDropped);
        w.WriteNumber("evicted", dtls.Evicted);
        w.WriteNumber("handshakesEvicted", dtls.HandshakesEvicted);
        w.WriteStartObject("refused");
        foreach (var reason in Enum.GetValues<DtlsRefusal>())
            w.WriteNumber(KebabCase.Of(reason), dtls.Refused.GetValueOrDefault(reason));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A drop reason's name in the JSON (<see cref="KebabCase"/>): TooLarge → too-large, UnknownCommunity → unknown-community.</summary>
    public static string ReasonName(DropReason reason) => KebabCase.Of(reason);
}
